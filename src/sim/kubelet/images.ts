/**
 * The image catalog the simulated registries serve: which repositories and tags exist, their
 * sizes and digests, and what program each image runs. References are normalised the way
 * containerd reports them (`nginx:1.27` → `docker.io/library/nginx:1.27`).
 */
import { hexDigest } from '../core/hash';

export interface ImageRef {
  registry: string;
  /** Path inside the registry: `library/nginx`, `coredns/coredns`. */
  repo: string;
  tag?: string;
  digest?: string;
  /** `docker.io/library/nginx:1.27` (or `…@sha256:…` for a digest reference). */
  full: string;
}

/** docker reference normalisation (distribution/reference ParseNormalizedNamed + TagNameOnly). */
export function parseImageRef(ref: string): ImageRef {
  let rest = ref.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  let registry = 'docker.io';
  let repo = rest;
  const first = rest.split('/')[0];
  if (rest.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first === 'index.docker.io' ? 'docker.io' : first;
    repo = rest.slice(first.length + 1);
  }
  if (registry === 'docker.io' && !repo.includes('/')) repo = `library/${repo}`;
  if (!tag && !digest) tag = 'latest';
  const name = `${registry}/${repo}`;
  return { registry, repo, tag, digest, full: digest ? `${name}@${digest}` : `${name}:${tag}` };
}

/** What runs when the container has no command of its own. */
export type AppKind =
  | 'nginx'
  | 'httpd'
  | 'redis'
  | 'shell'
  | 'perl'
  | 'python'
  | 'node'
  | 'postgres'
  | 'mysql'
  | 'mongo'
  | 'memcached'
  | 'curl'
  | 'pause'
  | 'etcd'
  | 'kube-apiserver'
  | 'kube-controller-manager'
  | 'kube-scheduler'
  | 'kube-proxy'
  | 'coredns'
  | 'agnhost'
  | 'echoserver'
  | 'http-echo'
  | 'bootcamp'
  | 'serve-hostname'
  | 'gb-frontend'
  | 'hello-app'
  | 'ingress-nginx';

interface RepoEntry {
  app: AppKind;
  /** Typical compressed size in bytes. */
  size: number;
  /** Tags that exist (besides those matching `versions`), with known sizes/digests. */
  tags: Record<string, { size?: number; digest?: string }>;
  /** Further tags that exist: version-like tags. */
  versions?: RegExp;
}

const SEMVER = /^v?\d+(\.\d+){0,2}([-.][a-z0-9.]+)*$/;

