/** printPodDisruptionBudget. */
import { ageCol, col, int, nameCol, since } from './helpers';
import type { KindPrinter } from './printer';

export const podDisruptionBudgetPrinter: KindPrinter = {
  columns: [
    nameCol(),
    col('Min Available', 'string', 'The minimum number of pods that must be available.'),
    col('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable.'),
    col('Allowed Disruptions', 'integer', 'Calculated number of pods that may be disrupted at this time.'),
    ageCol(),
  ],
  row(o, now) {
    const s = o.spec ?? {};
    const fmt = (v: unknown) => (v === undefined || v === null ? 'N/A' : String(v));
    return { cells: [o.metadata.name ?? '', fmt(s.minAvailable), fmt(s.maxUnavailable), int(o.status?.disruptionsAllowed), since(now, o.metadata.creationTimestamp)] };
  },
};
