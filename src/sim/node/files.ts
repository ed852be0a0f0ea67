/**
 * What a node's disk holds after `kubeadm init`/`kubeadm join` (or a kubeasz playbook): kubeconfigs,
 * PKI, static pod manifests, the kubelet's config and systemd units, resolv.conf, hosts, logs.
 * Contents are deterministic (certificates are stand-ins derived from a hash, not real keys).
 */
import type { Obj } from '../client/types';
import { fnv32a } from '../core/hash';
import { toYaml } from '../kubectl/printers/yaml';
import type { Vfs } from '../shell/vfs';

export type NodeRole = 'control-plane' | 'worker' | 'etcd';

export interface NodeFilesSpec {
  name: string;
  ip: string;
  role: NodeRole;
  /** Address of the API server the node's kubeconfigs point at (https://172.30.1.2:6443). */
  server: string;
  dnsIP: string;
  /** Static pod manifests to write to /etc/kubernetes/manifests (control-plane nodes). */
  staticPods: Obj[];
  /** Every machine of the cluster, for /etc/hosts. */
  hosts: { name: string; ip: string }[];
  /** etcd members (name, ip) for an etcd host's unit file. */
  etcdMembers?: { name: string; ip: string }[];
}

export const STATIC_POD_PATH = '/etc/kubernetes/manifests';
export const KUBELET_CONFIG = '/var/lib/kubelet/config.yaml';

/** A PEM block of stand-in bytes (a cheap PRNG seeded by the name), stable per name. */
function pem(kind: 'CERTIFICATE' | 'RSA PRIVATE KEY' | 'PUBLIC KEY', seed: string, lines = 17): string {
  const ALPHA = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let x = fnv32a(seed) || 1;
  let body = '';
  for (let i = 0; i < lines; i++) {
    let line = '';
    for (let j = 0; j < 64; j++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      line += ALPHA[(x >>> 0) & 63];
    }
    body += line + '\n';
  }
  return `-----BEGIN ${kind}-----\n${body}-----END ${kind}-----\n`;
}

const b64 = (s: string) => btoa(s);

function kubeconfig(server: string, user: string, seed: string, embedClientCert = true): string {
  const ca = b64(pem('CERTIFICATE', 'ca'));
  const userBlock = embedClientCert
    ? `    client-certificate-data: ${b64(pem('CERTIFICATE', seed))}\n    client-key-data: ${b64(pem('RSA PRIVATE KEY', seed + '-key', 25))}\n`
    : `    client-certificate: /var/lib/kubelet/pki/kubelet-client-current.pem\n    client-key: /var/lib/kubelet/pki/kubelet-client-current.pem\n`;
  return `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${ca}
    server: ${server}
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: ${user}
  name: ${user}@kubernetes
current-context: ${user}@kubernetes
kind: Config
preferences: {}
users:
- name: ${user}
  user:
${userBlock}`;
}

/** kubeadm's static pod manifest text (sigs.k8s.io/yaml: sorted keys, creationTimestamp: null, status: {}). */
const yamlCache = new Map<string, string>();

export function manifestYaml(pod: Obj): string {
  const key = JSON.stringify(pod);
  const hit = yamlCache.get(key);
  if (hit !== undefined) return hit;
  const text = manifestYamlUncached(pod);
  if (yamlCache.size < 64) yamlCache.set(key, text);
  return text;
}

function manifestYamlUncached(pod: Obj): string {
  const m = structuredClone(pod);
  m.metadata = { ...m.metadata, creationTimestamp: null } as unknown as Obj["metadata"];
  return toYaml({ ...m, status: {} });
}

