/** The default profile's plugins, in the order kube-scheduler v1.32 runs them, with score weights. */
import type { Plugin } from '../framework/types';
import { NodeUnschedulable } from './NodeUnschedulable';
import { NodeName } from './NodeName';
import { TaintToleration } from './TaintToleration';
import { NodeAffinity } from './NodeAffinity';
import { NodeResourcesFit } from './NodeResourcesFit';
import { NodeResourcesBalancedAllocation } from './NodeResourcesBalancedAllocation';
import { ImageLocality } from './ImageLocality';

export interface ProfilePlugin {
  plugin: Plugin;
  /** Score weight (0 = not a score plugin in this profile). */
  weight: number;
}

export function defaultPlugins(totalNodes: () => number): ProfilePlugin[] {
  return [
    { plugin: new NodeUnschedulable(), weight: 0 },
    { plugin: new NodeName(), weight: 0 },
    { plugin: new TaintToleration(), weight: 3 },
    { plugin: new NodeAffinity(), weight: 2 },
    { plugin: new NodeResourcesFit(), weight: 1 },
    { plugin: new NodeResourcesBalancedAllocation(), weight: 1 },
    { plugin: new ImageLocality(totalNodes), weight: 1 },
  ];
}
