#!/usr/bin/env node
// Copied from shared/reference/goldens/tools/kube-fake-apiserver.js (the project's recorded probe server);
// only change: TABLES_JSON (see toTable). Used by tests/tools/capture-tables.ts, never by the test run itself.
// Throwaway fake kube-apiserver used to probe what the REAL kubectl (v1.32) sends and needs.
// Zero dependencies (Node >= 18). Listens on 127.0.0.1 only. Logs every request (method, path, query,
// Accept, Content-Type, User-Agent, body, response summary) as JSON lines to $LOG.
// It is a probe, not a simulator: tiny in-memory store, fake deployment controller/scheduler, no auth.
// Extended logging fake apiserver (FIXTURES loader, more kinds, set-based label selectors) used to capture these goldens.
// Findings: ../../KUBECTL-PROTOCOL.md
//
// Env toggles (all optional):
//   PORT=18080              listen port
//   LOG=./requests.jsonl    request log (JSONL); protobuf request bodies are also saved under ./proto/
//   AGG=1|0                 answer aggregated discovery (apidiscovery.k8s.io/v2) when the Accept asks for it
//   OPENAPI=v3|v2|both|none which OpenAPI endpoints exist (others 404). v2 here is JSON, which kubectl rejects
//   FIELDVALIDATION=1|0     advertise the fieldValidation query param on OpenAPI v3 PATCH operations
//   TABLE=1|0               answer Accept: ...;as=Table;... with meta.k8s.io/v1 Table
//   MINOR=32                /version minor (the gcloud kubectl dispatcher picks kubectl.1.<minor> from this)
//   NOVERSION=1             /version answers 404
//   FLUSH=1|0               flush watch response headers immediately (0 reproduces the client-go hang)
//   PROTO415=1|0            answer protobuf request bodies with 415 (0: try to parse -> 400)
//   WATCH_END=<s>           end every watch stream after <s> seconds; WATCH_ERROR=1 sends an ERROR 410 event first
//   SSA_CONFLICT=1          server-side apply on an existing object answers 409 FieldManagerConflict
//   WARN=1                  add a `Warning: 299 - "..."` header to every response
//   QUIET=1                 no per-request console line
// Magic object names: GET .../pods/err-<code> -> Status with that code; .../pods/raw-<code> -> text/plain body.
'use strict';
const http = require('http');
const fs = require('fs');
const crypto = require('crypto');
const { URL } = require('url');

const PORT = +(process.env.PORT || 18080);
const AGG = process.env.AGG !== '0';
const OPENAPI = process.env.OPENAPI || 'v3';
const TABLE = process.env.TABLE !== '0';
const FIELDVALIDATION = process.env.FIELDVALIDATION !== '0';
const LOG = process.env.LOG || process.cwd() + '/requests.jsonl';
const logStream = fs.createWriteStream(LOG, { flags: 'a' });

// ---------------------------------------------------------------- resource registry
const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const RESOURCES = [
  { group: '', version: 'v1', plural: 'pods', singular: 'pod', kind: 'Pod', namespaced: true, shortNames: ['po'], categories: ['all'],
    subresources: [
      { name: 'log', kind: 'Pod', verbs: ['get'] },
      { name: 'status', kind: 'Pod', verbs: ['get', 'patch', 'update'] },
      { name: 'exec', kind: 'PodExecOptions', verbs: ['create', 'get'] },
    ] },
  { group: '', version: 'v1', plural: 'nodes', singular: 'node', kind: 'Node', namespaced: false, shortNames: ['no'],
    subresources: [{ name: 'status', kind: 'Node', verbs: ['get', 'patch', 'update'] }] },
  { group: '', version: 'v1', plural: 'namespaces', singular: 'namespace', kind: 'Namespace', namespaced: false, shortNames: ['ns'],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    subresources: [{ name: 'status', kind: 'Namespace', verbs: ['get', 'patch', 'update'] }] },
  { group: '', version: 'v1', plural: 'events', singular: 'event', kind: 'Event', namespaced: true, shortNames: ['ev'] },
  { group: '', version: 'v1', plural: 'services', singular: 'service', kind: 'Service', namespaced: true, shortNames: ['svc'], categories: ['all'],
    verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
    subresources: [{ name: 'status', kind: 'Service', verbs: ['get', 'patch', 'update'] }] },
  { group: 'apps', version: 'v1', plural: 'deployments', singular: 'deployment', kind: 'Deployment', namespaced: true, shortNames: ['deploy'], categories: ['all'],
    subresources: [
      { name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] },
      { name: 'status', kind: 'Deployment', verbs: ['get', 'patch', 'update'] },
    ] },
  { group: 'apps', version: 'v1', plural: 'replicasets', singular: 'replicaset', kind: 'ReplicaSet', namespaced: true, shortNames: ['rs'], categories: ['all'],
    subresources: [
      { name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] },
      { name: 'status', kind: 'ReplicaSet', verbs: ['get', 'patch', 'update'] },
    ] },
];

// ---- printprobe additions: more kinds so describe/get work against fixture objects
const EXTRA = [
  ['', 'v1', 'configmaps', 'configmap', 'ConfigMap', true, ['cm']],
  ['', 'v1', 'secrets', 'secret', 'Secret', true, []],
  ['', 'v1', 'serviceaccounts', 'serviceaccount', 'ServiceAccount', true, ['sa']],
  ['', 'v1', 'endpoints', 'endpoints', 'Endpoints', true, ['ep']],
  ['', 'v1', 'resourcequotas', 'resourcequota', 'ResourceQuota', true, ['quota']],
  ['', 'v1', 'limitranges', 'limitrange', 'LimitRange', true, ['limits']],
  ['', 'v1', 'persistentvolumes', 'persistentvolume', 'PersistentVolume', false, ['pv']],
  ['', 'v1', 'persistentvolumeclaims', 'persistentvolumeclaim', 'PersistentVolumeClaim', true, ['pvc']],
  ['', 'v1', 'replicationcontrollers', 'replicationcontroller', 'ReplicationController', true, ['rc']],
  ['apps', 'v1', 'statefulsets', 'statefulset', 'StatefulSet', true, ['sts']],
  ['apps', 'v1', 'daemonsets', 'daemonset', 'DaemonSet', true, ['ds']],
  ['apps', 'v1', 'controllerrevisions', 'controllerrevision', 'ControllerRevision', true, []],
  ['batch', 'v1', 'jobs', 'job', 'Job', true, []],
  ['batch', 'v1', 'cronjobs', 'cronjob', 'CronJob', true, ['cj']],
  ['networking.k8s.io', 'v1', 'ingresses', 'ingress', 'Ingress', true, ['ing']],
  ['networking.k8s.io', 'v1', 'ingressclasses', 'ingressclass', 'IngressClass', false, []],
  ['networking.k8s.io', 'v1', 'networkpolicies', 'networkpolicy', 'NetworkPolicy', true, ['netpol']],
  ['discovery.k8s.io', 'v1', 'endpointslices', 'endpointslice', 'EndpointSlice', true, []],
  ['coordination.k8s.io', 'v1', 'leases', 'lease', 'Lease', true, []],
  ['events.k8s.io', 'v1', 'events', 'event', 'Event', true, ['ev']],
  ['policy', 'v1', 'poddisruptionbudgets', 'poddisruptionbudget', 'PodDisruptionBudget', true, ['pdb']],
  ['rbac.authorization.k8s.io', 'v1', 'roles', 'role', 'Role', true, []],
  ['rbac.authorization.k8s.io', 'v1', 'rolebindings', 'rolebinding', 'RoleBinding', true, []],
  ['rbac.authorization.k8s.io', 'v1', 'clusterroles', 'clusterrole', 'ClusterRole', false, []],
  ['rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', 'clusterrolebinding', 'ClusterRoleBinding', false, []],
  ['storage.k8s.io', 'v1', 'storageclasses', 'storageclass', 'StorageClass', false, ['sc']],
  ['scheduling.k8s.io', 'v1', 'priorityclasses', 'priorityclass', 'PriorityClass', false, ['pc']],
  ['autoscaling', 'v2', 'horizontalpodautoscalers', 'horizontalpodautoscaler', 'HorizontalPodAutoscaler', true, ['hpa']],
];
for (const [group, version, plural, singular, kind, namespaced, shortNames] of EXTRA) {
  const r = { group, version, plural, singular, kind, namespaced };
  if (shortNames.length) r.shortNames = shortNames;
  RESOURCES.push(r);
}
const groupVersions = (g) => [...new Set(RESOURCES.filter((r) => r.group === g).map((r) => r.version))];
const gvOf = (r) => (r.group ? r.group + '/' + r.version : r.version);
const findRes = (group, version, plural) => RESOURCES.find((r) => r.group === group && r.version === version && r.plural === plural);

