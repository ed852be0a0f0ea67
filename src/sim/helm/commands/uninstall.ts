/** `helm uninstall NAME…`: delete the release's objects (reverse install order) and its records. */
import { type HelmEnv, HelmError } from '../env';
import { parseFlags } from '../flags';
import { isoNow } from '../output';
import { objectsOf } from './install';
import { deleteAll } from '../kube';

export function uninstall(env: HelmEnv, argv: string[]): string {
  const p = parseFlags(argv, { 'keep-history': { value: false }, 'dry-run': { value: false }, wait: { value: false }, timeout: { value: true } });
  const ns = (p.flags.namespace as string) ?? env.namespace;
  if (!p.args.length) throw new HelmError(`"helm uninstall" requires at least 1 argument\n\nUsage:  helm uninstall RELEASE_NAME [...] [flags]`);
  let out = '';
  for (const name of p.args) {
    const h = env.store.history(name, ns);
    if (!h.length) throw new HelmError(`uninstall: Release not loaded: ${name}: release: not found`);
    const last = h[h.length - 1];
    if (last.info.status === 'uninstalled') {
      if (p.flags['keep-history']) throw new HelmError(`uninstall: Release not loaded: ${name}: release: not found`);
    } else if (!p.flags['dry-run']) {
      deleteAll(env.client, objectsOf(last.manifest, ns));
    }
    if (p.flags['dry-run']) {
      out += `release "${name}" uninstalled\n`;
      continue;
    }
    if (p.flags['keep-history']) {
      last.info.status = 'uninstalled';
      last.info.deleted = isoNow(env.now());
      last.info.description = 'Uninstallation complete';
      env.store.update(last);
    } else for (const r of h) env.store.delete(r);
    out += `release "${name}" uninstalled\n`;
  }
  return out;
}
