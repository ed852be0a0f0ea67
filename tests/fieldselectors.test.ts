/**
 * Field selectors as the apiserver parses, converts and matches them. Expected texts are upstream's:
 * apimachinery fields/selector.go (parse, escapes), runtime.DefaultMetaV1FieldSelectorConversion and
 * the per-kind conversions in pkg/apis/{core,batch}/v1/conversion.go.
 */
import { describe, expect, it } from 'vitest';
import { fieldValue, matchFields, parseFieldSelector } from '../src/sim/api/fieldselectors';
import type { Obj } from '../src/sim/client/types';
import { ApiError } from '../src/sim/core/errors';

const err = (f: () => unknown): ApiError => {
  try {
    f();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('no error');
};

const core = (kind: string) => ({ group: '', kind });

describe('field selector parsing', () => {
  it('splits on the leftmost operator, sorts terms, drops empty ones, keeps spaces', () => {
    expect(parseFieldSelector('status.phase!=Running,spec.restartPolicy=Always')).toEqual([
      { field: 'spec.restartPolicy', op: '=', value: 'Always' },
      { field: 'status.phase', op: '!=', value: 'Running' },
    ]);
    expect(parseFieldSelector('metadata.name==x,,')).toEqual([{ field: 'metadata.name', op: '=', value: 'x' }]);
    expect(parseFieldSelector('metadata.name=!x')).toEqual([{ field: 'metadata.name', op: '=', value: '!x' }]);
    expect(parseFieldSelector('a =b')[0].field).toBe('a ');
    expect(parseFieldSelector('')).toEqual([]);
  });

  it('unescapes \\, \\= and \\\\ in values and rejects the rest', () => {
    expect(parseFieldSelector('metadata.name=a\\,b\\=c\\\\d')).toEqual([{ field: 'metadata.name', op: '=', value: 'a,b=c\\d' }]);
    expect(err(() => parseFieldSelector('metadata.name=a\\x')).message).toBe('invalid field selector: invalid escape sequence: \\x');
    expect(err(() => parseFieldSelector('metadata.name=a\\')).message).toBe('invalid field selector: invalid escape sequence: \\');
    // Go formats the rune with %v: its code point
    expect(err(() => parseFieldSelector('metadata.name=a=b')).message).toBe('invalid field selector: unescaped character in value: 61');
  });

  it('rejects a term without an operator, quoting the whole selector', () => {
    const e = err(() => parseFieldSelector('status.phase=Running,foo'));
    expect(e.code).toBe(400);
    expect(e.reason).toBe('BadRequest');
    expect(e.message).toBe("invalid selector: 'status.phase=Running,foo'; can't understand 'foo'");
  });
});

describe('field label conversion per kind', () => {
  it('kinds without a registered conversion accept only metadata.name and metadata.namespace', () => {
    const ing = { group: 'networking.k8s.io', kind: 'Ingress' };
    expect(err(() => parseFieldSelector('foo.bar=baz', ing)).message).toBe('"foo.bar" is not a known field selector: only "metadata.name", "metadata.namespace"');
    expect(parseFieldSelector('metadata.namespace!=default', { group: 'apps', kind: 'StatefulSet' })).toHaveLength(1);
    expect(err(() => parseFieldSelector('status.replicas=1', { group: 'apps', kind: 'ReplicaSet' })).message).toContain('"status.replicas" is not a known field selector');
  });

  it('registered conversions use their own wording', () => {
    expect(err(() => parseFieldSelector('spec.foo=x', core('Pod'))).message).toBe('field label not supported: spec.foo');
    expect(err(() => parseFieldSelector('metadata.namespace=x', core('Node'))).message).toBe('field label not supported: metadata.namespace');
    expect(err(() => parseFieldSelector('status.active=1', { group: 'batch', kind: 'Job' })).message).toBe('field label "status.active" not supported for batchv1.Job');
    expect(parseFieldSelector('spec.type=NodePort,spec.clusterIP=None', core('Service'))).toHaveLength(2);
    expect(parseFieldSelector('type=Opaque', core('Secret'))).toHaveLength(1);
  });

  it('checks terms in sorted order, and maps the legacy spec.host to spec.nodeName', () => {
    expect(err(() => parseFieldSelector('zz=1,aa=1', core('Pod'))).message).toBe('field label not supported: aa');
    expect(parseFieldSelector('spec.host=node01', core('Pod'))).toEqual([{ field: 'spec.nodeName', op: '=', value: 'node01' }]);
  });
});

describe('field selector matching', () => {
  const pod = { metadata: { name: 'web', namespace: 'default' }, spec: { nodeName: 'node01', restartPolicy: 'Always' }, status: { phase: 'Running', podIP: '10.244.1.5' } } as Obj;

  it('compares the selectable fields of the kind', () => {
    expect(matchFields(parseFieldSelector('status.phase!=Running,spec.restartPolicy=Always', core('Pod')), pod, 'Pod')).toBe(false);
    expect(matchFields(parseFieldSelector('status.phase=Running,spec.nodeName=node01', core('Pod')), pod, 'Pod')).toBe(true);
    expect(fieldValue(pod, 'status.podIP', 'Pod')).toBe('10.244.1.5');
    expect(fieldValue(pod, 'spec.hostNetwork', 'Pod')).toBe('false');
  });

  it('a convertible field outside the selectable set reads as empty', () => {
    expect(matchFields(parseFieldSelector('status.podIPs=', core('Pod')), pod, 'Pod')).toBe(true);
    expect(matchFields(parseFieldSelector('status.podIPs=10.244.1.5', core('Pod')), pod, 'Pod')).toBe(false);
  });

  it('events select on source, falling back to the reporting controller', () => {
    const ev = { metadata: { name: 'e', namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'web' }, source: {}, reportingComponent: 'kubelet', type: 'Normal' } as unknown as Obj;
    expect(matchFields(parseFieldSelector('source=kubelet,involvedObject.kind=Pod,type=Normal', core('Event')), ev, 'Event')).toBe(true);
  });
});