export const KUBELET_CONFIG_YAML = (dnsIP: string) => `apiVersion: kubelet.config.k8s.io/v1beta1
authentication:
  anonymous:
    enabled: false
  webhook:
    cacheTTL: 0s
    enabled: true
  x509:
    clientCAFile: /etc/kubernetes/pki/ca.crt
authorization:
  mode: Webhook
  webhook:
    cacheAuthorizedTTL: 0s
    cacheUnauthorizedTTL: 0s
cgroupDriver: systemd
clusterDNS:
- ${dnsIP}
clusterDomain: cluster.local
containerRuntimeEndpoint: ""
cpuManagerReconcilePeriod: 0s
crashLoopBackOff: {}
evictionPressureTransitionPeriod: 0s
fileCheckFrequency: 0s
healthzBindAddress: 127.0.0.1
healthzPort: 10248
httpCheckFrequency: 0s
imageMaximumGCAge: 0s
imageMinimumGCAge: 0s
kind: KubeletConfiguration
logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: "0"
    text:
      infoBufferSize: "0"
  verbosity: 0
memorySwap: {}
nodeStatusReportFrequency: 0s
nodeStatusUpdateFrequency: 0s
resolvConf: /run/systemd/resolve/resolv.conf
rotateCertificates: true
runtimeRequestTimeout: 0s
shutdownGracePeriod: 0s
shutdownGracePeriodCriticalPods: 0s
staticPodPath: /etc/kubernetes/manifests
streamingConnectionIdleTimeout: 0s
syncFrequency: 0s
volumeStatsAggPeriod: 0s
`;

export const KUBELET_UNIT = `[Unit]
Description=kubelet: The Kubernetes Node Agent
Documentation=https://kubernetes.io/docs/
Wants=network-online.target
After=network-online.target

[Service]
ExecStart=/usr/bin/kubelet
Restart=always
StartLimitInterval=0
RestartSec=10

[Install]
WantedBy=multi-user.target
`;

export const KUBEADM_DROPIN = `# Note: This dropin only works with kubeadm and kubelet v1.11+
[Service]
Environment="KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf"
Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"
# This is a file that "kubeadm init" and "kubeadm join" generates at runtime, populating the KUBELET_KUBEADM_ARGS variable dynamically
EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env
# This is a file that the user can use for overrides of the kubelet args as a last resort. Preferably, the user should use
# the .NodeRegistration.KubeletExtraArgs object in the configuration files instead. KUBELET_EXTRA_ARGS should be sourced from this file.
EnvironmentFile=-/etc/default/kubelet
ExecStart=
ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS
`;

export const KUBEADM_FLAGS = 'KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10"\n';

export const CONTAINERD_UNIT = `# Copyright The containerd Authors.
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
#     http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.

[Unit]
Description=containerd container runtime
Documentation=https://containerd.io
After=network.target local-fs.target dbus.service

[Service]
ExecStartPre=-/sbin/modprobe overlay
ExecStart=/usr/bin/containerd

Type=notify
Delegate=yes
KillMode=process
Restart=always
RestartSec=5

# Having non-zero Limit*s causes performance problems due to accounting overhead
# in the kernel. We recommend using cgroups to do container-local accounting.
LimitNPROC=infinity
LimitCORE=infinity

# Comment TasksMax if your systemd version does not supports it.
# Only systemd 226 and above support this version.
TasksMax=infinity
OOMScoreAdjust=-999

[Install]
WantedBy=multi-user.target
`;

export function etcdExecStart(name: string, ip: string, members: { name: string; ip: string }[]): string {
  return [
    '/opt/kube/bin/etcd',
    `--name=${name}`,
    '--cert-file=/etc/kubernetes/ssl/etcd.pem',
    '--key-file=/etc/kubernetes/ssl/etcd-key.pem',
    '--peer-cert-file=/etc/kubernetes/ssl/etcd.pem',
    '--peer-key-file=/etc/kubernetes/ssl/etcd-key.pem',
    '--trusted-ca-file=/etc/kubernetes/ssl/ca.pem',
    '--peer-trusted-ca-file=/etc/kubernetes/ssl/ca.pem',
    `--initial-advertise-peer-urls=https://${ip}:2380`,
    `--listen-peer-urls=https://${ip}:2380`,
    `--listen-client-urls=https://${ip}:2379,http://127.0.0.1:2379`,
    `--advertise-client-urls=https://${ip}:2379`,
    '--initial-cluster-token=etcd-cluster-0',
    `--initial-cluster=${members.map((m) => `${m.name}=https://${m.ip}:2380`).join(',')}`,
    '--initial-cluster-state=new',
    '--data-dir=/var/lib/etcd',
    '--wal-dir=',
    '--snapshot-count=50000',
    '--auto-compaction-retention=1',
    '--auto-compaction-mode=periodic',
    '--max-request-bytes=10485760',
    '--quota-backend-bytes=8589934592',
  ].join(' ');
}