// ---------------------------------------------------------------- store
let rv = 1000;
const store = new Map(); // key -> object ; key = plural|ns|name
const history = []; // {rv, res, type, obj}
const watchers = new Set();
const keyOf = (res, ns, name) => `${res.group}/${res.plural}|${ns || ''}|${name}`;
const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const clone = (o) => JSON.parse(JSON.stringify(o));

function emit(res, type, obj) {
  const ev = { rv: +obj.metadata.resourceVersion, res, type, obj: clone(obj) };
  history.push(ev);
  for (const w of watchers) w(ev);
}
function put(res, obj, type) {
  rv += 1;
  obj.metadata.resourceVersion = String(rv);
  store.set(keyOf(res, obj.metadata.namespace, obj.metadata.name), obj);
  emit(res, type, obj);
  return obj;
}
function remove(res, obj) {
  store.delete(keyOf(res, obj.metadata.namespace, obj.metadata.name));
  rv += 1;
  obj = clone(obj);
  obj.metadata.resourceVersion = String(rv);
  emit(res, 'DELETED', obj);
  return obj;
}
function newMeta(res, ns, meta) {
  const m = Object.assign({}, meta);
  if (!m.name && m.generateName) m.name = m.generateName + crypto.randomBytes(3).toString('hex').slice(0, 5);
  if (res.namespaced) m.namespace = ns || m.namespace || 'default';
  else delete m.namespace;
  m.uid = crypto.randomUUID();
  m.creationTimestamp = now();
  if (['deployments', 'replicasets'].includes(res.plural)) m.generation = 1;
  return m;
}

// ---------------------------------------------------------------- HTTP helpers
function send(res, code, body, ctype = 'application/json') {
  const data = typeof body === 'string' ? body : JSON.stringify(body);
  const h = { 'Content-Type': ctype, 'Cache-Control': 'no-cache, private' };
  if (process.env.WARN === '1') h['Warning'] = '299 - "simulated warning: apps/v1beta1 Foo is deprecated"';
  res.writeHead(code, h);
  res.end(data);
  return { code, ctype, bodyPreview: data.slice(0, 4000) };
}
function status(code, reason, message, details) {
  const s = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (details) s.details = details;
  return s;
}
const notFound = (r, name) => status(404, 'NotFound', `${r.plural}${r.group ? '.' + r.group : ''} "${name}" not found`, { name, group: r.group || undefined, kind: r.plural });
const alreadyExists = (r, name) => status(409, 'AlreadyExists', `${r.plural}${r.group ? '.' + r.group : ''} "${name}" already exists`, { name, group: r.group || undefined, kind: r.plural });
const conflict = (r, name) => status(409, 'Conflict', `Operation cannot be fulfilled on ${r.plural}${r.group ? '.' + r.group : ''} "${name}": the object has been modified; please apply your changes to the latest version and try again`, { name, group: r.group || undefined, kind: r.plural });
function invalid(r, name, causes) {
  const msg = `${r.kind} "${name}" is invalid: ` + (causes.length === 1 ? `${causes[0].field}: ${causes[0].message}` : '[' + causes.map((c) => `${c.field}: ${c.message}`).join(', ') + ']');
  return status(422, 'Invalid', msg, { name, group: r.group || undefined, kind: r.kind, causes });
}

// ---------------------------------------------------------------- discovery
function apiResourceList(group, version) {
  const rs = [];
  for (const r of RESOURCES.filter((x) => x.group === group && x.version === version)) {
    const e = { name: r.plural, singularName: r.singular, namespaced: r.namespaced, kind: r.kind, verbs: r.verbs || VERBS };
    if (r.shortNames) e.shortNames = r.shortNames;
    if (r.categories) e.categories = r.categories;
    e.storageVersionHash = crypto.createHash('sha256').update(r.plural).digest('base64').slice(0, 11);
    rs.push(e);
    for (const s of r.subresources || []) {
      const se = { name: `${r.plural}/${s.name}`, singularName: '', namespaced: r.namespaced, kind: s.kind, verbs: s.verbs };
      if (s.group) { se.group = s.group; se.version = s.version; }
      rs.push(se);
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources: rs };
}
function aggregatedGroup(group) {
  const versions = [...new Set(RESOURCES.filter((r) => r.group === group).map((r) => r.version))];
  return {
    metadata: group ? { name: group, creationTimestamp: null } : { creationTimestamp: null },
    versions: versions.map((v) => ({
      version: v,
      resources: RESOURCES.filter((r) => r.group === group && r.version === v).map((r) => {
        const e = { resource: r.plural, responseKind: { group: r.group, version: r.version, kind: r.kind }, scope: r.namespaced ? 'Namespaced' : 'Cluster', singularResource: r.singular, verbs: r.verbs || VERBS };
        if (r.shortNames) e.shortNames = r.shortNames;
        if (r.categories) e.categories = r.categories;
        if (r.subresources) e.subresources = r.subresources.map((s) => ({ subresource: s.name, responseKind: { group: s.group !== undefined ? s.group : r.group, version: s.version || r.version, kind: s.kind }, verbs: s.verbs }));
        return e;
      }),
      freshness: 'Current',
    })),
  };
}
const AGG_CT = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
function wantsAgg(req) { return AGG && /as=APIGroupDiscoveryList/.test(req.headers.accept || '') && /v=v2(;|,|$)/.test(req.headers.accept || ''); }

// ---------------------------------------------------------------- OpenAPI (tiny hand-written)
function openapiV3Doc(group, version) {
  const rs = RESOURCES.filter((r) => r.group === group && r.version === version);
  const paths = {};
  const schemas = {};
  const pkg = group ? `io.k8s.api.${group}.${version}` : `io.k8s.api.core.${version}`;
  for (const r of rs) {
    const base = (group ? `/apis/${group}/${version}` : `/api/${version}`) + (r.namespaced ? '/namespaces/{namespace}' : '') + `/${r.plural}/{name}`;
    const params = [
      { name: 'dryRun', in: 'query', schema: { type: 'string', uniqueItems: true } },
      { name: 'fieldManager', in: 'query', schema: { type: 'string', uniqueItems: true } },
      { name: 'force', in: 'query', schema: { type: 'boolean', uniqueItems: true } },
    ];
    if (FIELDVALIDATION) params.push({ name: 'fieldValidation', in: 'query', description: 'fieldValidation instructs the server on how to handle objects in the request', schema: { type: 'string', uniqueItems: true } });
    paths[base] = {
      get: { operationId: `read${r.kind}`, responses: { 200: { content: { 'application/json': { schema: { $ref: `#/components/schemas/${pkg}.${r.kind}` } } } } }, 'x-kubernetes-action': 'get', 'x-kubernetes-group-version-kind': { group, version, kind: r.kind } },
      patch: { operationId: `patch${r.kind}`, parameters: params, 'x-kubernetes-action': 'patch', 'x-kubernetes-group-version-kind': { group, version, kind: r.kind }, responses: { 200: {} } },
      put: { operationId: `replace${r.kind}`, parameters: params, 'x-kubernetes-action': 'put', 'x-kubernetes-group-version-kind': { group, version, kind: r.kind }, responses: { 200: {} } },
    };
    schemas[`${pkg}.${r.kind}`] = {
      description: `${r.kind} is a simulated resource (probe server).`,
      type: 'object',
      properties: {
        apiVersion: { description: 'APIVersion defines the versioned schema of this representation of an object.', type: 'string' },
        kind: { description: 'Kind is a string value representing the REST resource this object represents.', type: 'string' },
        metadata: { allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }], default: {}, description: "Standard object's metadata." },
        spec: { type: 'object', description: `Specification of the desired behavior of the ${r.kind}.`, 'x-kubernetes-preserve-unknown-fields': true },
        status: { type: 'object', description: `Most recently observed status of the ${r.kind}.`, 'x-kubernetes-preserve-unknown-fields': true },
      },
      'x-kubernetes-group-version-kind': [{ group, kind: r.kind, version }],
    };
  }
  schemas['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'] = {
    description: 'ObjectMeta is metadata that all persisted resources must have.', type: 'object',
    properties: { name: { type: 'string', description: 'Name must be unique within a namespace.' }, namespace: { type: 'string', description: 'Namespace defines the space within which each name must be unique.' }, labels: { type: 'object', additionalProperties: { type: 'string', default: '' }, description: 'Map of string keys and values.' }, annotations: { type: 'object', additionalProperties: { type: 'string', default: '' }, description: 'Annotations.' } },
  };
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.0-probe' }, paths, components: { schemas } };
}

