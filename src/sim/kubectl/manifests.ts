/** Reading `-f` inputs: files, directories, stdin (`-`); YAML (multi-document) or JSON; `kind: List`. */
import { parseAllDocuments } from 'yaml';
import type { Obj } from '../client/types';
import type { KubectlEnv } from './env';
import { CmdError } from './errors';

export interface Manifest {
  obj: Obj;
  /** The file it came from, as the user named it (`-` for stdin). */
  source: string;
}

export function readManifests(env: KubectlEnv, filenames: string[], recursive = false): Manifest[] {
  const out: Manifest[] = [];
  for (const f of filenames) {
    if (f === '-') {
      out.push(...parseManifests(env.stdin, 'STDIN'));
      continue;
    }
    if (/^https?:\/\//.test(f)) {
      throw new CmdError(`unable to read URL "${f}", server reported 404 Not Found, status code=404`);
    }
    const entries = env.listDir(f);
    if (entries) {
      for (const e of entries.sort()) {
        const p = `${f.replace(/\/$/, '')}/${e}`;
        if (env.listDir(p)) {
          if (recursive) out.push(...readManifests(env, [p], true));
          continue;
        }
        if (!/\.(ya?ml|json)$/.test(e)) continue;
        out.push(...parseManifests(env.readFile(p) ?? '', p));
      }
      continue;
    }
    const text = env.readFile(f);
    if (text === undefined) throw new CmdError(`the path "${f}" does not exist`);
    out.push(...parseManifests(text, f));
  }
  return out;
}

export function parseManifests(text: string, source: string): Manifest[] {
  const out: Manifest[] = [];
  const trimmed = text.trim();
  let docs: unknown[];
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      docs = [JSON.parse(trimmed)];
    } catch (e) {
      throw new CmdError(`error parsing ${source}: ${(e as Error).message}`);
    }
  } else {
    const parsed = parseAllDocuments(text, { version: '1.2', merge: true, uniqueKeys: false });
    docs = [];
    for (const d of Array.isArray(parsed) ? parsed : [parsed]) {
      if (d.errors.length) {
        const err = d.errors[0];
        const line = err.linePos?.[0]?.line ?? 1;
        throw new CmdError(`error parsing ${source}: error converting YAML to JSON: yaml: line ${line}: ${yamlReason(err.code, err.message)}`);
      }
      docs.push(d.toJS({ maxAliasCount: 100 }));
    }
  }
  for (const d of docs) {
    if (d === null || d === undefined) continue;
    if (typeof d !== 'object' || Array.isArray(d)) {
      throw new CmdError(`error validating "${source}": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`);
    }
    const o = d as Obj;
    if (typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items)) {
      for (const it of o.items as Obj[]) out.push({ obj: it, source });
      continue;
    }
    out.push({ obj: o, source });
  }
  return out;
}

/** go-yaml's wording for the common mistakes. */
function yamlReason(code: string, message: string): string {
  switch (code) {
    case 'BAD_INDENT':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'mapping values are not allowed in this context';
    case 'TAB_AS_INDENT':
      return 'found character that cannot start any token';
    case 'MISSING_CHAR':
    case 'UNEXPECTED_TOKEN':
      return 'did not find expected key';
    case 'DUPLICATE_KEY':
      return 'key already set';
    default:
      return message.split('\n')[0];
  }
}

/** kubectl's client-side checks before sending an object. */
export function checkTypeMeta(m: Manifest): void {
  const o = m.obj;
  if (!o.kind) throw new CmdError(`error validating "${m.source}": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false`);
  if (!o.apiVersion) throw new CmdError(`error validating "${m.source}": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false`);
}
