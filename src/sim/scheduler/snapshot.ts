/**
 * The scheduling cycle's view of the cluster (upstream internal/cache.Snapshot): the node list in
 * a stable order and the sub-lists of nodes hosting pods with (anti-)affinity terms, so plugins
 * that only care about those pods never walk every node. The cache rebuilds the lists only when
 * the set of nodes or of such nodes changes; the NodeInfos themselves are shared, not copied
 * (a cycle runs to completion before any informer event is handled).
 */
import type { ImageState, NodeInfo } from './node-info';
import type { NodeColumns } from './node-columns';

export interface Snapshot {
  /** Every node, in the order filtering walks them. */
  readonly nodes: readonly NodeInfo[];
  /** nodes[i]'s slot in columns (absent in hand-made snapshots). */
  readonly slots?: Int32Array;
  readonly columns?: NodeColumns;
  /** HavePodsWithAffinityList: nodes with at least one pod carrying pod (anti-)affinity. */
  readonly withAffinity: readonly NodeInfo[];
  /** HavePodsWithRequiredAntiAffinityList: nodes with a pod carrying required anti-affinity. */
  readonly withRequiredAntiAffinity: readonly NodeInfo[];
  /** Image name → its summary, for images present on at least one node. */
  readonly images: ReadonlyMap<string, ImageState>;
}

/** The snapshot a plugin reads through its framework handle (handle.SnapshotSharedLister()). */
export type SnapshotLister = () => Snapshot;
