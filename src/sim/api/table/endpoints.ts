/** printEndpoints → formatEndpoints. */
import type { Obj } from '../../client/types';
import { ageCol, col, joinHostPort, nameCol, since } from './helpers';
import type { KindPrinter } from './printer';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** formatEndpoints(endpoints, nil): ready addresses only, first 3, then ` + N more...`. */
export function formatEndpoints(ep: Obj, ports?: Set<string>): string {
  const subsets: Any[] = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addrs: Any[] = ss.addresses ?? [];
    if (!ss.ports || ss.ports.length === 0) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ss.ports) {
      if (ports && !ports.has(port.name ?? '')) continue;
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(joinHostPort(a.ip, port.port));
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

export const endpointsPrinter: KindPrinter = {
  columns: [nameCol(), col('Endpoints', 'string', 'core/v1.Endpoints.subsets'), ageCol()],
  row: (o, now) => ({ cells: [o.metadata.name ?? '', formatEndpoints(o), since(now, o.metadata.creationTimestamp)] }),
};
