/**
 * serviceaccounts/<name>/token — the TokenRequest API (registry/core/serviceaccount/storage/token.go):
 * defaults (expirationSeconds 3600, audiences = the apiserver's API audiences), validation with the
 * upstream texts, and a JWT shaped like kube-apiserver's (RS256 header with a key id; claims aud,
 * exp, iat, iss, jti, kubernetes.io{namespace, serviceaccount{name, uid}}, nbf, sub). The signature
 * is random bytes from the seeded Rng: the simulation holds no private key.
 */
import { ApiError, notFound } from '../core/errors';
import { toRFC3339 } from '../core/clock';
import { hexDigest } from '../core/hash';
import type { Obj } from '../client/types';
import type { ApiServer } from './server';
import type { ResourcePath } from './paths';
import type { ApiResponse } from './types';

/** kubeadm: --service-account-issuer=https://kubernetes.default.svc.cluster.local (also the API audience). */
export const SA_ISSUER = 'https://kubernetes.default.svc.cluster.local';
const MIN_SECONDS = 600;

function b64url(bytes: string): string {
  return btoa(bytes).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

function hexBytes(hex: string): string {
  let s = '';
  for (let i = 0; i + 1 < hex.length; i += 2) s += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16));
  return s;
}

/** The key id kube-apiserver derives from its signing key (sha256 of the public key, base64url). */
const KEY_ID = b64url(hexBytes(hexDigest('/etc/kubernetes/pki/sa.pub', 64)));

export function issueToken(api: ApiServer, sa: Obj, audiences: string[], expirationSeconds: number): { token: string; expirationTimestamp: string } {
  const now = Math.floor(api.clock.now() / 1000);
  const header = { alg: 'RS256', kid: KEY_ID };
  const claims = {
    aud: audiences,
    exp: now + expirationSeconds,
    iat: now,
    iss: SA_ISSUER,
    jti: api.rng.uid(),
    'kubernetes.io': { namespace: sa.metadata.namespace, serviceaccount: { name: sa.metadata.name, uid: sa.metadata.uid } },
    nbf: now,
    sub: `system:serviceaccount:${sa.metadata.namespace}:${sa.metadata.name}`,
  };
  const signature = b64url(hexBytes(api.rng.hex(512)));
  return { token: `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}.${signature}`, expirationTimestamp: toRFC3339((now + expirationSeconds) * 1000) };
}

export function tokenRequest(api: ApiServer, t: ResourcePath, body: Obj | undefined): ApiResponse {
  const sa = api.storage.peek(t.ki, t.namespace, t.name!);
  if (!sa) throw notFound('serviceaccounts', '', t.name!);
  const spec = (body?.spec ?? {}) as { audiences?: string[]; expirationSeconds?: number; boundObjectRef?: Obj };
  const expirationSeconds = spec.expirationSeconds ?? 3600;
  const name = body?.metadata?.name ?? '';
  const causes: { field: string; reason: string; message: string }[] = [];
  if (expirationSeconds < MIN_SECONDS) causes.push({ field: 'spec.expirationSeconds', reason: 'FieldValueInvalid', message: `Invalid value: ${expirationSeconds}: may not specify a duration less than 10 minutes` });
  if (expirationSeconds > 2 ** 32) causes.push({ field: 'spec.expirationSeconds', reason: 'FieldValueInvalid', message: `Invalid value: ${expirationSeconds}: may not specify a duration larger than 2^32 seconds` });
  if (causes.length) {
    const text = causes.map((c) => `${c.field}: ${c.message}`).join(', ');
    throw new ApiError(422, 'Invalid', `TokenRequest.authentication.k8s.io "${name}" is invalid: ${causes.length > 1 ? `[${text}]` : text}`, { name, group: 'authentication.k8s.io', kind: 'TokenRequest', causes });
  }
  const audiences = spec.audiences?.length ? spec.audiences : [SA_ISSUER];
  const status = issueToken(api, sa, audiences, expirationSeconds);
  return {
    code: 201,
    body: {
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { name: sa.metadata.name, namespace: sa.metadata.namespace, creationTimestamp: null },
      spec: { audiences, expirationSeconds, boundObjectRef: spec.boundObjectRef ?? null },
      status,
    },
  };
}
