/** The generic describer (kinds without a dedicated one, e.g. Lease): a field dump of the object. */
import type { Obj } from '../../client/types';
import { goSprint } from '../printers/gofmt';
import { printAnnotationsMultiline, printLabelsMultiline, sortStrings } from './common';
import { describeEvents } from './events';
import { PrefixWriter, LEVEL_0, type Writer } from './writer';

const ACRONYMS = new Set(['API', 'URL', 'UID', 'OSB', 'GUID']);

/** github.com/fatih/camelcase Split. */
export function camelSplit(s: string): string[] {
  const cls = (ch: string) => (/\p{Ll}/u.test(ch) ? 1 : /\p{Lu}/u.test(ch) ? 2 : /\p{Nd}/u.test(ch) ? 3 : 4);
  const runs: string[][] = [];
  let last = 0;
  for (const ch of s) {
    const c = cls(ch);
    if (c === last && runs.length) runs[runs.length - 1].push(ch);
    else runs.push([ch]);
    last = c;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (cls(runs[i][0]) === 2 && cls(runs[i + 1][0]) === 1) {
      runs[i + 1] = [runs[i][runs[i].length - 1], ...runs[i + 1]];
      runs[i] = runs[i].slice(0, -1);
    }
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(''));
}

/** smartLabelFor: `creationTimestamp` → `Creation Timestamp`, `apiVersion` → `API Version`. */
export function smartLabelFor(field: string): string {
  if ([...field].some((ch) => !/\p{L}/u.test(ch) && ch !== '-')) return field;
  return camelSplit(field)
    .filter((p) => p !== '_')
    .map((p) => (ACRONYMS.has(p.toUpperCase()) ? p.toUpperCase() : p.charAt(0).toUpperCase() + p.slice(1)))
    .join(' ');
}

const SKIP = ['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations'];

function printUnstructuredContent(w: Writer, level: number, content: Record<string, unknown>, skipPrefix: string): void {
  for (const field of sortStrings(Object.keys(content).filter((k) => content[k] !== undefined))) {
    const value = content[field];
    const skipExpr = `${skipPrefix}.${field}`;
    if (SKIP.includes(skipExpr)) continue;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printUnstructuredContent(w, level + 1, value as Record<string, unknown>, skipExpr);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (child !== null && typeof child === 'object' && !Array.isArray(child)) printUnstructuredContent(w, level + 1, child as Record<string, unknown>, skipExpr);
        else w.write(level + 1, `${goSprint(child)}\n`);
      }
    } else {
      w.write(level, `${smartLabelFor(field)}:\t${goSprint(value)}\n`);
    }
  }
}

export function describeGeneric(obj: Obj, events: Obj[] | undefined, now: number): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata?.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata?.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata?.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata?.annotations);
  printUnstructuredContent(w, LEVEL_0, obj as Record<string, unknown>, '');
  if (events) describeEvents(events, w, now);
  return w.toString();
}
