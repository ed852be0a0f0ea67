/**
 * The apiserver's bootstrap RBAC policy (plugin/pkg/auth/authorizer/rbac/bootstrappolicy, as its
 * testdata/cluster-roles.yaml and cluster-role-bindings.yaml print it), trimmed to the roles this
 * simulation needs, plus the binding kubeadm adds (`kubeadm:cluster-admins`).
 *
 * Rules are compact strings: `groups|resources|verbs[|resourceNames]` (comma lists, `""` = core)
 * or `url:<nonResourceURLs>|verbs`.
 */
const RW = 'create,delete,deletecollection,patch,update';
const R = 'get,list,watch';
const ALL = 'create,delete,deletecollection,get,list,patch,update,watch';

export interface BootstrapRole {
  name: string;
  rules: string[];
  labels?: Record<string, string>;
  /** aggregationRule: matchLabels key whose value is "true". */
  aggregateFrom?: string;
}

const AGG = 'rbac.authorization.k8s.io/aggregate-to-';

export const BOOTSTRAP_CLUSTER_ROLES: BootstrapRole[] = [
  { name: 'admin', rules: [], aggregateFrom: `${AGG}admin` },
  { name: 'cluster-admin', rules: ['*|*|*', 'url:*|*'] },
  { name: 'edit', rules: [], aggregateFrom: `${AGG}edit`, labels: { [`${AGG}admin`]: 'true' } },
  {
    name: 'system:aggregate-to-admin',
    labels: { [`${AGG}admin`]: 'true' },
    rules: ['authorization.k8s.io|localsubjectaccessreviews|create', `rbac.authorization.k8s.io|rolebindings,roles|${ALL}`],
  },
  {
    name: 'system:aggregate-to-edit',
    labels: { [`${AGG}edit`]: 'true' },
    rules: [
      `""|pods/attach,pods/exec,pods/portforward,pods/proxy,secrets,services/proxy|${R}`,
      '""|serviceaccounts|impersonate',
      `""|pods,pods/attach,pods/exec,pods/portforward,pods/proxy|${RW}`,
      '""|pods/eviction|create',
      `""|configmaps,events,persistentvolumeclaims,replicationcontrollers,replicationcontrollers/scale,secrets,serviceaccounts,services,services/proxy|${RW}`,
      '""|serviceaccounts/token|create',
      `apps|daemonsets,deployments,deployments/rollback,deployments/scale,replicasets,replicasets/scale,statefulsets,statefulsets/scale|${RW}`,
      `autoscaling|horizontalpodautoscalers|${RW}`,
      `batch|cronjobs,jobs|${RW}`,
      `extensions|daemonsets,deployments,deployments/rollback,deployments/scale,ingresses,networkpolicies,replicasets,replicasets/scale,replicationcontrollers/scale|${RW}`,
      `policy|poddisruptionbudgets|${RW}`,
      `networking.k8s.io|ingresses,networkpolicies|${RW}`,
      `coordination.k8s.io|leases|${ALL}`,
    ],
  },
  {
    name: 'system:aggregate-to-view',
    labels: { [`${AGG}view`]: 'true' },
    rules: [
      `""|configmaps,endpoints,persistentvolumeclaims,persistentvolumeclaims/status,pods,replicationcontrollers,replicationcontrollers/scale,serviceaccounts,services,services/status|${R}`,
      `""|bindings,events,limitranges,namespaces/status,pods/log,pods/status,replicationcontrollers/status,resourcequotas,resourcequotas/status|${R}`,
      `""|namespaces|${R}`,
      `discovery.k8s.io|endpointslices|${R}`,
      `apps|controllerrevisions,daemonsets,daemonsets/status,deployments,deployments/scale,deployments/status,replicasets,replicasets/scale,replicasets/status,statefulsets,statefulsets/scale,statefulsets/status|${R}`,
      `autoscaling|horizontalpodautoscalers,horizontalpodautoscalers/status|${R}`,
      `batch|cronjobs,cronjobs/status,jobs,jobs/status|${R}`,
      `extensions|daemonsets,daemonsets/status,deployments,deployments/scale,deployments/status,ingresses,ingresses/status,networkpolicies,replicasets,replicasets/scale,replicasets/status,replicationcontrollers/scale|${R}`,
      `policy|poddisruptionbudgets,poddisruptionbudgets/status|${R}`,
      `networking.k8s.io|ingresses,ingresses/status,networkpolicies|${R}`,
    ],
  },
  { name: 'system:auth-delegator', rules: ['authentication.k8s.io|tokenreviews|create', 'authorization.k8s.io|subjectaccessreviews|create'] },
  { name: 'system:basic-user', rules: ['authorization.k8s.io|selfsubjectaccessreviews,selfsubjectrulesreviews|create', 'authentication.k8s.io|selfsubjectreviews|create'] },
  { name: 'system:discovery', rules: ['url:/api,/api/*,/apis,/apis/*,/healthz,/livez,/openapi,/openapi/*,/readyz,/version,/version/|get'] },
  {
    name: 'system:kube-controller-manager',
    rules: [
      '"",events.k8s.io|events|create,patch,update',
      'coordination.k8s.io|leases|create',
      'coordination.k8s.io|leases|get,update|kube-controller-manager',
      '""|secrets,serviceaccounts|create',
      '""|secrets|delete',
      '""|configmaps,namespaces,secrets,serviceaccounts|get',
      '""|secrets,serviceaccounts|update',
      'authentication.k8s.io|tokenreviews|create',
      'authorization.k8s.io|subjectaccessreviews|create',
      '*|*|list,watch',
      '""|serviceaccounts/token|create',
    ],
  },
  { name: 'system:kube-dns', rules: ['""|endpoints,services|list,watch'] },
  {
    name: 'system:kube-scheduler',
    rules: [
      '"",events.k8s.io|events|create,patch,update',
      'coordination.k8s.io|leases|create',
      'coordination.k8s.io|leases|get,update|kube-scheduler',
      `""|nodes|${R}`,
      `""|pods|delete,${R}`,
      '""|bindings,pods/binding|create',
      '""|pods/status|patch,update',
      `""|replicationcontrollers,services|${R}`,
      `apps,extensions|replicasets|${R}`,
      `apps|statefulsets|${R}`,
      `policy|poddisruptionbudgets|${R}`,
      `""|persistentvolumeclaims,persistentvolumes|${R}`,
      'authentication.k8s.io|tokenreviews|create',
      'authorization.k8s.io|subjectaccessreviews|create',
      `storage.k8s.io|csinodes|${R}`,
      `""|namespaces|${R}`,
      `storage.k8s.io|csidrivers|${R}`,
      `storage.k8s.io|csistoragecapacities|${R}`,
    ],
  },
  { name: 'system:monitoring', rules: ['url:/healthz,/healthz/*,/livez,/livez/*,/metrics,/metrics/slis,/readyz,/readyz/*|get'] },
  {
    name: 'system:node',
    rules: [
      'authentication.k8s.io|tokenreviews|create',
      'authorization.k8s.io|localsubjectaccessreviews,subjectaccessreviews|create',
      `""|services|${R}`,
      `""|nodes|create,${R}`,
      '""|nodes/status|patch,update',
      '""|nodes|patch,update',
      '""|events|create,patch,update',
      `""|pods|${R}`,
      '""|pods|create,delete',
      '""|pods/status|patch,update',
      '""|pods/eviction|create',
      `""|configmaps,secrets|${R}`,
      '""|persistentvolumeclaims,persistentvolumes|get',
      '""|endpoints|get',
      `certificates.k8s.io|certificatesigningrequests|create,${R}`,
      'coordination.k8s.io|leases|create,delete,get,patch,update',
      'storage.k8s.io|volumeattachments|get',
      '""|serviceaccounts/token|create',
      '""|persistentvolumeclaims/status|get,patch,update',
      `storage.k8s.io|csidrivers|${R}`,
      'storage.k8s.io|csinodes|create,delete,get,patch,update',
      `node.k8s.io|runtimeclasses|${R}`,
    ],
  },
  {
    name: 'system:node-proxier',
    rules: ['""|endpoints,services|list,watch', `""|nodes|${R}`, '"",events.k8s.io|events|create,patch,update', 'discovery.k8s.io|endpointslices|list,watch'],
  },
  { name: 'system:public-info-viewer', rules: ['url:/healthz,/livez,/readyz,/version,/version/|get'] },
  { name: 'view', rules: [], aggregateFrom: `${AGG}view`, labels: { [`${AGG}edit`]: 'true' } },
];

/** [name, role, subjects as `Kind:name`] */
export const BOOTSTRAP_CLUSTER_ROLE_BINDINGS: Array<[string, string, string[]]> = [
  ['cluster-admin', 'cluster-admin', ['Group:system:masters']],
  ['kubeadm:cluster-admins', 'cluster-admin', ['Group:kubeadm:cluster-admins']],
  ['system:basic-user', 'system:basic-user', ['Group:system:authenticated']],
  ['system:discovery', 'system:discovery', ['Group:system:authenticated']],
  ['system:kube-controller-manager', 'system:kube-controller-manager', ['User:system:kube-controller-manager']],
  ['system:kube-dns', 'system:kube-dns', ['ServiceAccount:kube-system:kube-dns']],
  ['system:kube-scheduler', 'system:kube-scheduler', ['User:system:kube-scheduler']],
  ['system:monitoring', 'system:monitoring', ['Group:system:monitoring']],
  ['system:node-proxier', 'system:node-proxier', ['User:system:kube-proxy']],
  ['system:public-info-viewer', 'system:public-info-viewer', ['Group:system:authenticated', 'Group:system:unauthenticated']],
];
