/** printResourceQuota — v1.32 column order Name, Age, Request, Limit (reference/TABLES.md). */
import { ageCol, col, nameCol, since } from './helpers';
import type { KindPrinter } from './printer';
import { canonicalQuantity } from './quantity';

export const resourceQuotaPrinter: KindPrinter = {
  columns: [
    nameCol(),
    ageCol(),
    col('Request', 'string', 'Request represents a minimum amount of cpu/memory that a container may consume.'),
    col('Limit', 'string', 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.'),
  ],
  row(o, now) {
    const hard: Record<string, string> = o.status?.hard ?? {};
    const used: Record<string, string> = o.status?.used ?? {};
    const req: string[] = [];
    const lim: string[] = [];
    for (const r of Object.keys(hard).sort()) {
      const pieces = r.split('.');
      const text = `${r}: ${used[r] === undefined ? '0' : canonicalQuantity(used[r])}/${canonicalQuantity(hard[r])}`;
      (pieces.length > 1 && pieces[0] === 'limits' ? lim : req).push(text);
    }
    return { cells: [o.metadata.name ?? '', since(now, o.metadata.creationTimestamp), req.join(', '), lim.join(', ')] };
  },
};