// ---------------------------------------------------------------- tables
function age(ts) {
  if (!ts) return '<unknown>';
  const s = Math.max(0, Math.floor((Date.now() - Date.parse(ts)) / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return `${m}m${s % 60 ? (s % 60) + 's' : ''}`;
  if (m < 180) return `${m}m`;
  return `${Math.floor(m / 60)}h`;
}
const NAME_DESC = 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';
const AGE_DESC = 'CreationTimestamp is a timestamp representing the server time when this object was created.';
const col = (name, type, priority = 0, description = '', format = '') => ({ name, type, format, description, priority });
const TABLES = {
  pods: {
    cols: [col('Name', 'string', 0, NAME_DESC, 'name'), col('Ready', 'string', 0, 'The aggregate readiness state of this pod for accepting traffic.'), col('Status', 'string', 0, 'The aggregate status of the containers in this pod.'), col('Restarts', 'string', 0, 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'), col('Age', 'string', 0, AGE_DESC), col('IP', 'string', 1, 'podIP'), col('Node', 'string', 1, 'nodeName'), col('Nominated Node', 'string', 1, 'nominatedNodeName'), col('Readiness Gates', 'string', 1, 'readinessGates')],
    row: (o) => {
      const cs = (o.status && o.status.containerStatuses) || [];
      const n = (o.spec.containers || []).length;
      const ready = cs.filter((c) => c.ready).length;
      let st = (o.status && o.status.phase) || 'Pending';
      if (o.metadata.deletionTimestamp) st = 'Terminating';
      return [o.metadata.name, `${ready}/${n}`, st, String(cs.reduce((a, c) => a + (c.restartCount || 0), 0)), age(o.metadata.creationTimestamp), (o.status && o.status.podIP) || '<none>', o.spec.nodeName || '<none>', '<none>', '<none>'];
    },
  },
  deployments: {
    cols: [col('Name', 'string', 0, NAME_DESC, 'name'), col('Ready', 'string', 0, 'Number of the pod with ready state'), col('Up-to-date', 'integer', 0, 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'), col('Available', 'integer', 0, 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'), col('Age', 'string', 0, AGE_DESC), col('Containers', 'string', 1, 'Names of each container in the template.'), col('Images', 'string', 1, 'Images referenced by each container in the template.'), col('Selector', 'string', 1, 'Label selector for pods.')],
    row: (o) => {
      const s = o.status || {};
      const c = (o.spec.template && o.spec.template.spec && o.spec.template.spec.containers) || [];
      const sel = (o.spec.selector && o.spec.selector.matchLabels) || {};
      return [o.metadata.name, `${s.readyReplicas || 0}/${o.spec.replicas ?? 1}`, s.updatedReplicas || 0, s.availableReplicas || 0, age(o.metadata.creationTimestamp), c.map((x) => x.name).join(','), c.map((x) => x.image).join(','), Object.entries(sel).map(([k, v]) => `${k}=${v}`).join(',')];
    },
  },
  replicasets: {
    cols: [col('Name', 'string', 0, NAME_DESC, 'name'), col('Desired', 'integer', 0, 'replicas'), col('Current', 'integer', 0, 'replicas'), col('Ready', 'integer', 0, 'readyReplicas'), col('Age', 'string', 0, AGE_DESC), col('Containers', 'string', 1, ''), col('Images', 'string', 1, ''), col('Selector', 'string', 1, '')],
    row: (o) => {
      const s = o.status || {};
      const c = o.spec.template.spec.containers || [];
      return [o.metadata.name, o.spec.replicas ?? 1, s.replicas || 0, s.readyReplicas || 0, age(o.metadata.creationTimestamp), c.map((x) => x.name).join(','), c.map((x) => x.image).join(','), Object.entries(o.spec.selector.matchLabels || {}).map(([k, v]) => `${k}=${v}`).join(',')];
    },
  },
  nodes: {
    cols: [col('Name', 'string', 0, NAME_DESC, 'name'), col('Status', 'string', 0, 'The status of the node'), col('Roles', 'string', 0, 'The roles of the node'), col('Age', 'string', 0, AGE_DESC), col('Version', 'string', 0, 'Kubelet Version reported by the node.'), col('Internal-IP', 'string', 1, ''), col('External-IP', 'string', 1, ''), col('OS-Image', 'string', 1, ''), col('Kernel-Version', 'string', 1, ''), col('Container-Runtime', 'string', 1, '')],
    row: (o) => {
      const ready = ((o.status && o.status.conditions) || []).find((c) => c.type === 'Ready');
      const ni = (o.status && o.status.nodeInfo) || {};
      const ip = ((o.status && o.status.addresses) || []).find((a) => a.type === 'InternalIP');
      return [o.metadata.name, ready && ready.status === 'True' ? 'Ready' : 'NotReady', '<none>', age(o.metadata.creationTimestamp), ni.kubeletVersion || '', ip ? ip.address : '<none>', '<none>', ni.osImage || '', ni.kernelVersion || '', ni.containerRuntimeVersion || ''];
    },
  },
  namespaces: {
    cols: [col('Name', 'string', 0, NAME_DESC, 'name'), col('Status', 'string', 0, 'The status of the namespace'), col('Age', 'string', 0, AGE_DESC)],
    row: (o) => [o.metadata.name, (o.status && o.status.phase) || 'Active', age(o.metadata.creationTimestamp)],
  },
};
function genericTable() {
  return { cols: [col('Name', 'string', 0, NAME_DESC, 'name'), col('Created At', 'date', 0, AGE_DESC)], row: (o) => [o.metadata.name, o.metadata.creationTimestamp] };
}
function partialMeta(o) {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: clone(o.metadata) };
}
// kube-anatomy test harness: TABLES_JSON=<file> serves precomputed Tables ({"<group>/<plural>": {columnDefinitions,
// rows: {"<ns>/<name>": {cells, conditions?}}}}) so the real kubectl renders Tables we computed ourselves.
const FIXED_TABLES = process.env.TABLES_JSON ? JSON.parse(fs.readFileSync(process.env.TABLES_JSON, 'utf8')) : null;
function toTable(r, objs, listMeta, includeObject, noHeaders) {
  const ft = FIXED_TABLES && FIXED_TABLES[`${r.group}/${r.plural}`];
  if (ft) {
    const table = { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: listMeta || {}, columnDefinitions: noHeaders ? null : ft.columnDefinitions, rows: [] };
    for (const o of objs) {
      const pre = ft.rows[`${o.metadata.namespace || ''}/${o.metadata.name}`];
      const row = { cells: pre.cells };
      if (pre.conditions) row.conditions = pre.conditions;
      if (includeObject === 'Object') row.object = o;
      else if (includeObject !== 'None') row.object = partialMeta(o);
      table.rows.push(row);
    }
    return table;
  }
  const t = TABLES[r.plural] || genericTable();
  const table = { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: listMeta || {}, columnDefinitions: noHeaders ? null : t.cols, rows: [] };
  for (const o of objs) {
    const row = { cells: t.row(o) };
    if (includeObject === 'Object') row.object = o;
    else if (includeObject !== 'None') row.object = partialMeta(o);
    table.rows.push(row);
  }
  return table;
}
function wantsTable(req) { return TABLE && /as=Table/.test(req.headers.accept || ''); }

// ---------------------------------------------------------------- selectors
function matchLabels(sel, labels) {
  if (!sel) return true;
  labels = labels || {};
  // split on commas that are not inside parentheses
  const terms = []; let depth = 0, cur = '';
  for (const ch of sel) { if (ch === '(') depth++; if (ch === ')') depth--; if (ch === ',' && depth === 0) { terms.push(cur); cur = ''; } else cur += ch; }
  terms.push(cur);
  for (const term of terms.map((t) => t.trim()).filter(Boolean)) {
    let m;
    if ((m = term.match(/^(\S+)\s+(in|notin)\s+\((.*)\)$/))) {
      const vals = m[3].split(',').map((x) => x.trim());
      const has = m[1] in labels && vals.includes(labels[m[1]]);
      if (m[2] === 'in' ? !has : has) return false;
    }
    else if ((m = term.match(/^\s*([^!=\s]+)\s*!=\s*(.*)$/))) { if (labels[m[1]] === m[2]) return false; }
    else if ((m = term.match(/^\s*([^!=\s]+)\s*==?\s*(.*)$/))) { if (labels[m[1]] !== m[2]) return false; }
    else if ((m = term.match(/^\s*!(\S+)$/))) { if (m[1] in labels) return false; }
    else if ((m = term.match(/^\s*(\S+)$/))) { if (!(m[1] in labels)) return false; }
  }
  return true;
}
function getPath(o, path) { return path.split('.').reduce((a, k) => (a == null ? undefined : a[k]), o); }
function matchFields(sel, o) {
  if (!sel) return true;
  for (const term of sel.split(',').filter(Boolean)) {
    const m = term.match(/^([^!=]+)(!=|==|=)(.*)$/);
    if (!m) continue;
    const v = getPath(o, m[1]);
    const sv = v == null ? '' : String(v);
    if (m[2] === '!=' ? sv === m[3] : sv !== m[3]) return false;
  }
  return true;
}

// ---------------------------------------------------------------- patches
const MERGE_KEYS = { containers: 'name', initContainers: 'name', ports: 'containerPort', env: 'name', volumes: 'name', volumeMounts: 'mountPath', conditions: 'type', imagePullSecrets: 'name', tolerations: 'key' };
function mergePatch(target, patch) {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out = target && typeof target === 'object' && !Array.isArray(target) ? Object.assign({}, target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}
// Very small strategic-merge-patch: maps merge, known lists merge by key, $-directives honoured minimally.
function smPatch(target, patch, field) {
  if (Array.isArray(patch)) {
    const mk = MERGE_KEYS[field];
    if (!mk || !Array.isArray(target)) return patch.filter((x) => !(x && x.$patch));
    const out = target.map(clone);
    for (const item of patch) {
      const idx = out.findIndex((x) => x[mk] === item[mk]);
      if (item.$patch === 'delete') { if (idx >= 0) out.splice(idx, 1); continue; }
      if (idx >= 0) out[idx] = smPatch(out[idx], item, null); else out.push(item);
    }
    return out;
  }
  if (patch === null || typeof patch !== 'object') return patch;
  const out = target && typeof target === 'object' && !Array.isArray(target) ? Object.assign({}, target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$setElementOrder/') || k === '$retainKeys' || k === '$patch') continue;
    if (k.startsWith('$deleteFromPrimitiveList/')) continue;
    if (v === null) delete out[k];
    else out[k] = smPatch(out[k], v, k);
  }
  return out;
}
function jsonPatch(doc, ops) {
  doc = clone(doc);
  for (const op of ops) {
    const parts = op.path.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = parts.pop();
    const parent = parts.reduce((a, k) => a[k], doc);
    if (op.op === 'add' || op.op === 'replace') { if (Array.isArray(parent) && last === '-') parent.push(op.value); else parent[last] = op.value; }
    else if (op.op === 'remove') { if (Array.isArray(parent)) parent.splice(+last, 1); else delete parent[last]; }
  }
  return doc;
}

// ---------------------------------------------------------------- defaulting / validation / controllers
function validate(r, obj) {
  const causes = [];
  if (r.plural === 'pods' && !(obj.spec && Array.isArray(obj.spec.containers) && obj.spec.containers.length)) causes.push({ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.containers' });
  if (r.plural === 'deployments') {
    if (!(obj.spec && obj.spec.selector)) causes.push({ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.selector' });
    if (obj.spec && obj.spec.replicas < 0) causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${obj.spec.replicas}: must be greater than or equal to 0`, field: 'spec.replicas' });
  }
  if (obj.metadata && obj.metadata.name && !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(obj.metadata.name)) causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: "${obj.metadata.name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`, field: 'metadata.name' });
  return causes;
}
function defaults(r, obj) {
  if (r.plural === 'pods') {
    obj.spec = obj.spec || {};
    obj.spec.restartPolicy = obj.spec.restartPolicy || 'Always';
    obj.spec.dnsPolicy = obj.spec.dnsPolicy || 'ClusterFirst';
    obj.spec.schedulerName = obj.spec.schedulerName || 'default-scheduler';
    obj.spec.terminationGracePeriodSeconds = obj.spec.terminationGracePeriodSeconds ?? 30;
    for (const c of obj.spec.containers || []) { c.imagePullPolicy = c.imagePullPolicy || 'Always'; c.terminationMessagePath = c.terminationMessagePath || '/dev/termination-log'; c.terminationMessagePolicy = c.terminationMessagePolicy || 'File'; c.resources = c.resources || {}; }
    obj.status = obj.status || { phase: 'Pending', qosClass: 'BestEffort' };
  }
  if (r.plural === 'deployments') {
    obj.spec.replicas = obj.spec.replicas ?? 1;
    obj.spec.strategy = obj.spec.strategy || { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } };
    obj.spec.revisionHistoryLimit = obj.spec.revisionHistoryLimit ?? 10;
    obj.spec.progressDeadlineSeconds = obj.spec.progressDeadlineSeconds ?? 600;
    obj.status = obj.status || {};
  }
}
const DEP = findRes('apps', 'v1', 'deployments');
const RS = findRes('apps', 'v1', 'replicasets');
const POD = findRes('', 'v1', 'pods');
const EV = findRes('', 'v1', 'events');
let podIp = 10;
function recordEvent(ns, involved, reason, message, type = 'Normal', component = 'probe') {
  const ts = now();
  const ev = { kind: 'Event', apiVersion: 'v1', metadata: newMeta(EV, ns, { name: `${involved.name}.${crypto.randomBytes(8).toString('hex')}` }), involvedObject: involved, reason, message, source: { component }, firstTimestamp: ts, lastTimestamp: ts, count: 1, type, eventTime: null, reportingComponent: component, reportingInstance: '' };
  put(EV, ev, 'ADDED');
}
function schedulePod(pod) {
  setTimeout(() => {
    const cur = store.get(keyOf(POD, pod.metadata.namespace, pod.metadata.name));
    if (!cur || cur.metadata.uid !== pod.metadata.uid || cur.metadata.deletionTimestamp) return;
    const p = clone(cur);
    p.spec.nodeName = 'node-1';
    const ts = now();
    p.status = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: ts }, { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: ts }], hostIP: '192.168.0.10', podIP: `10.244.0.${podIp++}`, startTime: ts, qosClass: 'BestEffort',
      containerStatuses: p.spec.containers.map((c) => ({ name: c.name, ready: true, restartCount: 0, image: c.image, imageID: `docker.io/library/${c.image}@sha256:0000`, containerID: `containerd://${crypto.randomBytes(16).toString('hex')}`, started: true, state: { running: { startedAt: ts } } })) };
    put(POD, p, 'MODIFIED');
    const ref = { kind: 'Pod', namespace: p.metadata.namespace, name: p.metadata.name, uid: p.metadata.uid, apiVersion: 'v1', resourceVersion: p.metadata.resourceVersion };
    recordEvent(p.metadata.namespace, ref, 'Scheduled', `Successfully assigned ${p.metadata.namespace}/${p.metadata.name} to node-1`, 'Normal', 'default-scheduler');
    recordEvent(p.metadata.namespace, Object.assign({ fieldPath: `spec.containers{${p.spec.containers[0].name}}` }, ref), 'Started', `Started container ${p.spec.containers[0].name}`, 'Normal', 'kubelet');
  }, 300);
}
function reconcileDeployment(d) {
  setTimeout(() => {
    const cur = store.get(keyOf(DEP, d.metadata.namespace, d.metadata.name));
    if (!cur) return;
    const ns = cur.metadata.namespace;
    const hash = crypto.createHash('sha1').update(JSON.stringify(cur.spec.template)).digest('hex').slice(0, 10);
    const rsName = `${cur.metadata.name}-${hash}`;
    let rs = store.get(keyOf(RS, ns, rsName));
    const labels = Object.assign({}, (cur.spec.template.metadata || {}).labels, { 'pod-template-hash': hash });
    if (!rs) {
      rs = { kind: 'ReplicaSet', apiVersion: 'apps/v1', metadata: newMeta(RS, ns, { name: rsName, labels, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: cur.metadata.name, uid: cur.metadata.uid, controller: true, blockOwnerDeletion: true }] }),
        spec: { replicas: cur.spec.replicas, selector: { matchLabels: Object.assign({}, cur.spec.selector.matchLabels, { 'pod-template-hash': hash }) }, template: Object.assign(clone(cur.spec.template), { metadata: Object.assign({}, cur.spec.template.metadata, { labels }) }) }, status: {} };
      put(RS, rs, 'ADDED');
    } else if (rs.spec.replicas !== cur.spec.replicas) { rs = clone(rs); rs.spec.replicas = cur.spec.replicas; put(RS, rs, 'MODIFIED'); }
    // pods
    const pods = [...store.values()].filter((o) => o.kind === 'Pod' && o.metadata.namespace === ns && (o.metadata.ownerReferences || []).some((x) => x.uid === rs.metadata.uid) && !o.metadata.deletionTimestamp);
    for (let i = pods.length; i < cur.spec.replicas; i++) {
      const p = { kind: 'Pod', apiVersion: 'v1', metadata: newMeta(POD, ns, { generateName: rsName + '-', labels, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rsName, uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }] }), spec: clone(rs.spec.template.spec) };
      defaults(POD, p);
      put(POD, p, 'ADDED');
      schedulePod(p);
    }
    for (let i = cur.spec.replicas; i < pods.length; i++) remove(POD, pods[i]);
    // status after pods "start"
    setTimeout(() => {
      const c2 = store.get(keyOf(DEP, ns, d.metadata.name));
      if (!c2) return;
      const n = c2.spec.replicas;
      const rs2 = clone(store.get(keyOf(RS, ns, rsName)) || rs);
      rs2.status = { replicas: n, fullyLabeledReplicas: n, readyReplicas: n, availableReplicas: n, observedGeneration: rs2.metadata.generation };
      put(RS, rs2, 'MODIFIED');
      const d2 = clone(c2);
      const ts = now();
      d2.status = { observedGeneration: d2.metadata.generation, replicas: n, updatedReplicas: n, readyReplicas: n, availableReplicas: n,
        conditions: [{ type: 'Available', status: 'True', lastUpdateTime: ts, lastTransitionTime: ts, reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' },
          { type: 'Progressing', status: 'True', lastUpdateTime: ts, lastTransitionTime: ts, reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rsName}" has successfully progressed.` }] };
      if (!n) { delete d2.status.readyReplicas; delete d2.status.availableReplicas; delete d2.status.updatedReplicas; delete d2.status.replicas; }
      put(DEP, d2, 'MODIFIED');
    }, 800);
  }, 200);
}

// ---------------------------------------------------------------- seed
function seed() {
  put(findRes('', 'v1', 'namespaces'), { kind: 'Namespace', apiVersion: 'v1', metadata: newMeta(findRes('', 'v1', 'namespaces'), null, { name: 'default', labels: { 'kubernetes.io/metadata.name': 'default' } }), spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } }, 'ADDED');
  put(findRes('', 'v1', 'namespaces'), { kind: 'Namespace', apiVersion: 'v1', metadata: newMeta(findRes('', 'v1', 'namespaces'), null, { name: 'kube-system' }), spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } }, 'ADDED');
  const ts = now();
  put(findRes('', 'v1', 'nodes'), { kind: 'Node', apiVersion: 'v1', metadata: newMeta(findRes('', 'v1', 'nodes'), null, { name: 'node-1', labels: { 'kubernetes.io/hostname': 'node-1', 'kubernetes.io/os': 'linux' } }), spec: { podCIDR: '10.244.0.0/24' },
    status: { capacity: { cpu: '4', memory: '8Gi', pods: '110' }, allocatable: { cpu: '4', memory: '8Gi', pods: '110' }, conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: ts, lastTransitionTime: ts, reason: 'KubeletReady', message: 'kubelet is posting ready status' }], addresses: [{ type: 'InternalIP', address: '192.168.0.10' }, { type: 'Hostname', address: 'node-1' }],
      nodeInfo: { kubeletVersion: 'v1.32.0', osImage: 'Sim Linux', kernelVersion: '6.1.0', containerRuntimeVersion: 'containerd://1.7.0', operatingSystem: 'linux', architecture: 'amd64', machineID: '', systemUUID: '', bootID: '', kubeProxyVersion: '' } } }, 'ADDED');
  const p = { kind: 'Pod', apiVersion: 'v1', metadata: newMeta(POD, 'default', { name: 'web', labels: { app: 'web' } }), spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } };
  defaults(POD, p);
  put(POD, p, 'ADDED');
  schedulePod(p);
}