const REPOS: Record<string, RepoEntry> = {
  'docker.io/library/nginx': {
    app: 'nginx',
    size: 72195292,
    tags: {
      latest: { size: 72223946 },
      '1.27': { size: 72195292, digest: 'cd4495bb73de9b01bf009710b80ecf4be2d298db47492f4e9e7d0b04981c4614' },
      '1.28': { size: 72227521, digest: 'c19ebe98f5b89872df05539e5aa728dd08d4c0754fe7fe50f1e93855b8d52e22' },
      '1.29': { size: 72316428 },
      alpine: { size: 21385433 },
      stable: { size: 72227521 },
      mainline: { size: 72223946 },
    },
    versions: SEMVER,
  },
  'docker.io/library/httpd': { app: 'httpd', size: 58161431, tags: { latest: {}, '2.4': {}, alpine: { size: 24046321 } }, versions: SEMVER },
  'docker.io/library/redis': { app: 'redis', size: 45047203, tags: { latest: {}, '7': {}, '7.4': { size: 45047203 }, '7.2': {}, alpine: { size: 17244112 } }, versions: SEMVER },
  'docker.io/library/busybox': {
    app: 'shell',
    size: 2166802,
    tags: { latest: { size: 2167089 }, '1.36': { size: 2166802, digest: 'ab512471e34f10e894cfa69eec441e1412a1c418f681cdb04b15c219c8b1dd67' }, '1.37': { size: 2167089 }, musl: {}, glibc: {}, stable: {} },
    versions: SEMVER,
  },
  'docker.io/library/alpine': { app: 'shell', size: 3653068, tags: { latest: {}, '3': {}, '3.20': {}, '3.21': {}, '3.22': {}, edge: {} }, versions: SEMVER },
  'docker.io/library/ubuntu': { app: 'shell', size: 29754290, tags: { latest: {}, '22.04': {}, '24.04': {}, jammy: {}, noble: {} }, versions: SEMVER },
  'docker.io/library/debian': { app: 'shell', size: 48494272, tags: { latest: {}, bookworm: {}, 'bookworm-slim': { size: 28227259 }, '12': {}, 'stable-slim': {} }, versions: SEMVER },
  'docker.io/library/perl': {
    app: 'perl',
    size: 336514187,
    tags: { latest: {}, '5.34.0': { size: 336514187, digest: '2a5edeec7a329067aa1f39015d6aff5d6a6249566892752e69de16a6eebb2b2d' }, '5.34': {}, slim: {} },
    versions: SEMVER,
  },
  'docker.io/library/python': { app: 'python', size: 49511215, tags: { latest: { size: 412510315 }, '3': {}, '3.12': {}, '3.12-slim': {}, '3.13': {}, 'slim': {}, alpine: { size: 17598004 } }, versions: SEMVER },
  'docker.io/library/node': { app: 'node', size: 398512040, tags: { latest: {}, lts: {}, '20': {}, '22': {}, alpine: { size: 56436122 }, slim: { size: 79413118 } }, versions: SEMVER },
  'docker.io/library/postgres': { app: 'postgres', size: 152541118, tags: { latest: {}, '16': {}, '17': {}, alpine: { size: 105001120 } }, versions: SEMVER },
  'docker.io/library/mysql': { app: 'mysql', size: 169521332, tags: { latest: {}, '8': {}, '8.0': {}, '8.4': {}, '9': {} }, versions: SEMVER },
  'docker.io/library/mongo': { app: 'mongo', size: 259412220, tags: { latest: {}, '7': {}, '8': {} }, versions: SEMVER },
  'docker.io/library/memcached': { app: 'memcached', size: 33513007, tags: { latest: {}, alpine: {} }, versions: SEMVER },
  'docker.io/curlimages/curl': { app: 'curl', size: 10093214, tags: { latest: {} }, versions: SEMVER },
  'registry.k8s.io/pause': { app: 'pause', size: 320368, tags: { '3.10': { size: 320368 }, '3.9': {}, latest: {} } },
  'registry.k8s.io/etcd': { app: 'etcd', size: 57680541, tags: { '3.5.16-0': { size: 57680541, digest: '1315b511326a3996ba831d854fbabb8735a8c50d02f40d22e1cf906ab3a7e96c' } }, versions: SEMVER },
  'registry.k8s.io/kube-apiserver': { app: 'kube-apiserver', size: 28669683, tags: { 'v1.32.4': { size: 28669683, digest: '38abfa8d2900c930f0a65fb765f6c5ac3889ea5fe851d6f8e89e1f7aed9665ba' } }, versions: SEMVER },
  'registry.k8s.io/kube-controller-manager': { app: 'kube-controller-manager', size: 26260023, tags: { 'v1.32.4': { size: 26260023, digest: '8eea2830a55abd2aa0627ebbd3f50d3a027ef79b6d2f9cbba330dcc0eef280ea' } }, versions: SEMVER },
  'registry.k8s.io/kube-scheduler': { app: 'kube-scheduler', size: 20658969, tags: { 'v1.32.4': { size: 20658969, digest: '91654215dcf4ae8052ee1a3293bcecba162d22185a7ad51c43bf885771598672' } }, versions: SEMVER },
  'registry.k8s.io/kube-proxy': { app: 'kube-proxy', size: 30907858, tags: { 'v1.32.4': { size: 30907858, digest: 'aa2a452282f7bf80cd055924c481c0dfdd13c624f358886f105063a69b7a7867' } }, versions: SEMVER },
  'registry.k8s.io/coredns/coredns': { app: 'coredns', size: 18562039, tags: { 'v1.11.3': { size: 18562039, digest: '1efa89168769382f782d2cb1f2132f4ebe5931c49b0ca0bf3fe438e5f18c5d51' } }, versions: SEMVER },
  'registry.k8s.io/e2e-test-images/agnhost': { app: 'agnhost', size: 51136002, tags: { '2.39': {}, '2.40': {}, '2.52': {} }, versions: SEMVER },
  'registry.k8s.io/busybox': { app: 'shell', size: 1144547, tags: { latest: {} } },
  'registry.k8s.io/echoserver': { app: 'echoserver', size: 46212164, tags: { '1.10': {}, '1.4': {} }, versions: SEMVER },
  'docker.io/hashicorp/http-echo': { app: 'http-echo', size: 3515431, tags: { latest: {}, '1.0': {}, '0.2.3': {} }, versions: SEMVER },
  'gcr.io/google-samples/kubernetes-bootcamp': { app: 'bootcamp', size: 76817391, tags: { v1: {}, v2: {} } },
  // the Service-debugging walkthrough's pods: a static binary answering its hostname on 9376
  'registry.k8s.io/serve_hostname': { app: 'serve-hostname', size: 2623651, tags: { latest: {}, '1.4': {} }, versions: SEMVER },
  // the guestbook PHP/Apache frontend of the ReplicaSet concept page
  'us-docker.pkg.dev/google-samples/containers/gke/gb-frontend': { app: 'gb-frontend', size: 135617540, tags: { v5: {}, v6: {} } },
  'registry.k8s.io/metrics-server/metrics-server': { app: 'pause', size: 19494617, tags: { 'v0.7.2': {}, 'v0.7.1': {} }, versions: SEMVER },
  // the StatefulSet tutorial's web server (kubernetes/contrib nginx-slim)
  'registry.k8s.io/nginx-slim': { app: 'nginx', size: 35234563, tags: { '0.8': {}, '0.20': {}, '0.21': {}, '0.24': {}, '0.27': {} } },
  // GKE's quickstart server (the env-var task's pod): Go on alpine, listens on $PORT (8080)
  'gcr.io/google-samples/hello-app': { app: 'hello-app', size: 11410733, tags: { '1.0': {}, '2.0': {} } },
  'registry.k8s.io/ingress-nginx/controller': { app: 'ingress-nginx', size: 104887465, tags: { 'v1.11.3': {}, 'v1.12.0': {} }, versions: SEMVER },
  'registry.k8s.io/e2e-test-images/jessie-dnsutils': { app: 'shell', size: 112547834, tags: { '1.3': {}, '1.7': {} }, versions: SEMVER },
  'docker.io/nicolaka/netshoot': { app: 'shell', size: 196571042, tags: { latest: {} }, versions: SEMVER },
};

