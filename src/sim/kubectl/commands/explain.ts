/**
 * kubectl explain, client-side: kubectl v1.32 renders the apiserver's OpenAPI v3 through
 * pkg/explain/v2/templates/plaintext.tmpl; this reproduces that template over src/sim/api/schema
 * (field types, required markers, enums and the kube-openapi descriptions).
 */
import type { CommandDef } from '../command';
import { bool, num, str } from '../command';
import { CmdError } from '../errors';
import { tryResolve } from '../discovery';
import { describe as describeType, describeSync, enumValues, fieldOf, fieldsOf, loadDescriptions, typeInfo, typeOfKind, type FieldInfo, type TypeRef } from '../../api/schema';

/** github.com/mitchellh/go-wordwrap WrapString (what kubectl's term.NewWordWrapWriter uses). */
export function wrapString(s: string, lim: number): string {
  let buf = '';
  let current = 0;
  let wordBuf = '';
  let spaceBuf = '';
  let wordLen = 0;
  let spaceLen = 0;
  for (const ch of s) {
    if (ch === '\n') {
      if (wordBuf.length === 0) {
        if (current + spaceLen > lim) current = 0;
        else {
          current += spaceLen;
          buf += spaceBuf;
        }
        spaceBuf = '';
        spaceLen = 0;
      } else {
        current += spaceLen + wordLen;
        buf += spaceBuf + wordBuf;
        spaceBuf = '';
        spaceLen = 0;
        wordBuf = '';
        wordLen = 0;
      }
      buf += ch;
      current = 0;
    } else if (/\s/.test(ch) && ch !== '\u00a0') {
      if (spaceBuf.length === 0 || wordBuf.length > 0) {
        current += spaceLen + wordLen;
        buf += spaceBuf + wordBuf;
        spaceBuf = '';
        spaceLen = 0;
        wordBuf = '';
        wordLen = 0;
      }
      spaceBuf += ch;
      spaceLen++;
    } else {
      wordBuf += ch;
      wordLen++;
      if (current + spaceLen + wordLen > lim && wordLen < lim) {
        buf += '\n';
        current = 0;
        spaceBuf = '';
        spaceLen = 0;
      }
    }
  }
  if (wordBuf.length === 0) {
    if (current + spaceLen <= lim) buf += spaceBuf;
  } else buf += spaceBuf + wordBuf;
  return buf;
}

const indent = (n: number, s: string) => ' '.repeat(n) + s.replace(/\n/g, '\n' + ' '.repeat(n));

/** The template's typeGuess over our schema's type expressions. */
function typeGuess(t: TypeRef): string {
  switch (t.kind) {
    case 'list':
      return `[]${typeGuess(t.elem)}`;
    case 'map':
      return `map[string]${typeGuess(t.elem)}`;
    case 'primitive':
      return { string: 'string', int32: 'integer', int64: 'integer', bool: 'boolean', float64: 'number', bytes: 'string', any: 'Object' }[t.name];
    case 'special':
      return t.form === 'time' || t.form === 'microtime' || t.form === 'duration' ? 'string' : shortName(t.name);
    case 'struct': {
      const ti = typeInfo(t.name);
      if (ti?.kind === 'special') return ti.special === 'time' || ti.special === 'microtime' || ti.special === 'duration' ? 'string' : shortName(t.name);
      return shortName(t.name);
    }
  }
}

function shortName(name: string): string {
  return name.split('.').pop() || 'Object';
}

/** The struct type a field leads to (through lists and maps), if any. */
function structOf(t: TypeRef): string | undefined {
  if (t.kind === 'list' || t.kind === 'map') return structOf(t.elem);
  if (t.kind === 'struct' && typeInfo(t.name)?.kind === 'struct') return t.name;
  return undefined;
}

function enumOf(f: FieldInfo): readonly string[] | undefined {
  return f.enumType ? enumValues(f.enumType) : undefined;
}

function fieldDetail(owner: string, f: FieldInfo, level: number, short: boolean): string {
  const ind = level * 2;
  let out = `${indent(ind, f.name)}\t<${typeGuess(f.type)}>${f.required ? ' -required-' : ''}`;
  const en = enumOf(f);
  if (en?.length) {
    out += `\n${' '.repeat(ind)}enum: `;
    out += en
      .slice(0, 4)
      .map((e) => (e === '' ? '""' : e))
      .join(', ');
    if (en.length > 4) out += ', ....';
  }
  out += '\n';
  if (!short) out += indent(ind + 2, wrapString(describeSync(owner, f.name) || '<no description>', 78 - ind)) + '\n\n';
  return out;
}

