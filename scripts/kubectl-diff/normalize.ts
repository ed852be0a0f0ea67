/**
 * What may differ between our kubectl and the real one on twin clusters (issue 3): ages,
 * timestamps, uids and generated suffixes — nothing else.
 */
export function mask(text: string): string {
  return text
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '<uid>')
    .replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z\b/g, '<ts>')
    .replace(/\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}\b/g, '<ts>')
    .replace(/\b[0-9a-f]{64}\b/g, '<hash>')
    .replace(/resourceVersion: "\d+"/g, 'resourceVersion: "<rv>"')
    .replace(/"resourceVersion": "\d+"/g, '"resourceVersion": "<rv>"')
    .replace(/kube-api-access-[a-z0-9]{5}\b/g, 'kube-api-access-<s>')
    .replace(/\b([a-z0-9-]+)-[a-z0-9]{8,10}-[a-z0-9]{5}\b/g, '$1-<h>-<s>')
    .replace(/\b([a-z][a-z0-9-]*)-(?=[a-z0-9]*\d)[a-z0-9]{8,10}\b/g, '$1-<h>')
    .replace(/\b(kube-proxy|coredns|web|nginx)-[a-z0-9]{5}\b/g, '$1-<s>')
    .replace(/(?<=\s|\(|^)(\d+(s|m|h|d|y)){1,2}(?=\s|\)|$)/gm, '<age>')
    .replace(/<age>( \(x\d+ over <age>\))/g, '<age>$1')
    .replace(/[ \t]+$/gm, (m) => m) // trailing spaces are significant: keep
    .replace(/ {2,}/g, (m) => m);
}

/** Column alignment depends on the width of masked cells: compare tokens per line too. */
export function sameModuloSpacing(a: string, b: string): boolean {
  const norm = (t: string) =>
    mask(t)
      .split('\n')
      .map((l) => l.trim().split(/\s+/).join(' '))
      .join('\n');
  return norm(a) === norm(b);
}