export interface ImageInfo {
  /** The normalised tag reference, e.g. `docker.io/library/nginx:1.27`. */
  name: string;
  /** `docker.io/library/nginx@sha256:…` — what containerStatuses[].imageID shows. */
  repoDigest: string;
  /** Image (config) id, `sha256:…`. */
  id: string;
  size: number;
  app: AppKind;
}

export type PullResult = { ok: true; image: ImageInfo } | { ok: false; code: 'NotFound' | 'Unknown'; message: string };

const KNOWN_REGISTRIES = new Set(['docker.io', 'registry.k8s.io', 'quay.io', 'ghcr.io', 'gcr.io', 'k8s.gcr.io', 'us-docker.pkg.dev', 'mcr.microsoft.com', 'public.ecr.aws']);

/** What the registry answers for a reference (the error text is containerd 1.7's). */
export function resolveImage(ref: string): PullResult {
  const r = parseImageRef(ref);
  const repoName = `${r.registry}/${r.repo}`;
  const entry = REPOS[repoName];
  const fail = (code: 'NotFound' | 'Unknown', tail: string): PullResult => ({
    ok: false,
    code,
    message: `rpc error: code = ${code} desc = failed to pull and unpack image "${r.full}": failed to resolve reference "${r.full}": ${tail}`,
  });
  if (!KNOWN_REGISTRIES.has(r.registry)) {
    const host = r.registry.split(':')[0];
    return fail('Unknown', `failed to do request: Head "https://${r.registry}/v2/${r.repo}/manifests/${r.tag ?? r.digest}": dial tcp: lookup ${host} on 127.0.0.53:53: no such host`);
  }
  if (!entry) return fail('Unknown', 'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed');
  let size = entry.size;
  let digest: string | undefined;
  if (r.digest) {
    if (!/^sha256:[0-9a-f]{64}$/.test(r.digest)) return fail('NotFound', `${r.full}: not found`);
    digest = r.digest.slice('sha256:'.length);
  } else {
    const t = entry.tags[r.tag!];
    if (!t && !(entry.versions && entry.versions.test(r.tag!))) return fail('NotFound', `${r.full}: not found`);
    size = t?.size ?? jitter(entry.size, r.full);
    digest = t?.digest;
  }
  digest ??= hexDigest(`repo-digest:${r.full}`);
  return {
    ok: true,
    image: {
      name: r.full,
      repoDigest: `${repoName}@sha256:${digest}`,
      id: `sha256:${hexDigest(`image-id:${r.full}`)}`,
      size,
      app: entry.app,
    },
  };
}

/** Sizes of unlisted tags: within ±5 % of the repository's usual size, stable per reference. */
function jitter(base: number, key: string): number {
  const h = parseInt(hexDigest(key, 8), 16) / 0xffffffff;
  return Math.round(base * (0.95 + 0.1 * h));
}

/** Images kubeadm pre-pulls on a control-plane node, and the sandbox image every node has. */
export const CONTROL_PLANE_IMAGES = [
  'registry.k8s.io/kube-apiserver:v1.32.4',
  'registry.k8s.io/kube-controller-manager:v1.32.4',
  'registry.k8s.io/kube-scheduler:v1.32.4',
  'registry.k8s.io/kube-proxy:v1.32.4',
  'registry.k8s.io/coredns/coredns:v1.11.3',
  'registry.k8s.io/pause:3.10',
  'registry.k8s.io/etcd:3.5.16-0',
];
export const SANDBOX_IMAGE = 'registry.k8s.io/pause:3.10';