function fieldList(typeName: string, level: number, recursive: boolean, maxDepth: number, seen: Set<string>): string {
  if (seen.has(typeName)) return '';
  const next = new Set(seen).add(typeName);
  let out = '';
  const fields = [...(fieldsOf(typeName) ?? [])].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const f of fields) {
    out += fieldDetail(typeName, f, level, recursive);
    const sub = structOf(f.type);
    if (recursive && sub && (maxDepth === 0 || level < maxDepth)) out += fieldList(sub, level + 1, recursive, maxDepth, next);
  }
  return out;
}

function description(parts: (string | undefined)[]): string {
  return parts.filter((p): p is string => !!p).map((p) => p + '\n').join('');
}

export const explainCommand: CommandDef = {
  name: 'explain',
  short: 'Get documentation for a resource',
  flags: [
    { name: 'recursive', type: 'bool', default: false },
    { name: 'api-version', type: 'string', default: '' },
    { name: 'output', short: 'o', type: 'string', default: 'plaintext' },
  ],
  async run(ctx) {
    const { env, flags } = ctx;
    if (ctx.args.length === 0) {
      throw new CmdError(
        "You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nSee 'kubectl explain -h' for help and examples\n",
        1,
        true,
      );
    }
    if (ctx.args.length > 1) throw new CmdError(`We accept only this format: explain RESOURCE\nSee 'kubectl explain -h' for help and examples`);
    const o = str(flags.output);
    if (o !== 'plaintext' && o !== 'plaintext-openapiv2') throw new CmdError(`unrecognized format: ${o}`);
    const parts = ctx.args[0].split('.');
    // resource[.group].field…: take the longest prefix the RESTMapper knows (resource or resource.group)
    let r = tryResolve(env, parts[0]);
    let fieldPath = parts.slice(1);
    for (let i = parts.length; i > 1 && !r; i--) {
      r = tryResolve(env, parts.slice(0, i).join('.'));
      if (r) fieldPath = parts.slice(i);
    }
    if (!r) throw new CmdError(`the server doesn't have a resource type "${parts[0]}"`);
    const apiVersion = str(flags['api-version']) || (r.group ? `${r.group}/${r.version}` : r.version);
    const typeName = typeOfKind(apiVersion, r.kind);
    if (!typeName) throw new CmdError(`couldn't find resource for "${apiVersion}, Kind=${r.kind}"`);
    await loadDescriptions();
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    let out = `${group ? `GROUP:      ${group}\n` : ''}KIND:       ${r.kind}\nVERSION:    ${version}\n\n`;
    let cur = typeName;
    let descParts: (string | undefined)[] = [describeSync(typeName)];
    let curField: FieldInfo | undefined;
    for (let i = 0; i < fieldPath.length; i++) {
      const name = fieldPath[i];
      const f = fieldOf(cur, name);
      if (!f) throw new CmdError(`field "${name}" does not exist`);
      if (i === fieldPath.length - 1) {
        out += `FIELD: ${name} <${typeGuess(f.type)}>\n`;
        const en = enumOf(f);
        if (en?.length) out += 'ENUM:' + en.map((e) => `\n    ${e === '' ? '""' : e}`).join('');
        out += '\n\n';
      }
      const sub = structOf(f.type);
      descParts = [describeSync(cur, name), sub ? describeSync(sub) : undefined];
      curField = f;
      if (!sub) {
        if (i < fieldPath.length - 1) throw new CmdError(`field "${fieldPath[fieldPath.length - 1]}" does not exist`);
        cur = '';
        break;
      }
      cur = sub;
    }
    void curField;
    out += 'DESCRIPTION:\n' + indent(4, wrapString(description(descParts) || '<empty>', 76)) + '\n';
    if (cur) {
      const fields = fieldList(cur, 1, bool(flags.recursive), num(flags['max-depth'], 0), new Set());
      if (fields) out += 'FIELDS:\n' + fields;
    }
    env.stdout(out + '\n');
    void describeType;
    return 0;
  },
};