// ---------------------------------------------------------------- request routing
function parseResourcePath(parts) {
  // parts after /api/v1 or /apis/g/v
  let ns = null;
  if (parts[0] === 'namespaces' && parts.length >= 3) { ns = parts[1]; parts = parts.slice(2); }
  return { ns, plural: parts[0], name: parts[1], sub: parts[2] };
}

async function handle(req, res, body, u, logEntry) {
  const p = u.pathname.replace(/\/+$/, '') || '/';
  const q = u.searchParams;
  const accept = req.headers.accept || '';
  if (p === '/version' && process.env.NOVERSION === '1') return send(res, 404, status(404, 'NotFound', 'the server could not find the requested resource'));
  if (p === '/version') return send(res, 200, { major: '1', minor: process.env.MINOR || '32', gitVersion: 'v1.' + (process.env.MINOR || '32') + '.0-probe', gitCommit: '0000000000000000000000000000000000000000', gitTreeState: 'clean', buildDate: '2025-01-01T00:00:00Z', goVersion: 'go1.23.0', compiler: 'gc', platform: 'linux/amd64' });
  if (p === '/healthz' || p === '/readyz' || p === '/livez') return send(res, 200, 'ok', 'text/plain; charset=utf-8');
  if (p === '/api') {
    if (wantsAgg(req)) return send(res, 200, { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items: [aggregatedGroup('')] }, AGG_CT);
    return send(res, 200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: `127.0.0.1:${PORT}` }] });
  }
  if (p === '/apis') {
    const groups = [...new Set(RESOURCES.filter((r) => r.group).map((r) => r.group))];
    if (wantsAgg(req)) return send(res, 200, { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items: groups.map(aggregatedGroup) }, AGG_CT);
    return send(res, 200, { kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map((g) => ({ name: g, versions: groupVersions(g).map((v) => ({ groupVersion: `${g}/${v}`, version: v })), preferredVersion: { groupVersion: `${g}/${groupVersions(g)[0]}`, version: groupVersions(g)[0] } })) });
  }
  if (p === '/openapi/v2') {
    if (OPENAPI === 'v2' || OPENAPI === 'both') return send(res, 200, { swagger: '2.0', info: { title: 'Kubernetes', version: 'v1.32.0-probe' }, paths: {}, definitions: {} });
    return send(res, 404, status(404, 'NotFound', 'the server could not find the requested resource'), 'application/json');
  }
  if (p === '/openapi/v3') {
    if (OPENAPI === 'v3' || OPENAPI === 'both') return send(res, 200, { paths: { 'api/v1': { serverRelativeURL: '/openapi/v3/api/v1?hash=AAAA' }, 'apis/apps/v1': { serverRelativeURL: '/openapi/v3/apis/apps/v1?hash=BBBB' } } });
    return send(res, 404, status(404, 'NotFound', 'the server could not find the requested resource'));
  }
  if (p.startsWith('/openapi/v3/')) {
    if (!(OPENAPI === 'v3' || OPENAPI === 'both')) return send(res, 404, status(404, 'NotFound', 'the server could not find the requested resource'));
    const gv = p.slice('/openapi/v3/'.length);
    if (gv === 'api/v1') return send(res, 200, openapiV3Doc('', 'v1'));
    if (gv === 'apis/apps/v1') return send(res, 200, openapiV3Doc('apps', 'v1'));
    return send(res, 404, status(404, 'NotFound', 'the server could not find the requested resource'));
  }
  let group, version, rest;
  const parts = p.split('/').filter(Boolean);
  if (parts[0] === 'api' && parts[1]) { group = ''; version = parts[1]; rest = parts.slice(2); }
  else if (parts[0] === 'apis' && parts[1] && parts[2]) { group = parts[1]; version = parts[2]; rest = parts.slice(3); }
  else if (parts[0] === 'apis' && parts[1]) {
    const g = parts[1];
    if (!RESOURCES.some((r) => r.group === g)) return send(res, 404, status(404, 'NotFound', 'the server could not find the requested resource'));
    return send(res, 200, { kind: 'APIGroup', apiVersion: 'v1', name: g, versions: groupVersions(g).map((v) => ({ groupVersion: `${g}/${v}`, version: v })), preferredVersion: { groupVersion: `${g}/${groupVersions(g)[0]}`, version: groupVersions(g)[0] } });
  } else return send(res, 404, status(404, 'NotFound', 'the server could not find the requested resource'));
  if (!RESOURCES.some((r) => r.group === group && r.version === version)) return send(res, 404, status(404, 'NotFound', 'the server could not find the requested resource'));
  if (rest.length === 0) return send(res, 200, apiResourceList(group, version));
  const { ns, plural, name, sub } = parseResourcePath(rest);
  const r = findRes(group, version, plural);
  if (!r) return send(res, 404, status(404, 'NotFound', 'the server could not find the requested resource'));
  const key = name ? keyOf(r, r.namespaced ? ns : null, name) : null;
  const cur = key ? store.get(key) : null;
  const listRV = () => String(rv);

  // ---------- collection
  if (!name) {
    if (req.method === 'GET') {
      const items = [...store.entries()].filter(([k]) => k.startsWith(`${r.group}/${r.plural}|`)).map(([, o]) => o)
        .filter((o) => !ns || o.metadata.namespace === ns)
        .filter((o) => matchLabels(q.get('labelSelector'), o.metadata.labels) && matchFields(q.get('fieldSelector'), o))
        .sort((a, b) => (a.metadata.namespace || '').localeCompare(b.metadata.namespace || '') || a.metadata.name.localeCompare(b.metadata.name));
      if (q.get('watch') === 'true' || q.get('watch') === '1') return startWatch(req, res, r, ns, q, logEntry);
      if (wantsTable(req)) return send(res, 200, toTable(r, items, { resourceVersion: listRV() }, q.get('includeObject')), 'application/json');
      return send(res, 200, { kind: `${r.kind}List`, apiVersion: gvOf(r), metadata: { resourceVersion: listRV() }, items: items.map((o) => Object.assign({}, o, { kind: undefined, apiVersion: undefined })) });
    }
    if (req.method === 'POST') {
      let obj;
      try { obj = JSON.parse(body); } catch (e) { return send(res, 400, status(400, 'BadRequest', `the object provided is unrecognized (must be of type ${r.kind}): ${e.message}`)); }
      obj.metadata = obj.metadata || {};
      if (!obj.metadata.name && !obj.metadata.generateName) return send(res, 422, invalid(r, '', [{ reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' }]));
      obj.metadata = newMeta(r, ns, obj.metadata);
      obj.kind = r.kind; obj.apiVersion = gvOf(r);
      const causes = validate(r, obj);
      if (causes.length) return send(res, 422, invalid(r, obj.metadata.name, causes));
      if (store.has(keyOf(r, obj.metadata.namespace, obj.metadata.name))) return send(res, 409, alreadyExists(r, obj.metadata.name));
      defaults(r, obj);
      if (q.get('dryRun') === 'All') return send(res, 201, obj);
      put(r, obj, 'ADDED');
      if (r.plural === 'deployments') reconcileDeployment(obj);
      if (r.plural === 'pods' && !(obj.metadata.ownerReferences || []).length) schedulePod(obj);
      return send(res, 201, obj);
    }
    return send(res, 405, status(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`));
  }

  // ---------- error-format probes: name "err-<code>" -> Status body; "raw-<code>" -> plain text body
  let em;
  if ((em = /^err-(\d+)$/.exec(name))) {
    const c = +em[1];
    const reasons = { 400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 405: 'MethodNotAllowed', 409: 'Conflict', 410: 'Expired', 422: 'Invalid', 429: 'TooManyRequests', 500: 'InternalError', 503: 'ServiceUnavailable', 504: 'Timeout' };
    const msgs = { 403: `pods "${name}" is forbidden: User "system:anonymous" cannot get resource "pods" in API group "" in the namespace "${ns}"`, 500: 'Internal error occurred: simulated failure', 410: 'too old resource version: 1 (1000)', 429: 'Too many requests, please try again later.' };
    return send(res, c, status(c, reasons[c] || 'Unknown', msgs[c] || `simulated ${c}`, { name, kind: r.plural }));
  }
  if ((em = /^raw-(\d+)$/.exec(name))) return send(res, +em[1], `plain text failure body ${em[1]}\n`, 'text/plain');
  // ---------- subresources
  if (sub === 'log') {
    if (!cur) return send(res, 404, notFound(r, name));
    const lines = [];
    for (let i = 0; i < 5; i++) lines.push(`${new Date(Date.now() - (5 - i) * 1000).toISOString()} [${q.get('container') || cur.spec.containers[0].name}] simulated log line ${i + 1}`);
    let out = lines.map((l) => (q.get('timestamps') === 'true' ? l : l.replace(/^\S+ /, ''))).join('\n') + '\n';
    if (q.get('tailLines')) out = out.trim().split('\n').slice(-+q.get('tailLines')).join('\n') + '\n';
    if (q.get('follow') === 'true') {
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
      res.write(out);
      let i = 0;
      const t = setInterval(() => { res.write(`follow line ${++i}\n`); if (i >= 3) { clearInterval(t); res.end(); } }, 300);
      return { code: 200, ctype: 'text/plain', bodyPreview: out + '(follow...)' };
    }
    return send(res, 200, out, 'text/plain');
  }
  if (sub === 'scale') {
    if (!cur) return send(res, 404, notFound(r, name));
    const scaleOf = (o) => ({ kind: 'Scale', apiVersion: 'autoscaling/v1', metadata: { name: o.metadata.name, namespace: o.metadata.namespace, uid: o.metadata.uid, resourceVersion: o.metadata.resourceVersion, creationTimestamp: o.metadata.creationTimestamp }, spec: { replicas: o.spec.replicas }, status: { replicas: (o.status && o.status.replicas) || 0, selector: Object.entries(o.spec.selector.matchLabels || {}).map(([k, v]) => `${k}=${v}`).join(',') } });
    if (req.method === 'GET') return send(res, 200, scaleOf(cur));
    if (req.method === 'PATCH' || req.method === 'PUT') {
      const ct = (req.headers['content-type'] || '').split(';')[0];
      let patch; try { patch = JSON.parse(body); } catch (e) { return send(res, 400, status(400, 'BadRequest', e.message)); }
      let sc = req.method === 'PUT' ? patch : (ct === 'application/json-patch+json' ? jsonPatch(scaleOf(cur), patch) : mergePatch(scaleOf(cur), patch));
      if (req.method === 'PUT' && sc.metadata && sc.metadata.resourceVersion && sc.metadata.resourceVersion !== cur.metadata.resourceVersion) return send(res, 409, conflict(r, name));
      const o = clone(cur); o.spec.replicas = sc.spec.replicas; o.metadata.generation = (o.metadata.generation || 1) + 1;
      put(r, o, 'MODIFIED');
      if (r.plural === 'deployments') reconcileDeployment(o);
      return send(res, 200, scaleOf(o));
    }
  }
  if (sub === 'status' && req.method === 'GET') { if (!cur) return send(res, 404, notFound(r, name)); return send(res, 200, cur); }

  // ---------- item
  if (req.method === 'GET') {
    if (!cur) return send(res, 404, notFound(r, name));
    if (wantsTable(req)) return send(res, 200, toTable(r, [cur], { resourceVersion: cur.metadata.resourceVersion }, q.get('includeObject')));
    return send(res, 200, cur);
  }
  if (req.method === 'DELETE') {
    if (!cur) return send(res, 404, notFound(r, name));
    let opts = {}; try { opts = body ? JSON.parse(body) : {}; } catch (e) {}
    const grace = opts.gracePeriodSeconds ?? (q.get('gracePeriodSeconds') != null ? +q.get('gracePeriodSeconds') : null);
    if (r.plural === 'pods' && grace !== 0 && (cur.status || {}).phase === 'Running') {
      const o = clone(cur); o.metadata.deletionTimestamp = new Date(Date.now() + 30000).toISOString().replace(/\.\d+Z$/, 'Z'); o.metadata.deletionGracePeriodSeconds = grace ?? 30;
      put(r, o, 'MODIFIED');
      setTimeout(() => { const c = store.get(key); if (c && c.metadata.uid === o.metadata.uid) remove(r, c); }, 1000);
      return send(res, 200, o);
    }
    const o = remove(r, cur);
    if (r.plural === 'pods') return send(res, 200, o);
    return send(res, 200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name, group: r.group || undefined, kind: r.plural, uid: cur.metadata.uid } });
  }
  if (req.method === 'PUT') {
    let obj; try { obj = JSON.parse(body); } catch (e) { return send(res, 400, status(400, 'BadRequest', e.message)); }
    if (!cur) return send(res, 404, notFound(r, name));
    if (obj.metadata.resourceVersion && obj.metadata.resourceVersion !== cur.metadata.resourceVersion) return send(res, 409, conflict(r, name));
    obj.metadata = Object.assign({}, obj.metadata, { uid: cur.metadata.uid, creationTimestamp: cur.metadata.creationTimestamp });
    if (JSON.stringify(obj.spec) !== JSON.stringify(cur.spec) && cur.metadata.generation) obj.metadata.generation = cur.metadata.generation + 1;
    put(r, obj, 'MODIFIED');
    if (r.plural === 'deployments') reconcileDeployment(obj);
    return send(res, 200, obj);
  }
  if (req.method === 'PATCH') {
    const ct = (req.headers['content-type'] || '').split(';')[0];
    let patch;
    try { patch = JSON.parse(body); } catch (e) { return send(res, 400, status(400, 'BadRequest', `error decoding patch: ${e.message}`)); }
    let next;
    if (ct === 'application/apply-patch+yaml' && process.env.SSA_CONFLICT === '1' && cur) {
      return send(res, 409, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas', reason: 'Conflict', details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.replicas' }] }, code: 409 });
    }
    if (ct === 'application/apply-patch+yaml') {
      // server-side apply: create if absent, else merge (no managedFields tracking here)
      if (!cur) {
        const obj = patch; obj.metadata = newMeta(r, ns, obj.metadata); defaults(r, obj);
        put(r, obj, 'ADDED'); if (r.plural === 'deployments') reconcileDeployment(obj);
        return send(res, 201, obj);
      }
      next = smPatch(cur, patch, null);
    } else {
      if (!cur) return send(res, 404, notFound(r, name));
      if (ct === 'application/strategic-merge-patch+json') next = smPatch(cur, patch, null);
      else if (ct === 'application/merge-patch+json') next = mergePatch(cur, patch);
      else if (ct === 'application/json-patch+json') next = jsonPatch(cur, patch);
      else return send(res, 415, status(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`));
    }
    next.metadata.uid = cur.metadata.uid; next.metadata.creationTimestamp = cur.metadata.creationTimestamp;
    if (next.metadata.resourceVersion && next.metadata.resourceVersion !== cur.metadata.resourceVersion) return send(res, 409, conflict(r, name));
    if (JSON.stringify(next.spec) !== JSON.stringify(cur.spec) && cur.metadata.generation) next.metadata.generation = cur.metadata.generation + 1;
    if (JSON.stringify(next) === JSON.stringify(cur)) return send(res, 200, cur); // no-op: RV unchanged
    put(r, next, 'MODIFIED');
    if (r.plural === 'deployments') reconcileDeployment(next);
    return send(res, 200, next);
  }
  return send(res, 405, status(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'));
}

function startWatch(req, res, r, ns, q, logEntry) {
  const table = wantsTable(req);
  res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
  if (process.env.FLUSH !== '0') res.flushHeaders(); // real apiserver flushes headers immediately; without this client-go informers can hang on stop
  let first = true;
  const sent = [];
  const from = +(q.get('resourceVersion') || 0);
  const ok = (ev) => ev.res === r && (!ns || ev.obj.metadata.namespace === ns) && matchLabels(q.get('labelSelector'), ev.obj.metadata.labels) && matchFields(q.get('fieldSelector'), ev.obj);
  const write = (ev) => {
    let obj = ev.obj;
    if (table) { obj = toTable(r, [ev.obj], { resourceVersion: ev.obj.metadata.resourceVersion }, q.get('includeObject'), !first); first = false; }
    const line = JSON.stringify({ type: ev.type, object: obj }) + '\n';
    sent.push(line.slice(0, 600));
    res.write(line);
  };
  // replay: rv=0/absent -> synthetic ADDED for current state; rv=N -> history after N
  if (!from) {
    for (const o of store.values()) if (o.kind === r.kind) { const ev = { res: r, type: 'ADDED', obj: o }; if (ok(ev)) write(ev); }
  } else for (const ev of history) if (ev.rv > from && ok(ev)) write(ev);
  const w = (ev) => { if (ok(ev)) write(ev); };
  watchers.add(w);
  const timeout = +(q.get('timeoutSeconds') || 1800);
  const endAfter = process.env.WATCH_END ? +process.env.WATCH_END : Math.min(timeout, 60);
  const t = setTimeout(() => {
    if (process.env.WATCH_ERROR === '1') res.write(JSON.stringify({ type: 'ERROR', object: status(410, 'Expired', 'too old resource version: 1 (1000)') }) + '\n');
    res.end();
  }, endAfter * 1000);
  res.on('close', () => { watchers.delete(w); clearTimeout(t); logEntry.watchEvents = sent; logEntry.watchClosed = new Date().toISOString(); logStream.write(JSON.stringify({ watchDone: logEntry.id, events: sent }) + '\n'); });
  return { code: 200, ctype: 'application/json (watch stream)', bodyPreview: '(stream)' };
}

let reqId = 0;
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    const raw = Buffer.concat(chunks);
    const isProto = /protobuf/.test(req.headers['content-type'] || '');
    const body = isProto ? '<protobuf ' + raw.length + ' bytes: ' + raw.toString('latin1').replace(/[^\x20-\x7e]/g, '.').slice(0, 300) + '>' : raw.toString('utf8');
    const u = new URL(req.url, `http://127.0.0.1:${PORT}`);
    const entry = { id: ++reqId, t: new Date().toISOString(), method: req.method, path: u.pathname, query: Object.fromEntries(u.searchParams), accept: req.headers.accept, contentType: req.headers['content-type'], userAgent: req.headers['user-agent'], body: body || undefined };
    let result;
    if (isProto) { fs.mkdirSync(process.cwd() + '/proto', { recursive: true }); fs.writeFileSync(`${process.cwd()}/proto/${reqId + 1}-${req.method}-${u.pathname.replace(/\//g, '_')}.bin`, raw); }
    if (isProto && process.env.PROTO415 !== '0') {
      result = send(res, 415, status(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml`));
      entry.response = result; logStream.write(JSON.stringify(entry) + '\n');
      if (process.env.QUIET !== '1') console.log(`${entry.id} ${req.method} ${req.url} PROTOBUF body -> 415`);
      return;
    }
    try { result = await handle(req, res, body, u, entry); } catch (e) { result = send(res, 500, status(500, 'InternalError', `Internal error occurred: ${e.stack}`)); }
    entry.response = result;
    logStream.write(JSON.stringify(entry) + '\n');
    if (process.env.QUIET !== '1') console.log(`${entry.id} ${req.method} ${req.url} accept=${req.headers.accept || ''} ct=${req.headers['content-type'] || ''} -> ${result && result.code}`);
  });
});
// ---- printprobe: FIXTURES=<file.json> loads a List/array of complete objects verbatim (no seed, no controllers)
function loadFixtures() {
  const data = JSON.parse(fs.readFileSync(process.env.FIXTURES, 'utf8'));
  const items = Array.isArray(data) ? data : data.items;
  for (const o of items) {
    const [g, v] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : ['', o.apiVersion];
    const r = RESOURCES.find((x) => x.group === g && x.version === v && x.kind === o.kind);
    if (!r) throw new Error(`no resource for ${o.apiVersion} ${o.kind}`);
    const obj = clone(o);
    if (!obj.metadata.resourceVersion) { rv += 1; obj.metadata.resourceVersion = String(rv); }
    rv = Math.max(rv, +obj.metadata.resourceVersion || 0);
    store.set(keyOf(r, r.namespaced ? obj.metadata.namespace : null, obj.metadata.name), obj);
  }
  console.log(`loaded ${items.length} fixture objects, rv=${rv}`);
}
if (process.env.FIXTURES) loadFixtures(); else seed();
server.listen(PORT, '127.0.0.1', () => console.log(`probe apiserver on http://127.0.0.1:${PORT} AGG=${AGG} OPENAPI=${OPENAPI} TABLE=${TABLE}`));
