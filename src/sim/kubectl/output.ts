/** `-o` formats other than tables: yaml, json, name, jsonpath, custom-columns, go-template-ish. */
import type { Obj } from '../client/types';
import { CmdError } from './errors';
import { toYaml } from './printers/yaml';
import { toJson } from './printers/json';
import { printJsonPath, PrinterError, kubectlErrorText } from './printers/jsonpath';
import { parseCustomColumnsFile, parseCustomColumnsSpec, printCustomColumns } from './printers/custom-columns';
import { GoTemplateError, printGoTemplate } from './printers/go-template';

export type OutputKind = 'table' | 'wide' | 'yaml' | 'json' | 'name' | 'jsonpath' | 'custom-columns' | 'go-template';

export interface OutputFormat {
  kind: OutputKind;
  /** jsonpath template or custom-columns spec. */
  arg?: string;
  /** jsonpath-as-json */
  asJson?: boolean;
  /** --allow-missing-template-keys=false makes a missing field an error. */
  allowMissingKeys?: boolean;
  /** --show-managed-fields: keep metadata.managedFields (kubectl strips them by default). */
  showManagedFields?: boolean;
}

const ALLOWED = 'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

/**
 * `-o` (and `--template`: without -o it means go-template, PrintFlags.ToPrinter; with a
 * template-taking -o it is the template).
 */
export function parseOutput(o: string, readFile?: (p: string) => string | undefined, template?: string): OutputFormat {
  if (!o && template) o = 'go-template';
  if (!o) return { kind: 'table' };
  const eq = o.indexOf('=');
  const name = eq >= 0 ? o.slice(0, eq) : o;
  const arg = eq >= 0 ? o.slice(eq + 1) : template || undefined;
  switch (name) {
    case 'wide':
    case 'yaml':
    case 'json':
    case 'name':
      return { kind: name };
    case 'jsonpath':
    case 'jsonpath-as-json':
      if (!arg) throw new CmdError('template format specified but no template given');
      return { kind: 'jsonpath', arg, asJson: name === 'jsonpath-as-json' };
    case 'jsonpath-file': {
      const t = readFile?.(arg ?? '');
      if (t === undefined) throw new CmdError(`error reading --template ${arg}, open ${arg}: no such file or directory`);
      return { kind: 'jsonpath', arg: t };
    }
    case 'go-template':
    case 'template':
      if (!arg) throw new CmdError('template format specified but no template given');
      return { kind: 'go-template', arg };
    case 'go-template-file':
    case 'templatefile': {
      const t = readFile?.(arg ?? '');
      if (t === undefined) throw new CmdError(`error reading --template ${arg}, open ${arg}: no such file or directory`);
      return { kind: 'go-template', arg: t };
    }
    case 'custom-columns':
      if (!arg) throw new CmdError('custom-columns format specified but no custom columns given');
      return { kind: 'custom-columns', arg };
    case 'custom-columns-file': {
      const t = readFile?.(arg ?? '');
      if (t === undefined) throw new CmdError(`open ${arg}: no such file or directory`);
      return { kind: 'custom-columns', arg: `file:${t}` };
    }
  }
  throw new CmdError(`unable to match a printer suitable for the output format "${o}", allowed formats are: ${ALLOWED}`);
}

/** `kind: List` wrapper kubectl prints for several objects. */
export function asList(items: Obj[]): Obj {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } } as unknown as Obj;
}

/** Print objects; `single` = the request named exactly one object (print it bare). */
export function printObjects(fmt: OutputFormat, items: Obj[], single: boolean, kindPrefix: (o: Obj) => string, noHeaders = false): string {
  try {
    return printObjectsUnsafe(fmt, items, single, kindPrefix, noHeaders);
  } catch (e) {
    if (e instanceof PrinterError) throw new CmdError(kubectlErrorText(e), 1, true);
    throw e;
  }
}

function withoutManagedFields(o: Obj): Obj {
  if (!o?.metadata || !('managedFields' in o.metadata)) return o;
  const { managedFields: _m, ...metadata } = o.metadata as Obj['metadata'] & { managedFields?: unknown };
  void _m;
  return { ...o, metadata } as Obj;
}

function printObjectsUnsafe(fmt: OutputFormat, all: Obj[], single: boolean, kindPrefix: (o: Obj) => string, noHeaders: boolean): string {
  const items = fmt.showManagedFields ? all : all.map(withoutManagedFields);
  if (items !== all) {
    const orig = new Map(items.map((o, i) => [o, all[i]]));
    const prefix = kindPrefix;
    kindPrefix = (o) => prefix(orig.get(o) ?? o);
  }
  const subject = single && items.length === 1 ? items[0] : asList(items);
  switch (fmt.kind) {
    case 'yaml':
      return toYaml(subject);
    case 'json':
      return toJson(subject);
    case 'name':
      return items.map((o) => `${kindPrefix(o)}/${o.metadata.name}\n`).join('');
    case 'jsonpath':
      return printJsonPath(fmt.arg!, subject, { outputJson: fmt.asJson, allowMissingKeys: fmt.allowMissingKeys });
    case 'go-template':
      try {
        return printGoTemplate(fmt.arg!, JSON.parse(JSON.stringify(subject)), fmt.allowMissingKeys !== false);
      } catch (e) {
        if (e instanceof GoTemplateError) throw new CmdError(`error executing template "${fmt.arg}": template: output:1:${e.message}`);
        throw e;
      }
    case 'custom-columns': {
      const cols = fmt.arg!.startsWith('file:') ? parseCustomColumnsFile(fmt.arg!.slice(5)) : parseCustomColumnsSpec(fmt.arg!);
      const r = printCustomColumns(cols, items, { noHeaders });
      if (r.error) throw new CmdError(kubectlErrorText(r.error), 1, true, r.stdout);
      return r.stdout;
    }
    default:
      throw new CmdError(`unsupported output ${fmt.kind}`);
  }
}
