/** The default profile's plugins, in the order kube-scheduler v1.32 runs them, with score weights. */
import type { Plugin } from '../framework/types';
import { NodeUnschedulable } from './NodeUnschedulable';
import { NodeName } from './NodeName';
import { TaintToleration } from './TaintToleration';
import { NodeAffinity } from './NodeAffinity';
import { NodeResourcesFit, type ScoringStrategy } from './NodeResourcesFit';
import { NodeResourcesBalancedAllocation } from './NodeResourcesBalancedAllocation';
import { ImageLocality } from './ImageLocality';
import { NodePorts } from './NodePorts';
import { PodTopologySpread } from './PodTopologySpread';
import { InterPodAffinity } from './InterPodAffinity';
import { VolumeBinding, type VolumeListers } from './VolumeBinding';
import type { SnapshotLister } from '../snapshot';

export interface ProfilePlugin {
  plugin: Plugin;
  /** Score weight (0 = not a score plugin in this profile). */
  weight: number;
}

export function defaultPlugins(snapshot: SnapshotLister, scoringStrategy?: ScoringStrategy, volumes: () => VolumeListers | undefined = () => undefined): ProfilePlugin[] {
  return [
    { plugin: new NodeUnschedulable(), weight: 0 },
    { plugin: new NodeName(), weight: 0 },
    { plugin: new TaintToleration(), weight: 3 },
    { plugin: new NodeAffinity(), weight: 2 },
    { plugin: new NodePorts(), weight: 0 },
    { plugin: new NodeResourcesFit(scoringStrategy), weight: 1 },
    { plugin: new VolumeBinding(volumes), weight: 0 },
    { plugin: new PodTopologySpread(snapshot), weight: 2 },
    { plugin: new InterPodAffinity(snapshot), weight: 2 },
    { plugin: new NodeResourcesBalancedAllocation(), weight: 1 },
    { plugin: new ImageLocality(snapshot), weight: 1 },
  ];
}
