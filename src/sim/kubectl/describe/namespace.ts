/** Namespace, ResourceQuota and LimitRange describers (none of them print events). */
import type { Obj } from '../../client/types';
import { intValue, parseQuantity, quantityString } from '../../api/table/quantity';
import { printAnnotationsMultiline, printLabelsMultiline, q, rfc1123z, sortStrings, type Any } from './common';
import { goSortSlice } from './gosort';
import { LEVEL_0, LEVEL_1, PrefixWriter, type Writer } from './writer';

const SCOPE_HELP: Record<string, string> = {
  Terminating: 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating: 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort: 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort: 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
};

/** Rows of one LimitRange; kubectl iterates a Go map (random order) per item — we sort by resource. */
function describeLimitRangeSpec(spec: Any, prefix: string, w: Writer): void {
  for (const item of spec?.limits ?? []) {
    const set = new Set<string>();
    for (const f of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) for (const k of Object.keys(item[f] ?? {})) set.add(k);
    for (const k of sortStrings([...set])) {
      const v = (f: string) => (item[f] && item[f][k] !== undefined ? q(item[f][k]) : '-');
      w.write(LEVEL_0, `${prefix}${item.type ?? ''}\t${k}\t${v('min')}\t${v('max')}\t${v('defaultRequest')}\t${v('default')}\t${v('maxLimitRequestRatio')}\n`);
    }
  }
}

function describeResourceQuotas(quotas: Obj[], w: Writer): void {
  if (quotas.length === 0) {
    w.write(LEVEL_0, 'No resource quota.\n');
    return;
  }
  const sorted = goSortSlice([...quotas], (a, b) => (a.metadata.name ?? '') < (b.metadata.name ?? ''));
  w.write(LEVEL_0, 'Resource Quotas\n');
  for (const rq of sorted) {
    w.write(LEVEL_1, `Name:\t${rq.metadata.name ?? ''}\n`);
    const scopes = sortStrings([...(rq.spec?.scopes ?? [])]);
    if (scopes.length > 0) {
      w.write(LEVEL_1, `Scopes:\t${scopes.join(', ')}\n`);
      for (const s of scopes) if (SCOPE_HELP[s]) w.write(LEVEL_1, `* ${SCOPE_HELP[s]}\n`);
    }
    w.write(LEVEL_1, 'Resource\tUsed\tHard\n');
    w.write(LEVEL_1, '--------\t---\t---\n');
    const hard: Record<string, string> = rq.status?.hard ?? {};
    const used: Record<string, string> = rq.status?.used ?? {};
    for (const r of sortStrings(Object.keys(hard))) w.write(LEVEL_1, `${r}\t${used[r] === undefined ? '0' : q(used[r])}\t${q(hard[r])}\n`);
  }
}

function describeLimitRanges(limitRanges: Obj[], w: Writer): void {
  if (limitRanges.length === 0) {
    w.write(LEVEL_0, 'No LimitRange resource.\n');
    return;
  }
  w.write(LEVEL_0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.write(LEVEL_0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  for (const lr of limitRanges) describeLimitRangeSpec(lr.spec, ' ', w);
}

/** `quotas` / `limitRanges`: the namespace's lists; undefined = the list failed (section omitted). */
export function describeNamespace(ns: Obj, quotas: Obj[] | undefined, limitRanges: Obj[] | undefined): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${ns.metadata.name ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', ns.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', ns.metadata.annotations);
  w.write(LEVEL_0, `Status:\t${ns.status?.phase ?? ''}\n`);
  const conds: Any[] = ns.status?.conditions ?? [];
  if (conds.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n');
    for (const c of conds) w.write(LEVEL_1, `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  if (quotas) {
    w.write(LEVEL_0, '\n');
    describeResourceQuotas(quotas, w);
  }
  if (limitRanges) {
    w.write(LEVEL_0, '\n');
    describeLimitRanges(limitRanges, w);
  }
  return w.toString();
}

export function describeResourceQuota(rq: Obj): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${rq.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${rq.metadata.namespace ?? ''}\n`);
  const scopes = sortStrings([...(rq.spec?.scopes ?? [])]);
  if (scopes.length > 0) {
    w.write(LEVEL_0, `Scopes:\t${scopes.join(', ')}\n`);
    for (const s of scopes) if (SCOPE_HELP[s]) w.write(LEVEL_0, ` * ${SCOPE_HELP[s]}\n`);
  }
  w.write(LEVEL_0, 'Resource\tUsed\tHard\n');
  w.write(LEVEL_0, '--------\t----\t----\n');
  const hard: Record<string, string> = rq.status?.hard ?? {};
  const used: Record<string, string> = rq.status?.used ?? {};
  for (const r of sortStrings(Object.keys(hard))) {
    const h = parseQuantity(hard[r]);
    let u = used[r] === undefined ? undefined : parseQuantity(used[r]);
    // a used value in another format is re-expressed as an integer in the hard value's format
    if (h && (!u || u.format !== h.format)) u = { nanos: BigInt(u ? intValue(u) : 0) * 1_000_000_000n, format: h.format };
    w.write(LEVEL_0, `${r}\t${u ? quantityString(u) : '0'}\t${h ? quantityString(h) : hard[r]}\n`);
  }
  return w.toString();
}

export function describeLimitRange(lr: Obj): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${lr.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${lr.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, 'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.write(LEVEL_0, '----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  describeLimitRangeSpec(lr.spec, '', w);
  return w.toString();
}
