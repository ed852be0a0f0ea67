/**
 * The framework runs a profile's plugins at each extension point and keeps what each returned,
 * so the site can show why a pod went where it went.
 */
import type { Obj } from '../../client/types';
import type { NodeInfo } from '../node-info';
import { Status } from './status';

const SUCCESS = Status.success();
const BASIC_FILTERS = new Set(['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeResourcesFit']);
import { CycleState, isFilter, isPreFilter, isPreScore, isScore, MAX_NODE_SCORE, type FilterPlugin, type PreFilterPlugin, type PreScorePlugin, type ScorePlugin, type ColumnsAt } from './types';
import type { ProfilePlugin } from '../plugins';
import type { NodeResourcesFit } from '../plugins/NodeResourcesFit';
import type { Resources } from '../../api/helpers/resources';

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

  /**
   * Whether this cycle's Filter plugins are only the ones every pod meets (NodeUnschedulable,
   * NodeName, TaintToleration, NodeResourcesFit): the others returned Skip from PreFilter.
   */
  onlyBasicFilters(state: CycleState): boolean {
    const active = (state.filters ??= this.filters.filter((pl) => !state.skipFilter.has(pl.name)));
    return active.every((pl) => BASIC_FILTERS.has(pl.name));
  }

  /** NodeResourcesFit's requests for this cycle, if fitsQuickly can decide them (no extended resources). */
  basicFit(state: CycleState): Resources | undefined {
    const nrf = this.filters.find((pl) => pl.name === 'NodeResourcesFit') as NodeResourcesFit | undefined;
    return nrf?.basicRequests(state);
  }

  /** RunFilterPlugins for one node: the first rejection wins. */
  runFilter(state: CycleState, pod: Obj, node: NodeInfo, record?: FilterRecord[]): Status {
    // the plugins whose PreFilter did not return Skip, worked out once per cycle
    const active = (state.filters ??= this.filters.filter((pl) => !state.skipFilter.has(pl.name)));
    for (let i = 0; i < active.length; i++) {
      const pl = active[i];
      const s = pl.filter(state, pod, node);
      if (record) record.push({ plugin: pl.name, code: s.code, reasons: s.reasons });
      if (s !== SUCCESS && !s.isSuccess()) return s.withPlugin(pl.name);
    }
    return SUCCESS;
  }

  /** Scratch for one plugin's scores (grown as needed, reused every cycle). */
  private scratch = new Float64Array(0);

  /** PreScore + Score + NormalizeScore + weights: the total per node, in node order. */
  score(state: CycleState, pod: Obj, nodes: NodeInfo[], records?: Map<string, ScoreRecord>, at?: ColumnsAt): Float64Array {
    for (const pl of this.preScores) {
      const s = pl.preScore(state, pod, nodes);
      if (s.isSkip()) state.skipScore.add(pl.name);
    }
    const n = nodes.length;
    const totals = new Float64Array(n);
    if (this.scratch.length < n) this.scratch = new Float64Array(Math.max(n, 2 * this.scratch.length));
    const scores = this.scratch.subarray(0, n);
    if (records) for (const node of nodes) records.set(node.name, { plugins: {}, total: 0 });
    for (const { plugin, weight } of this.scores) {
      if (state.skipScore.has(plugin.name)) continue;
      if (plugin.scoreAll) {
        // the same score everywhere adds the same to every total: it cannot change which node wins
        // (totals are integers, exact in a double), so without records it is not added at all
        if (plugin.scoreAll(state, pod, nodes, scores, at) === 'uniform' && !records) continue;
      } else for (let i = 0; i < n; i++) scores[i] = plugin.score(state, pod, nodes[i]);
      const raw = records ? Array.from(scores) : undefined;
      plugin.normalize?.(state, pod, scores, nodes);
      if (records) {
        for (let i = 0; i < n; i++) {
          const v = Math.max(0, Math.min(MAX_NODE_SCORE, scores[i]));
          records.get(nodes[i].name)!.plugins[plugin.name] = { raw: raw![i], normalized: v, weighted: v * weight };
        }
      }
      addWeighted(totals, scores, n, weight);
    }
    if (records) for (let i = 0; i < n; i++) records.get(nodes[i].name)!.total = totals[i];
    return totals;
  }
}

export { CycleState };

/** totals[i] += clamp(scores[i], 0, MaxNodeScore) × weight — a small loop of its own, optimised on its own. */
function addWeighted(totals: Float64Array, scores: Float64Array, n: number, weight: number): void {
  for (let i = 0; i < n; i++) {
    const s = scores[i];
    totals[i] += (s < 0 ? 0 : s > MAX_NODE_SCORE ? MAX_NODE_SCORE : s) * weight;
  }
}
