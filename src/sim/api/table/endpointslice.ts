/** printEndpointSlice. */
import { ageCol, col, listWithMore, nameCol, since } from './helpers';
import type { KindPrinter } from './printer';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export function formatDiscoveryPorts(ports: Any[] | undefined): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const p of ports ?? []) {
    if (list.length < max) list.push(typeof p.port === 'number' ? String(p.port) : typeof p.name === 'string' ? p.name : '*');
    else if (list.length === max) more = true;
    count++;
  }
  return listWithMore(list, more, count, max);
}

export function formatDiscoveryEndpoints(endpoints: Any[] | undefined): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const e of endpoints ?? []) {
    for (const a of e.addresses ?? []) {
      if (list.length < max) list.push(a);
      else if (list.length === max) more = true;
      count++;
    }
  }
  return listWithMore(list, more, count, max);
}

export const endpointSlicePrinter: KindPrinter = {
  columns: [
    nameCol(),
    col('AddressType', 'string', 'discovery/v1beta1.EndpointSlice.addressType'),
    col('Ports', 'string', 'discovery/v1beta1.EndpointSlice.ports'),
    col('Endpoints', 'string', 'discovery/v1beta1.EndpointSlice.endpoints'),
    ageCol(),
  ],
  row: (o, now) => ({
    cells: [o.metadata.name ?? '', o.addressType ?? '', formatDiscoveryPorts(o.ports), formatDiscoveryEndpoints(o.endpoints), since(now, o.metadata.creationTimestamp)],
  }),
};
