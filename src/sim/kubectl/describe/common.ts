/** Helpers shared by the describers (kubectl pkg/describe/describe.go). */
import type { Obj } from '../../client/types';
import { parseTime } from '../../core/clock';
import { humanDuration } from '../../core/duration';
import { canonicalQuantity } from '../../api/table/quantity';
import { goSortSlice } from './gosort';
import { LEVEL_0, type Writer } from './writer';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Any = any;

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** time.Format(time.RFC1123Z) in UTC: `Mon, 14 Mar 2016 10:00:01 +0000`; a zero time prints year 0001. */
export function rfc1123z(ts: string | undefined | null): string {
  const t = parseTime(ts ?? undefined);
  if (t === undefined) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const d = new Date(t);
  return `${DAYS[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}

/** translateTimestampSince / translateMicroTimestampSince. */
export function since(now: number, ts: string | undefined | null): string {
  const t = parseTime(ts ?? undefined);
  if (t === undefined) return '<unknown>';
  return humanDuration(now - t);
}

export const stringOrNone = (s: string | undefined | null): string => (s ? s : '<none>');
export const printBool = (b: boolean | undefined): string => (b ? 'True' : 'False');
export const printBoolPtr = (b: boolean | undefined | null): string => (b === undefined || b === null ? '<unset>' : printBool(b));
/** fmt %v of a []string: `[a b c]`. */
export const goSlice = (a: unknown[] | undefined | null): string => '[' + (a ?? []).map((x) => String(x)).join(' ') + ']';

/** Go's sort.Strings. */
export const sortStrings = (a: string[]): string[] => a.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));

/** Canonical Quantity.String(). */
export const q = (v: unknown): string => canonicalQuantity(v as string);

/** SortedResourceNames of a ResourceList. */
export const sortedResourceNames = (list: Record<string, unknown> | undefined): string[] => sortStrings(Object.keys(list ?? {}));

/** printController: `Kind/name` of the controller ownerReference, or ''. */
export function printController(o: Obj): string {
  const ref = (o.metadata.ownerReferences ?? []).find((r) => r.controller === true);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

export function printLabelsMultilineWithIndent(
  w: Writer,
  initialIndent: string,
  title: string,
  innerIndent: string,
  labels: Record<string, string> | undefined | null,
  skip: Set<string> = new Set(),
): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const keys = sortStrings(Object.keys(labels ?? {}).filter((k) => !skip.has(k)));
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, innerIndent);
    }
    w.write(LEVEL_0, `${k}=${labels![k]}\n`);
  });
}

export const printLabelsMultiline = (w: Writer, title: string, labels: Record<string, string> | undefined | null) =>
  printLabelsMultilineWithIndent(w, '', title, '\t', labels);

const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);
const MAX_ANNOTATION_LEN = 140;

/** Byte length (Go's len on a string). */
const blen = (s: string) => new TextEncoder().encode(s).length;
function shorten(s: string, max: number): string {
  const b = new TextEncoder().encode(s);
  return b.length > max ? new TextDecoder().decode(b.slice(0, max)) + '...' : s;
}

export function printAnnotationsMultiline(w: Writer, title: string, annotations: Record<string, string> | undefined | null): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = sortStrings(Object.keys(annotations ?? {}).filter((k) => !SKIP_ANNOTATIONS.has(k)));
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const indent = '\t';
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, indent);
    const value = annotations![key].replace(/\n$/, '');
    if (blen(value) + blen(key) + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const s of value.split('\n')) w.write(LEVEL_0, `${indent}  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

/** Taint.ToString(): `key=value:Effect`, `key:Effect`. */
export function taintString(t: Any): string {
  if (t.value) return `${t.key}=${t.value}:${t.effect ?? ''}`;
  return `${t.key}:${t.effect ?? ''}`;
}

export function printTaintsMultilineWithIndent(w: Writer, initialIndent: string, title: string, innerIndent: string, taints: Any[] | undefined): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const list = [...(taints ?? [])];
  if (list.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const key = (t: Any) => `${t.effect ?? ''},${t.key ?? ''}`;
  goSortSlice(list, (a, b) => key(a) < key(b));
  list.forEach((t, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, innerIndent);
    }
    w.write(LEVEL_0, `${taintString(t)}\n`);
  });
}

export function printTolerationsMultilineWithIndent(w: Writer, initialIndent: string, title: string, innerIndent: string, tolerations: Any[] | undefined): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const list = [...(tolerations ?? [])];
  if (list.length === 0) {
    w.writeLine('<none>');
    return;
  }
  goSortSlice(list, (a, b) => (a.key ?? '') < (b.key ?? ''));
  list.forEach((t, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, innerIndent);
    }
    w.write(LEVEL_0, t.key ?? '');
    if (t.value) w.write(LEVEL_0, `=${t.value}`);
    if (t.effect) w.write(LEVEL_0, `:${t.effect}`);
    if (t.operator === 'Exists' && !t.value) {
      if (t.key || t.effect) w.write(LEVEL_0, ' op=Exists');
      else w.write(LEVEL_0, 'op=Exists');
    }
    if (typeof t.tolerationSeconds === 'number') w.write(LEVEL_0, ` for ${t.tolerationSeconds}s`);
    w.write(LEVEL_0, '\n');
  });
}

/** net.JoinHostPort. */
export const joinHostPort = (host: string, port: string | number): string => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);
