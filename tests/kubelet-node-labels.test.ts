/**
 * The kubelet admits pods against its Node as the API has it (its node lister), so a label added with
 * `kubectl label node` just before a pod with a matching nodeSelector lands there does not get the
 * pod rejected with NodeAffinity (assign-pods-nodes task: label a node, then apply pod-nginx.yaml).
 */
import { describe, expect, it } from 'vitest';
import { sim } from './cluster-helpers';

describe('kubelet admission and node labels', () => {
  it('runs a pod whose nodeSelector matches a label added after the kubelet started', () => {
    const s = sim();
    s.api.patch('nodes', undefined, 'node01', { metadata: { labels: { disktype: 'ssd' } } }, 'strategic');
    s.advance(1000);
    s.api.create('pods', 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx' }, spec: { nodeSelector: { disktype: 'ssd' }, containers: [{ name: 'nginx', image: 'nginx' }] } });
    s.until(() => s.pod('nginx')?.status?.phase === 'Running', 60_000, 'nginx Running');
    expect(s.pod('nginx')!.spec.nodeName).toBe('node01');
    expect(s.events('nginx').map((e) => e.reason)).not.toContain('NodeAffinity');
  });

  it('still rejects a pod bound to a node whose labels do not match (Predicate NodeAffinity failed)', () => {
    const s = sim();
    s.api.create('pods', 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { nodeName: 'node02', nodeSelector: { disktype: 'ssd' }, containers: [{ name: 'c', image: 'nginx' }] } });
    s.until(() => s.pod('p')?.status?.phase === 'Failed', 30_000, 'p Failed');
    expect(s.pod('p')!.status.reason).toBe('NodeAffinity');
    expect(s.events('p').find((e) => e.reason === 'NodeAffinity')?.message).toBe('Predicate NodeAffinity failed');
  });
});
