/** kubectl wait --for=condition=…|delete|create|jsonpath=…, on the virtual clock. */
import type { CommandDef, CmdContext } from '../command';
import { str } from '../command';
import { CmdError, errorText } from '../errors';
import { itemPath, kindName } from '../discovery';
import type { Obj } from '../../client/types';
import { ApiError } from '../../core/errors';
import { collectTargets, type Target } from './targets';
import { printJsonPath } from '../printers/jsonpath';

const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** time.ParseDuration → milliseconds; throws Go's error text. */
export function parseGoDuration(s: string): number {
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy;
  let rest = s;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest[0] === '-' ? -1 : 1;
    rest = rest.slice(1);
  }
  if (!rest) throw new CmdError(`time: invalid duration "${s}"`);
  let total = 0;
  re.lastIndex = 0;
  let pos = 0;
  while (pos < rest.length) {
    re.lastIndex = pos;
    const m = re.exec(rest);
    if (!m) {
      if (/^\d+(\.\d*)?$/.test(rest.slice(pos))) throw new CmdError(`time: missing unit in duration "${s}"`);
      const u = /^\d+(?:\.\d*)?([^\d.]+)/.exec(rest.slice(pos));
      if (u) throw new CmdError(`time: unknown unit "${u[1]}" in duration "${s}"`);
      throw new CmdError(`time: invalid duration "${s}"`);
    }
    total += Number(m[1]) * UNITS[m[2]];
    pos = re.lastIndex;
  }
  return sign * total;
}

type Cond = { kind: 'delete' } | { kind: 'create' } | { kind: 'condition'; type: string; value: string } | { kind: 'jsonpath'; path: string; value?: string };

function parseFor(f: string): Cond {
  const lower = f.toLowerCase();
  if (lower === 'delete') return { kind: 'delete' };
  if (lower === 'create') return { kind: 'create' };
  if (lower.startsWith('condition=')) {
    const c = f.slice('condition='.length);
    const i = c.indexOf('=');
    return i >= 0 ? { kind: 'condition', type: c.slice(0, i), value: c.slice(i + 1) } : { kind: 'condition', type: c, value: 'true' };
  }
  if (lower.startsWith('jsonpath=')) {
    const j = f.slice('jsonpath='.length);
    // {.a.b}=value or {.a.b}; the closing brace of the template ends the path
    const close = j.lastIndexOf('}');
    let path = j;
    let value: string | undefined;
    if (close >= 0 && j[close + 1] === '=') {
      path = j.slice(0, close + 1);
      value = j.slice(close + 2);
    } else if (close < 0) {
      const i = j.indexOf('=');
      if (i >= 0) {
        path = j.slice(0, i);
        value = j.slice(i + 1);
      }
    }
    if (!path) throw new CmdError('jsonpath expression cannot be empty');
    if (!path.startsWith('{')) path = `{${path.startsWith('.') ? '' : '.'}${path}}`;
    return { kind: 'jsonpath', path, value };
  }
  throw new CmdError(`unrecognized condition: "${f}"`);
}

function conditionMet(o: Obj, c: Cond): boolean {
  if (c.kind === 'condition') {
    const conds = (o.status?.conditions ?? []) as { type: string; status: string; observedGeneration?: number }[];
    const hit = conds.find((x) => x.type.toLowerCase() === c.type.toLowerCase());
    if (!hit) return false;
    if (hit.observedGeneration !== undefined && o.metadata.generation !== undefined && hit.observedGeneration < o.metadata.generation) return false;
    return hit.status.toLowerCase() === c.value.toLowerCase();
  }
  if (c.kind === 'jsonpath') {
    let got: string;
    try {
      got = printJsonPath(c.path, o);
    } catch {
      return false;
    }
    return c.value === undefined ? got !== '' : got === c.value;
  }
  return false;
}

export const waitCommand: CommandDef = {
  name: 'wait',
  short: 'Experimental: Wait for a specific condition on one or many resources',
  flags: [
    { name: 'for', type: 'string', default: '' },
    { name: 'timeout', type: 'string', default: '30s' },
    { name: 'all', type: 'bool', default: false },
    { name: 'all-namespaces', short: 'A', type: 'bool', default: false },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'field-selector', type: 'string', default: '' },
    { name: 'filename', short: 'f', type: 'stringArray' },
    { name: 'recursive', short: 'R', type: 'bool', default: false },
    { name: 'local', type: 'bool', default: false },
    { name: 'output', short: 'o', type: 'string', default: '' },
  ],
  run: runWait,
};

async function runWait(ctx: CmdContext): Promise<number> {
  const { env, flags } = ctx;
  const forFlag = str(flags.for);
  const cond = parseFor(forFlag);
  const timeoutMs = parseGoDuration(str(flags.timeout));
  const { targets, errors } = collectTargets(ctx, ctx.args, { selector: true, all: true, allNamespaces: true, fieldSelector: true, fetch: cond.kind !== 'create' });
  if (cond.kind === 'delete') {
    // objects already gone are fine
    errors.splice(0, errors.length, ...errors.filter((e) => !/\(NotFound\)/.test(e)));
  }
  for (const e of errors) {
    env.stderr(e);
    return 1;
  }
  if (!targets.length) {
    if (cond.kind === 'delete' && (ctx.args.some((a) => a.includes('/')) || ctx.args.length > 1)) return 0;
    throw new CmdError('no matching resources found');
  }
  let failed = false;
  for (const t of targets) {
    try {
      await waitOne(ctx, t, cond, timeoutMs);
      const o = str(flags.output);
      if (o === 'name') env.stdout(`${kindName(t.r)}/${t.name}\n`);
      else env.stdout(`${kindName(t.r)}/${t.name} condition met\n`);
    } catch (e) {
      failed = true;
      env.stderr(errorText(e));
      break;
    }
  }
  return failed ? 1 : 0;
}

async function waitOne(ctx: CmdContext, t: Target, cond: Cond, timeoutMs: number): Promise<void> {
  const { env } = ctx;
  const deadline = env.now() + Math.max(0, timeoutMs);
  const fetch = (): Obj | undefined => {
    try {
      return env.client.request({ method: 'GET', path: itemPath(t.r, t.ns, t.name) }).body as Obj;
    } catch (e) {
      if (e instanceof ApiError && e.code === 404) return undefined;
      throw e;
    }
  };
  for (;;) {
    const o = fetch();
    if (cond.kind === 'delete') {
      if (!o || (t.obj.metadata.uid && o.metadata.uid !== t.obj.metadata.uid)) return;
    } else if (cond.kind === 'create') {
      if (o) return;
    } else {
      if (!o) throw new CmdError(`${t.r.resource} "${t.name}" not found`);
      if (conditionMet(o, cond)) return;
    }
    if (env.now() >= deadline || env.signal?.aborted) break;
    await env.sleep(Math.min(500, deadline - env.now()));
  }
  throw new CmdError(`timed out waiting for the condition on ${t.r.resource}/${t.name}`);
}
