/** printIngressClass. */
import { ageCol, col, nameCol, since } from './helpers';
import type { KindPrinter } from './printer';

export const ingressClassPrinter: KindPrinter = {
  columns: [
    nameCol(),
    col('Controller', 'string', 'Controller that is responsible for handling this class'),
    col('Parameters', 'string', 'A reference to a resource with additional parameters'),
    ageCol(),
  ],
  row(o, now) {
    const p = o.spec?.parameters;
    let params = '<none>';
    if (p) params = (typeof p.apiGroup === 'string' ? `${p.kind}.${p.apiGroup}` : p.kind) + '/' + p.name;
    return { cells: [o.metadata.name ?? '', o.spec?.controller ?? '', params, since(now, o.metadata.creationTimestamp)] };
  },
};
