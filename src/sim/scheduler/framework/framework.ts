/**
 * The framework runs a profile's plugins at each extension point and keeps what each returned,
 * so the site can show why a pod went where it went.
 */
import type { Obj } from '../../client/types';
import type { NodeInfo } from '../node-info';
import { Status } from './status';
import { CycleState, isFilter, isPreFilter, isPreScore, isScore, MAX_NODE_SCORE, type FilterPlugin, type NodeScore, type PreFilterPlugin, type PreScorePlugin, type ScorePlugin } from './types';
import type { ProfilePlugin } from '../plugins';

export interface FilterRecord {
  plugin: string;
  code: string;
  reasons: string[];
}

export interface ScoreRecord {
  /** plugin → { raw, normalized, weighted } */
  plugins: Record<string, { raw: number; normalized: number; weighted: number }>;
  total: number;
}

export class Framework {
  readonly preFilters: PreFilterPlugin[];
  readonly filters: FilterPlugin[];
  readonly preScores: PreScorePlugin[];
  readonly scores: { plugin: ScorePlugin; weight: number }[];

  constructor(readonly profile: ProfilePlugin[]) {
    this.preFilters = profile.map((p) => p.plugin).filter(isPreFilter);
    this.filters = profile.map((p) => p.plugin).filter(isFilter);
    this.preScores = profile.filter((p) => p.weight > 0).map((p) => p.plugin).filter(isPreScore);
    this.scores = profile.filter((p) => p.weight > 0 && isScore(p.plugin)).map((p) => ({ plugin: p.plugin as ScorePlugin, weight: p.weight }));
  }

  /**
   * RunPreFilterPlugins: merged node-name restriction (undefined = all nodes) and the names of
   * the plugins that narrowed it; a rejection stops the cycle.
   */
  runPreFilter(state: CycleState, pod: Obj, nodes: NodeInfo[]): { nodeNames?: Set<string>; narrowedBy: string[]; status: Status } {
    let names: Set<string> | undefined;
    let rejected: Status | undefined;
    const narrowedBy: string[] = [];
    for (const pl of this.preFilters) {
      const r = pl.preFilter(state, pod, nodes);
      if (r.status.isSkip()) {
        state.skipFilter.add(pl.name);
        continue;
      }
      if (!r.status.isSuccess()) {
        const s = r.status.withPlugin(pl.name);
        // Unresolvable stops at once; Unschedulable lets the other PreFilters run (preemption may follow)
        if (s.code === 'Unschedulable') {
          rejected ??= s;
          continue;
        }
        return { narrowedBy, status: s };
      }
      if (r.result?.nodeNames) {
        narrowedBy.push(pl.name);
        narrowedBy.sort();
        names = names ? new Set([...names].filter((n) => r.result!.nodeNames!.has(n))) : new Set(r.result.nodeNames);
        if (names.size === 0) {
          const msg = narrowedBy.length === 1 ? `node(s) didn't satisfy plugin ${narrowedBy[0]}` : `node(s) didn't satisfy plugin(s) [${narrowedBy.join(' ')}] simultaneously`;
          return { nodeNames: names, narrowedBy, status: new Status('UnschedulableAndUnresolvable', [msg]) };
        }
      }
    }
    return { nodeNames: names, narrowedBy, status: rejected ?? Status.success() };
  }

  /** RunFilterPlugins for one node: the first rejection wins. */
  runFilter(state: CycleState, pod: Obj, node: NodeInfo, record?: FilterRecord[]): Status {
    // the plugins whose PreFilter did not return Skip, worked out once per cycle
    const active = (state.filters ??= this.filters.filter((pl) => !state.skipFilter.has(pl.name)));
    for (const pl of active) {
      const s = pl.filter(state, pod, node);
      record?.push({ plugin: pl.name, code: s.code, reasons: s.reasons });
      if (!s.isSuccess()) return s.withPlugin(pl.name);
    }
    return Status.success();
  }

  /** PreScore + Score + NormalizeScore + weights: the total per node, in node order. */
  score(state: CycleState, pod: Obj, nodes: NodeInfo[], records?: Map<string, ScoreRecord>): { name: string; total: number }[] {
    for (const pl of this.preScores) {
      const s = pl.preScore(state, pod, nodes);
      if (s.isSkip()) state.skipScore.add(pl.name);
    }
    const n = nodes.length;
    const totals = new Array<{ name: string; total: number }>(n);
    for (let i = 0; i < n; i++) totals[i] = { name: nodes[i].name, total: 0 };
    if (records) for (const node of nodes) records.set(node.name, { plugins: {}, total: 0 });
    for (const { plugin, weight } of this.scores) {
      if (state.skipScore.has(plugin.name)) continue;
      const list = new Array<NodeScore>(n);
      for (let i = 0; i < n; i++) list[i] = { name: totals[i].name, score: plugin.score(state, pod, nodes[i]) };
      const raw = records ? list.map((s) => s.score) : undefined;
      plugin.normalize?.(state, pod, list);
      for (let i = 0; i < n; i++) {
        const v = Math.max(0, Math.min(MAX_NODE_SCORE, list[i].score));
        totals[i].total += v * weight;
        if (records) records.get(list[i].name)!.plugins[plugin.name] = { raw: raw![i], normalized: v, weighted: v * weight };
      }
    }
    if (records) for (const t of totals) records.get(t.name)!.total = t.total;
    return totals;
  }
}

export { CycleState };
