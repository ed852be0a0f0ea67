/**
 * VolumeBinding (simple cases): a pod's PersistentVolumeClaims must exist; unbound claims of an
 * Immediate class keep it Pending; bound volumes must be reachable from the node (PV node
 * affinity); unbound WaitForFirstConsumer claims get the chosen node as
 * `volume.kubernetes.io/selected-node` when the pod is bound (PreBind), for the provisioner.
 */
import type { Obj } from '../../client/types';
import { matchNodeSelectorTerms } from '../../api/helpers/nodeaffinity';
import type { NodeInfo } from '../node-info';
import { Status } from '../framework/status';
import type { CycleState, FilterPlugin, PreFilterPlugin, PreFilterResult } from '../framework/types';

export const ERR_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';
export const ERR_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const ERR_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";

export interface VolumeListers {
  pvc(ns: string, name: string): Obj | undefined;
  pv(name: string): Obj | undefined;
  storageClass(name: string): Obj | undefined;
  defaultStorageClass(): Obj | undefined;
}

const KEY = 'PreFilterVolumeBinding';

interface State {
  bound: Obj[];
  delayed: Obj[];
}

export class VolumeBinding implements PreFilterPlugin, FilterPlugin {
  readonly name = 'VolumeBinding';

  constructor(private readonly listers: () => VolumeListers | undefined) {}

  preFilter(state: CycleState, pod: Obj): { result?: PreFilterResult; status: Status } {
    const claims: string[] = (pod.spec?.volumes ?? []).filter((v: Obj) => v.persistentVolumeClaim).map((v: Obj) => v.persistentVolumeClaim.claimName);
    const l = this.listers();
    if (!claims.length || !l) return { status: Status.skip() };
    const ns = pod.metadata.namespace ?? 'default';
    const s: State = { bound: [], delayed: [] };
    let immediateUnbound = false;
    for (const name of claims) {
      const pvc = l.pvc(ns, name);
      if (!pvc) return { status: Status.unresolvable(`persistentvolumeclaim "${name}" not found`) };
      if (pvc.metadata.deletionTimestamp) return { status: Status.unresolvable(`persistentvolumeclaim "${name}" is being deleted`) };
      if (pvc.spec?.volumeName) {
        const pv = l.pv(pvc.spec.volumeName);
        if (pv) s.bound.push(pv);
        continue;
      }
      const className = pvc.spec?.storageClassName ?? l.defaultStorageClass()?.metadata.name;
      const sc = className ? l.storageClass(className) : undefined;
      if (sc?.volumeBindingMode === 'WaitForFirstConsumer') s.delayed.push(pvc);
      else immediateUnbound = true;
    }
    if (immediateUnbound) return { status: Status.unresolvable(ERR_UNBOUND_IMMEDIATE) };
    state.write(KEY, s);
    return { status: Status.success() };
  }

  filter(state: CycleState, _pod: Obj, node: NodeInfo): Status {
    const s = state.read<State>(KEY);
    if (!s) return Status.success();
    for (const pv of s.bound) {
      const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
      if (terms && !matchNodeSelectorTerms(terms, node.node)) return Status.unresolvable(ERR_NODE_CONFLICT);
    }
    return Status.success();
  }

  /** PreBind: the delayed claims learn the chosen node. */
  delayedClaims(state: CycleState): Obj[] {
    return state.read<State>(KEY)?.delayed ?? [];
  }
}
