/** Shared cell helpers of the server-side printers (pkg/printers/internalversion), reference/TABLES.md §2. */
import { humanDuration } from '../../core/duration';
import { parseTime } from '../../core/clock';
import type { ColumnDefinition } from './types';
import { doc } from './field-docs';

/** translateTimestampSince: `<unknown>` for a missing/zero time, else HumanDuration(now − t). */
export function since(nowMs: number, ts: string | undefined | null): string {
  const t = parseTime(ts ?? undefined);
  if (t === undefined) return '<unknown>';
  return humanDuration(nowMs - t);
}

/** labels.FormatLabels: keys sorted, `k=v` joined by `,`; empty → `<none>`. */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/**
 * metav1.LabelSelectorAsSelector(sel).String(): requirements sorted by key; '' for nil/empty;
 * undefined when the selector is invalid.
 */
export function labelSelectorString(sel: LabelSelector | undefined | null): string | undefined {
  if (!sel) return '';
  const reqs: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key: k, text: `${k}=${v}` });
  for (const e of sel.matchExpressions ?? []) {
    const vals = [...(e.values ?? [])];
    let text: string;
    switch (e.operator) {
      case 'In':
      case 'NotIn':
        if (vals.length === 0) return undefined;
        text = `${e.key} ${e.operator === 'In' ? 'in' : 'notin'} (${vals.length === 1 ? vals[0] : [...vals].sort().join(',')})`;
        break;
      case 'Exists':
        if (vals.length) return undefined;
        text = e.key;
        break;
      case 'DoesNotExist':
        if (vals.length) return undefined;
        text = `!${e.key}`;
        break;
      default:
        return undefined;
    }
    reqs.push({ key: e.key, text });
  }
  // internalSelector.Add sorts by key (sort.Sort; keys are normally distinct)
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return reqs.map((r) => r.text).join(',');
}

/** metav1.FormatLabelSelector: `<none>` for nil/empty, `<error>` when invalid. */
export function formatLabelSelector(sel: LabelSelector | undefined | null): string {
  const s = labelSelectorString(sel);
  if (s === undefined) return '<error>';
  return s === '' ? '<none>' : s;
}

/** layoutContainerCells: names and images joined by `,` in spec order. */
export function layoutContainerCells(containers: { name?: string; image?: string }[] | undefined): [string, string] {
  const cs = containers ?? [];
  return [cs.map((c) => c.name ?? '').join(','), cs.map((c) => c.image ?? '').join(',')];
}

/** listWithMoreString: `a,b,c + N more...`; empty → `<unset>`. */
export function listWithMore(list: string[], more: boolean, count: number, max: number): string {
  const ret = list.join(',');
  if (more) return `${ret} + ${count - max} more...`;
  return ret === '' ? '<unset>' : ret;
}

/** printBoolPtr: the strings `True` / `False` / `<unset>`. */
export function boolPtr(v: boolean | undefined | null): string {
  if (v === undefined || v === null) return '<unset>';
  return v ? 'True' : 'False';
}

/** Go's net.JoinHostPort. */
export function joinHostPort(host: string, port: number | string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** A column definition; `description` is an upstream field-doc key (`core/v1.PodSpec.nodeName`) or literal text. */
export function col(name: string, type: string, description: string, priority = 0, format = ''): ColumnDefinition {
  return { name, type, format, description: description.includes('.') && /^[a-z0-9]+\/v\w+\./.test(description) ? doc(description) : description, priority };
}

export const nameCol = (): ColumnDefinition => col('Name', 'string', 'meta/v1.ObjectMeta.name', 0, 'name');
export const ageCol = (): ColumnDefinition => col('Age', 'string', 'meta/v1.ObjectMeta.creationTimestamp');
export const CONTAINERS_DESC = 'Names of each container in the template.';
export const IMAGES_DESC = 'Images referenced by each container in the template.';

/** Integer value of an optional number field (Go zero value 0). */
export function int(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}
