/** describe edge cases not covered by the recorded goldens. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Obj } from '../src/sim/client/types';
import * as D from '../src/sim/kubectl/describe';
import { rfc1123z } from '../src/sim/kubectl/describe';

const cluster = (JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures/goldens/cluster.json'), 'utf8')) as { items: Obj[] }).items;
const find = (kind: string, name: string) => cluster.find((o) => o.kind === kind && o.metadata.name === name)!;
const NOW = Date.parse('2026-11-22T01:57:00Z');

describe('describe edge cases', () => {
  it('--show-events=false: no Events section', () => {
    const out = D.describePod(find('Pod', 'nginx'), undefined, NOW);
    expect(out).not.toContain('Events:');
    expect(out.endsWith('op=Exists for 300s\n')).toBe(true);
  });
  it('Events: <none> with an empty list', () => {
    expect(D.describePod(find('Pod', 'nginx'), [], NOW).endsWith('Events:                      <none>\n')).toBe(true);
  });
  it('node without a Lease prints the lookup error', () => {
    const out = D.describeNode(find('Node', 'node01'), [], [], undefined, NOW);
    expect(out).toContain('Lease:              Failed to get lease: leases.coordination.k8s.io "node01" not found\n');
  });
  it('RFC1123Z in UTC and the zero time', () => {
    expect(rfc1123z('2016-03-14T10:00:01Z')).toBe('Mon, 14 Mar 2016 10:00:01 +0000');
    expect(rfc1123z(undefined)).toBe('Mon, 01 Jan 0001 00:00:00 +0000');
  });
  it('events: series and counts, events.k8s.io events sort first', () => {
    const ev = (name: string, extra: Record<string, unknown>): Obj => ({ kind: 'Event', metadata: { name }, type: 'Normal', reason: name, message: ` ${name} `, ...extra });
    const events = [
      ev('late', { firstTimestamp: '2026-11-22T01:50:00Z', lastTimestamp: '2026-11-22T01:56:00Z', count: 3, source: { component: 'kubelet' } }),
      ev('series', { eventTime: '2026-11-22T01:40:00.000000Z', series: { count: 4, lastObservedTime: '2026-11-22T01:55:00.000000Z' }, reportingComponent: 'default-scheduler' }),
    ];
    const out = D.describePod(find('Pod', 'nginx'), events, NOW);
    expect(out).toMatch(/Normal  series  2m \(x4 over 17m\)  default-scheduler  series\n  Normal  late    60s \(x3 over 7m\)  kubelet            late\n$/);
  });
  it('smart labels of the generic describer', () => {
    expect(['apiVersion', 'creationTimestamp', 'uid', 'holderIdentity', 'leaseDurationSeconds', 'x_y', 'podCIDRs'].map(D.smartLabelFor)).toEqual([
      'API Version', 'Creation Timestamp', 'UID', 'Holder Identity', 'Lease Duration Seconds', 'x_y', 'Pod CID Rs',
    ]);
  });
});
