/** `helm template [NAME] CHART`: render locally and print the manifests; nothing is sent to the cluster. */
import { type HelmEnv, HelmError } from '../env';
import { parseFlags } from '../flags';
import { locateChart } from '../locate';
import { manifestText, RenderError, renderChart } from '../render';
import { mergeValues } from '../values';
import { userValues, VALUE_FLAGS } from '../values-flags';

export function template(env: HelmEnv, argv: string[]): string {
  const p = parseFlags(argv, { ...VALUE_FLAGS, 'show-only': { value: true, short: 's', repeat: true }, 'generate-name': { value: false, short: 'g' }, 'create-namespace': { value: false }, version: { value: true } });
  const ns = (p.flags.namespace as string) ?? env.namespace;
  let name = 'release-name';
  let ref: string;
  if (p.args.length >= 2) [name, ref] = p.args;
  else if (p.args.length === 1) ref = p.args[0];
  else throw new HelmError(`"helm template" requires at least 1 argument\n\nUsage:  helm template [NAME] [CHART] [flags]`);
  const chart = locateChart(env, ref);
  if (p.flags['generate-name']) name = `${chart.metadata.name}-${Math.floor(env.now() / 1000)}`;
  const vals = userValues(env, p);
  let rendered;
  try {
    rendered = renderChart(chart, mergeValues(chart.values, vals), { name, namespace: ns, revision: 1, isInstall: true });
  } catch (e) {
    if (e instanceof RenderError) throw new HelmError(e.message);
    throw e;
  }
  let ms = rendered.manifests;
  const only = p.multi['show-only'];
  if (only?.length) {
    const want = only.map((s) => (s.startsWith(chart.metadata.name + '/') ? s : `${chart.metadata.name}/${s}`));
    ms = ms.filter((m) => want.includes(m.source));
    if (!ms.length) throw new HelmError(`could not find template ${only[0]} in chart`);
  }
  return manifestText(ms);
}