function etcdUnit(exec: string): string {
  return `[Unit]
Description=Etcd Server
After=network.target
After=network-online.target
Wants=network-online.target
Documentation=https://github.com/coreos

[Service]
Type=notify
WorkingDirectory=/var/lib/etcd
ExecStart=${exec.split(' ').join(' \\\n  ')}
Restart=always
RestartSec=15
LimitNOFILE=65536
OOMScoreAdjust=-999

[Install]
WantedBy=multi-user.target
`;
}

function write(fs: Vfs, path: string, data: string): void {
  const dir = path.slice(0, path.lastIndexOf('/')) || '/';
  if (!fs.isDir(dir)) fs.mkdir(dir, { parents: true });
  fs.writeFile(path, data);
}

/** Populate a fresh node filesystem. */
export function writeNodeFiles(fs: Vfs, spec: NodeFilesSpec): void {
  const hosts = spec.hosts.map((h) => `${h.ip} ${h.name}`).join('\n');
  write(fs, '/etc/hostname', `${spec.name}\n`);
  write(fs, '/etc/hosts', `127.0.0.1 localhost\n127.0.1.1 ${spec.name}\n\n# The following lines are desirable for IPv6 capable hosts\n::1     ip6-localhost ip6-loopback\nfe00::0 ip6-localnet\nff00::0 ip6-mcastprefix\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n\n${hosts}\n`);
  const resolv = `# This is /run/systemd/resolve/stub-resolv.conf managed by man:systemd-resolved(8).
# Do not edit.
#
# This file might be symlinked as /etc/resolv.conf. If you're looking at
# /etc/resolv.conf and seeing this text, you have followed the symlink.
#
# This is a dynamic resolv.conf file for connecting local clients to the
# internal DNS stub resolver of systemd-resolved. This file lists all
# configured search domains.
#
# Run "resolvectl status" to see details about the uplink DNS servers
# currently in use.
#
# Third party programs should typically not access this file directly, but only
# through the symlink at /etc/resolv.conf. To manage man:resolv.conf(5) in a
# different way, see man:systemd-resolved.service(8) for details about
# the supported modes of operation for /etc/resolv.conf.

nameserver 127.0.0.53
options edns0 trust-ad
search .
`;
  write(fs, '/etc/resolv.conf', resolv);
  write(fs, '/run/systemd/resolve/resolv.conf', `# This is /run/systemd/resolve/resolv.conf managed by man:systemd-resolved(8).\n# Do not edit.\n\nnameserver 8.8.8.8\nnameserver 1.1.1.1\nsearch .\n`);
  write(fs, '/etc/os-release', 'PRETTY_NAME="Ubuntu 24.04.1 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nVERSION="24.04.1 LTS (Noble Numbat)"\nVERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\nHOME_URL="https://www.ubuntu.com/"\nSUPPORT_URL="https://help.ubuntu.com/"\nBUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"\nPRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"\nUBUNTU_CODENAME=noble\nLOGO=ubuntu-logo\n');
  write(fs, '/var/log/syslog', '');
  write(fs, '/usr/lib/systemd/system/containerd.service', CONTAINERD_UNIT);
  write(fs, '/etc/containerd/config.toml', 'version = 2\n\n[plugins]\n  [plugins."io.containerd.grpc.v1.cri"]\n    sandbox_image = "registry.k8s.io/pause:3.10"\n    [plugins."io.containerd.grpc.v1.cri".containerd]\n      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes]\n        [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]\n          runtime_type = "io.containerd.runc.v2"\n          [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]\n            SystemdCgroup = true\n');
  write(fs, '/etc/crictl.yaml', 'runtime-endpoint: unix:///run/containerd/containerd.sock\nimage-endpoint: unix:///run/containerd/containerd.sock\ntimeout: 10\ndebug: false\n');

  if (spec.role === 'etcd') {
    const exec = etcdExecStart(spec.name, spec.ip, spec.etcdMembers ?? []);
    write(fs, '/etc/systemd/system/etcd.service', etcdUnit(exec));
    for (const f of ['ca.pem', 'etcd.pem']) write(fs, `/etc/kubernetes/ssl/${f}`, pem('CERTIFICATE', `${spec.name}/${f}`));
    write(fs, '/etc/kubernetes/ssl/etcd-key.pem', pem('RSA PRIVATE KEY', `${spec.name}/etcd-key`, 25));
    fs.mkdir('/var/lib/etcd/member/snap', { parents: true });
    fs.mkdir('/var/lib/etcd/member/wal', { parents: true });
    return;
  }

  // kubelet, as kubeadm installs it
  write(fs, '/usr/lib/systemd/system/kubelet.service', KUBELET_UNIT);
  write(fs, '/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf', KUBEADM_DROPIN);
  write(fs, '/var/lib/kubelet/kubeadm-flags.env', KUBEADM_FLAGS);
  write(fs, KUBELET_CONFIG, KUBELET_CONFIG_YAML(spec.dnsIP));
  write(fs, '/var/lib/kubelet/pki/kubelet.crt', pem('CERTIFICATE', `${spec.name}/kubelet`));
  write(fs, '/var/lib/kubelet/pki/kubelet.key', pem('RSA PRIVATE KEY', `${spec.name}/kubelet-key`, 25));
  write(fs, '/var/lib/kubelet/pki/kubelet-client-current.pem', pem('CERTIFICATE', `${spec.name}/kubelet-client`) + pem('RSA PRIVATE KEY', `${spec.name}/kubelet-client-key`, 25));
  fs.mkdir('/var/lib/kubelet/pods', { parents: true });
  fs.mkdir('/var/log/pods', { parents: true });
  fs.mkdir('/var/log/containers', { parents: true });
  write(fs, '/etc/kubernetes/kubelet.conf', kubeconfig(spec.server, `system:node:${spec.name}`, `${spec.name}/kubelet-client`, false));
  write(fs, '/etc/kubernetes/pki/ca.crt', pem('CERTIFICATE', 'ca'));
  fs.mkdir(STATIC_POD_PATH, { parents: true });
  if (spec.role !== 'control-plane') return;

  write(fs, '/etc/kubernetes/admin.conf', kubeconfig(spec.server, 'kubernetes-admin', 'admin'));
  write(fs, '/etc/kubernetes/super-admin.conf', kubeconfig(spec.server, 'kubernetes-super-admin', 'super-admin'));
  write(fs, '/etc/kubernetes/controller-manager.conf', kubeconfig(spec.server, 'system:kube-controller-manager', 'controller-manager'));
  write(fs, '/etc/kubernetes/scheduler.conf', kubeconfig(spec.server, 'system:kube-scheduler', 'scheduler'));
  write(fs, '/root/.kube/config', kubeconfig(spec.server, 'kubernetes-admin', 'admin'));
  const pki = '/etc/kubernetes/pki';
  for (const n of ['ca', 'apiserver', 'apiserver-kubelet-client', 'apiserver-etcd-client', 'front-proxy-ca', 'front-proxy-client']) {
    write(fs, `${pki}/${n}.crt`, pem('CERTIFICATE', n === 'ca' ? 'ca' : `${spec.name}/${n}`));
    write(fs, `${pki}/${n}.key`, pem('RSA PRIVATE KEY', `${spec.name}/${n}-key`, 25));
  }
  write(fs, `${pki}/sa.key`, pem('RSA PRIVATE KEY', 'sa', 25));
  write(fs, `${pki}/sa.pub`, pem('PUBLIC KEY', 'sa-pub', 6));
  for (const n of ['ca', 'server', 'peer', 'healthcheck-client']) {
    write(fs, `${pki}/etcd/${n}.crt`, pem('CERTIFICATE', `${spec.name}/etcd-${n}`));
    write(fs, `${pki}/etcd/${n}.key`, pem('RSA PRIVATE KEY', `${spec.name}/etcd-${n}-key`, 25));
  }
  for (const p of spec.staticPods) write(fs, `${STATIC_POD_PATH}/${p.metadata.name}.yaml`, manifestYaml(p));
  fs.mkdir('/var/lib/etcd/member/snap', { parents: true });
}
