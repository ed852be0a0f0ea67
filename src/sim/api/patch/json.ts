/** JSON patch (RFC 6902): add, remove, replace, move, copy, test. */
import { ApiError } from '../../core/errors';
import { clone } from './merge';

interface Operation {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw bad(`invalid JSON pointer: ${path}`);
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const bad = (msg: string) => new ApiError(422, 'Invalid', msg);

type Container = Record<string, unknown> | unknown[];

function parentOf(doc: unknown, parts: string[], op: string, path: string): [Container, string] {
  let cur = doc as Container;
  for (const p of parts.slice(0, -1)) {
    const next = Array.isArray(cur) ? cur[Number(p)] : (cur as Record<string, unknown>)[p];
    if (typeof next !== 'object' || next === null) throw bad(`the server rejected our request due to an error in our request`);
    cur = next as Container;
  }
  void op;
  void path;
  return [cur, parts[parts.length - 1]];
}

export function jsonPatch(doc: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw new ApiError(400, 'BadRequest', 'json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let out = clone(doc);
  for (const raw of ops as Operation[]) {
    const parts = pointer(raw.path);
    const get = (p: string[]) => {
      let cur: unknown = out;
      for (const s of p) {
        if (cur === null || typeof cur !== 'object') return undefined;
        cur = Array.isArray(cur) ? cur[Number(s)] : (cur as Record<string, unknown>)[s];
      }
      return cur;
    };
    const add = (p: string[], value: unknown) => {
      if (p.length === 0) {
        out = clone(value);
        return;
      }
      const [parent, last] = parentOf(out, p, raw.op, raw.path);
      if (Array.isArray(parent)) {
        const idx = last === '-' ? parent.length : Number(last);
        if (!(idx >= 0 && idx <= parent.length)) throw bad(`add operation does not apply: doc is missing path: "${raw.path}"`);
        parent.splice(idx, 0, clone(value));
      } else parent[last] = clone(value);
    };
    const remove = (p: string[]) => {
      const [parent, last] = parentOf(out, p, raw.op, raw.path);
      if (Array.isArray(parent)) {
        const idx = Number(last);
        if (!(idx >= 0 && idx < parent.length)) throw bad(`remove operation does not apply: doc is missing path: "${raw.path}"`);
        parent.splice(idx, 1);
      } else {
        if (!(last in parent)) throw bad(`remove operation does not apply: doc is missing path: "${raw.path}"`);
        delete parent[last];
      }
    };
    switch (raw.op) {
      case 'add':
        add(parts, raw.value);
        break;
      case 'remove':
        remove(parts);
        break;
      case 'replace':
        if (get(parts) === undefined) throw bad(`replace operation does not apply: doc is missing key: ${raw.path}`);
        remove(parts);
        add(parts, raw.value);
        break;
      case 'move': {
        const from = pointer(raw.from ?? '');
        const v = get(from);
        if (v === undefined) throw bad(`move operation does not apply: doc is missing from path: ${raw.from}`);
        remove(from);
        add(parts, v);
        break;
      }
      case 'copy': {
        const v = get(pointer(raw.from ?? ''));
        if (v === undefined) throw bad(`copy operation does not apply: doc is missing from path: ${raw.from}`);
        add(parts, v);
        break;
      }
      case 'test':
        if (JSON.stringify(get(parts)) !== JSON.stringify(raw.value)) throw bad(`testing value ${raw.path} failed: test failed`);
        break;
      default:
        throw bad(`Unexpected kind: ${raw.op}`);
    }
  }
  return out;
}
