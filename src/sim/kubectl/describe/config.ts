/** ConfigMap, Secret and ServiceAccount describers. */
import type { Obj } from '../../client/types';
import { printAnnotationsMultiline, printLabelsMultiline, sortStrings, type Any } from './common';
import { describeEvents } from './events';
import { LEVEL_0, PrefixWriter } from './writer';

/** Decoded length of a base64 value (Go's len([]byte)). */
function b64len(v: string): number {
  const s = v.replace(/[^A-Za-z0-9+/]/g, '');
  return Math.floor((s.length * 3) / 4);
}
function b64decode(v: string): string {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(v), (c) => c.charCodeAt(0)));
  } catch {
    return '';
  }
}

/** Data keys print in Go map order (random) in kubectl; we sort them. */
export function describeConfigMap(cm: Obj, events: Obj[] | undefined, now: number): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${cm.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${cm.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', cm.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', cm.metadata.annotations);
  w.write(LEVEL_0, '\nData\n====\n');
  const data: Record<string, string> = cm.data ?? {};
  for (const k of sortStrings(Object.keys(data))) {
    w.write(LEVEL_0, `${k}:\n----\n`);
    w.write(LEVEL_0, `${data[k]}\n`);
    w.write(LEVEL_0, '\n');
  }
  w.write(LEVEL_0, '\nBinaryData\n====\n');
  const bin: Record<string, string> = cm.binaryData ?? {};
  for (const k of sortStrings(Object.keys(bin))) w.write(LEVEL_0, `${k}: ${b64len(bin[k])} bytes\n`);
  w.write(LEVEL_0, '\n');
  if (events) describeEvents(events, w, now);
  return w.toString();
}

/** Secrets have no events section. Data keys sorted (random order in kubectl). */
export function describeSecret(secret: Obj): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${secret.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${secret.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', secret.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', secret.metadata.annotations);
  w.write(LEVEL_0, `\nType:\t${secret.type ?? ''}\n`);
  w.write(LEVEL_0, '\nData\n====\n');
  const data: Record<string, string> = secret.data ?? {};
  for (const k of sortStrings(Object.keys(data))) {
    if (k === 'token' && secret.type === 'kubernetes.io/service-account-token') w.write(LEVEL_0, `${k}:\t${b64decode(data[k])}\n`);
    else w.write(LEVEL_0, `${k}:\t${b64len(data[k])} bytes\n`);
  }
  return w.toString();
}

/** `secrets`: the Secrets of the namespace (for token secrets and "(not found)" marks). */
export function describeServiceAccount(sa: Obj, secrets: Obj[], events: Obj[] | undefined, now: number): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${sa.metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${sa.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', sa.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', sa.metadata.annotations);
  const existing = new Set(secrets.map((s) => s.metadata.name));
  const tokens = secrets.filter(
    (s: Any) =>
      s.type === 'kubernetes.io/service-account-token' &&
      s.metadata.annotations?.['kubernetes.io/service-account.name'] === sa.metadata.name &&
      s.metadata.annotations?.['kubernetes.io/service-account.uid'] === sa.metadata.uid,
  );
  const missing = new Set<string>();
  for (const s of [...(sa.secrets ?? []), ...(sa.imagePullSecrets ?? [])]) if (!existing.has(s.name)) missing.add(s.name);
  const empty = '                   ';
  const groups: [string, string[]][] = [
    ['Image pull secrets:', (sa.imagePullSecrets ?? []).map((s: Any) => s.name)],
    ['Mountable secrets: ', (sa.secrets ?? []).map((s: Any) => s.name)],
    ['Tokens:            ', tokens.map((s) => s.metadata.name!)],
  ];
  for (const [header, names] of groups) {
    if (names.length === 0) {
      w.write(LEVEL_0, `${header}\t<none>\n`);
      continue;
    }
    let prefix = header;
    for (const n of names) {
      w.write(LEVEL_0, missing.has(n) ? `${prefix}\t${n} (not found)\n` : `${prefix}\t${n}\n`);
      prefix = empty;
    }
  }
  if (events) describeEvents(events, w, now);
  return w.toString();
}
