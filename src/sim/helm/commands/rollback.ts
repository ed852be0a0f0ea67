/** `helm rollback NAME [REVISION]`: a new revision whose manifest and values are those of an older one. */
import { parseAllDocuments } from 'yaml';
import { type HelmEnv, HelmError } from '../env';
import { parseFlags } from '../flags';
import { buildObjects, markOwned, updateAll } from '../kube';
import { isoNow } from '../output';
import type { Release } from '../storage';
import { objectsOf } from './install';

export function rollback(env: HelmEnv, argv: string[]): string {
  const p = parseFlags(argv, { wait: { value: false }, timeout: { value: true }, 'dry-run': { value: false } });
  const ns = (p.flags.namespace as string) ?? env.namespace;
  const [name, revArg] = p.args;
  if (!name) throw new HelmError(`"helm rollback" requires at least 1 argument\n\nUsage:  helm rollback <RELEASE> [REVISION] [flags]`);
  const hist = env.store.history(name, ns);
  if (!hist.length) throw new HelmError('release: not found');
  const last = hist[hist.length - 1];
  const target = revArg && revArg !== '0' ? hist.find((r) => r.version === Number(revArg)) : hist[hist.length - 2];
  if (!target) throw new HelmError(revArg ? `release has no ${revArg} version` : `release has no previous version`);
  if (p.flags['dry-run']) return 'Rollback was a success! Happy Helming!\n';
  const objs = buildObjects(
    parseAllDocuments(target.manifest).map((d) => d.toJS() as Record<string, any>).filter((o) => o && o.kind),
    ns,
  );
  for (const b of objs) markOwned(b, name, ns);
  const deployed = [...hist].reverse().find((r) => r.info.status === 'deployed');
  updateAll(env.client, objectsOf((deployed ?? last).manifest, ns), objs);
  const now = isoNow(env.now());
  const rel: Release = {
    ...JSON.parse(JSON.stringify(target)),
    version: last.version + 1,
    info: { ...target.info, first_deployed: hist[0].info.first_deployed, last_deployed: now, deleted: '', status: 'deployed', description: `Rollback to ${target.version}` },
  };
  if (deployed) {
    deployed.info.status = 'superseded';
    env.store.update(deployed);
  }
  env.store.create(rel);
  return 'Rollback was a success! Happy Helming!\n';
}
