/** `kubectl -o name` (cli-runtime printers/name.go): `pod/nginx`, `deployment.apps/web`, with an optional operation. */
import type { Obj } from '../../client/types';

function groupOf(apiVersion: string | undefined): string {
  return apiVersion && apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

/** One line `kind[.group]/name[ operation]\n`. */
export function printName(obj: Obj, operation = '', shortOutput = false): string {
  const kind = obj.kind || '<unknown>';
  const name = obj.metadata?.name || '<unknown>';
  const op = operation && !shortOutput ? ' ' + operation : '';
  const group = groupOf(obj.apiVersion);
  return group ? `${kind.toLowerCase()}.${group}/${name}${op}\n` : `${kind.toLowerCase()}/${name}${op}\n`;
}

/** Every item of a list (or the one object). */
export function printNames(objs: Obj | Obj[], operation = ''): string {
  return (Array.isArray(objs) ? objs : [objs]).map((o) => printName(o, operation)).join('');
}
