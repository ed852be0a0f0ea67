/** printControllerRevision. */
import { ageCol, col, nameCol, since } from './helpers';
import type { KindPrinter } from './printer';

export const controllerRevisionPrinter: KindPrinter = {
  columns: [nameCol(), col('Controller', 'string', 'Controller of the object'), col('Revision', 'string', 'apps/v1beta1.ControllerRevision.revision'), ageCol()],
  row(o, now) {
    const ref = (o.metadata.ownerReferences ?? []).find((r) => r.controller);
    let controller = '<none>';
    if (ref) {
      const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
      const gk = group ? `${ref.kind}.${group}` : ref.kind;
      controller = gk ? `${gk.toLowerCase()}/${ref.name}` : ref.name;
    }
    return { cells: [o.metadata.name ?? '', controller, typeof o.revision === 'number' ? o.revision : 0, since(now, o.metadata.creationTimestamp)] };
  },
};
