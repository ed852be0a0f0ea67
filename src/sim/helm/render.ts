/**
 * Rendering a chart as `helm install`/`helm template` does: build the top-level object
 * (.Values .Release .Chart .Capabilities), render every template (partials `_*.tpl` only provide
 * `define`s), split the output into YAML documents and sort them into Helm's install order.
 */
import { parseAllDocuments } from 'yaml';
import type { Chart } from './chart';
import type { Values } from './values';
import { Engine } from './template/exec';
import { type Parsed, parseTemplate, TemplateError } from './template/parse';

export interface ReleaseInfo {
  name: string;
  namespace: string;
  revision: number;
  isInstall: boolean;
}

export interface Manifest {
  /** `web/templates/deployment.yaml` */
  source: string;
  /** The document text as rendered (trimmed). */
  content: string;
  obj: Record<string, any>;
}

export interface Rendered {
  manifests: Manifest[];
  notes: string;
}

/** Helm's InstallOrder (pkg/releaseutil/kind_sorter.go). */
export const INSTALL_ORDER = [
  'PriorityClass', 'Namespace', 'NetworkPolicy', 'ResourceQuota', 'LimitRange', 'PodSecurityPolicy', 'PodDisruptionBudget',
  'ServiceAccount', 'Secret', 'SecretList', 'ConfigMap', 'StorageClass', 'PersistentVolume', 'PersistentVolumeClaim',
  'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleList', 'ClusterRoleBinding', 'ClusterRoleBindingList', 'Role',
  'RoleList', 'RoleBinding', 'RoleBindingList', 'Service', 'DaemonSet', 'Pod', 'ReplicationController', 'ReplicaSet',
  'Deployment', 'HorizontalPodAutoscaler', 'StatefulSet', 'Job', 'CronJob', 'IngressClass', 'Ingress', 'APIService',
];

function orderOf(kind: string): number {
  const i = INSTALL_ORDER.indexOf(kind);
  return i < 0 ? INSTALL_ORDER.length : i;
}

export function sortForInstall<T extends { obj: Record<string, any> }>(ms: T[]): T[] {
  return ms
    .map((m, i) => ({ m, i }))
    .sort((a, b) => orderOf(a.m.obj.kind) - orderOf(b.m.obj.kind) || a.i - b.i)
    .map((x) => x.m);
}

export class RenderError extends Error {}

export function renderChart(chart: Chart, values: Values, rel: ReleaseInfo): Rendered {
  const c = chart.metadata;
  const top = {
    Values: values,
    Release: { Name: rel.name, Namespace: rel.namespace, Revision: rel.revision, IsInstall: rel.isInstall, IsUpgrade: !rel.isInstall, Service: 'Helm' },
    Chart: { Name: c.name, Version: c.version, AppVersion: c.appVersion ?? '', Description: c.description ?? '', Type: c.type ?? 'application', APIVersion: c.apiVersion },
    Capabilities: { KubeVersion: { Version: 'v1.32.4', Major: '1', Minor: '32', GitVersion: 'v1.32.4' }, HelmVersion: { Version: 'v3.16.4' } },
    Template: { Name: '', BasePath: `${c.name}/templates` },
  };
  const engine = new Engine(top);
  const parsed: { name: string; p: Parsed }[] = [];
  try {
    for (const t of chart.templates) {
      const full = `${c.name}/${t.name}`;
      const p = parseTemplate(t.data, full);
      engine.addDefines(p);
      parsed.push({ name: full, p });
    }
  } catch (e) {
    if (e instanceof TemplateError) throw new RenderError(`parse error at (${e.message.replace(/^template: /, '')})`);
    throw e;
  }
  const manifests: Manifest[] = [];
  let notes = '';
  for (const { name, p } of parsed) {
    const base = name.slice(name.lastIndexOf('/') + 1);
    if (base.startsWith('_')) continue;
    let out: string;
    try {
      top.Template.Name = name;
      out = engine.render(p, name);
    } catch (e) {
      if (e instanceof TemplateError) throw new RenderError(e.message);
      throw e;
    }
    if (base === 'NOTES.txt') {
      notes = out;
      continue;
    }
    for (const chunk of out.split(/^---[ \t]*$/m)) {
      const content = chunk.replace(/^\s*\n/, '').replace(/\s+$/, '');
      if (!content.split('\n').some((l) => l.trim() && !l.trim().startsWith('#'))) continue;
      const docs = parseAllDocuments(content);
      const doc = docs[0];
      if (!doc || doc.errors.length) {
        const msg = doc?.errors[0]?.message.split('\n')[0] ?? 'invalid YAML';
        throw new RenderError(`YAML parse error on ${name}: error converting YAML to JSON: yaml: ${msg}`);
      }
      const obj = doc.toJS() as Record<string, any>;
      if (!obj || typeof obj !== 'object') continue;
      if (!obj.kind) throw new RenderError(`unable to build kubernetes objects from release manifest: error validating "": error validating data: kind not set`);
      manifests.push({ source: name, content, obj });
    }
  }
  return { manifests: sortForInstall(manifests), notes };
}

/** The release manifest text: `---\n# Source: …\n<doc>` for each document. */
export function manifestText(ms: Manifest[]): string {
  return ms.map((m) => `---\n# Source: ${m.source}\n${m.content}\n`).join('');
}
