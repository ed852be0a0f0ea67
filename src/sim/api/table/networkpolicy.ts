/** printNetworkPolicy. */
import { ageCol, col, formatLabelSelector, nameCol, since } from './helpers';
import type { KindPrinter } from './printer';

export const networkPolicyPrinter: KindPrinter = {
  columns: [nameCol(), col('Pod-Selector', 'string', 'extensions/v1beta1.NetworkPolicySpec.podSelector'), ageCol()],
  row: (o, now) => ({ cells: [o.metadata.name ?? '', formatLabelSelector(o.spec?.podSelector ?? {}), since(now, o.metadata.creationTimestamp)] }),
};
