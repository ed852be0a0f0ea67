/** A node's host OS, and breaking it on the virtual clock: systemctl, static pod manifests, journal, crictl. */
import { describe, expect, it } from 'vitest';
import { nodeSim } from './node-helpers';

const pod = (name: string) => `kubectl run ${name} --image=nginx:1.27`;

describe('node host OS', () => {
  it('systemctl status kubelet looks like systemd 255', async () => {
    const s = nodeSim();
    await s.run('ssh node01');
    const r = await s.run('systemctl status kubelet');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      '● kubelet.service - kubelet: The Kubernetes Node Agent',
      '     Loaded: loaded (/usr/lib/systemd/system/kubelet.service; enabled; preset: enabled)',
      '    Drop-In: /usr/lib/systemd/system/kubelet.service.d',
      '             └─10-kubeadm.conf',
      '     Active: active (running) since Mon 2026-01-05 08:00:00 UTC; 10min ago',
      '       Docs: https://kubernetes.io/docs/',
    ]);
    expect(lines[6]).toMatch(/^   Main PID: \d+ \(kubelet\)$/);
    expect(r.out).toMatch(/     CGroup: \/system\.slice\/kubelet\.service\n             └─\d+ \/usr\/bin\/kubelet --bootstrap-kubeconfig=\/etc\/kubernetes\/bootstrap-kubelet\.conf --kubeconfig=\/etc\/kubernetes\/kubelet\.conf --config=\/var\/lib\/kubelet\/config\.yaml/);
    expect(r.out).toMatch(/\n\nJan 05 08:0\d:\d\d node01 kubelet\[\d+\]: [IEW]0105 /);
    expect((await s.run('systemctl status nope')).out).toBe('Unit nope.service could not be found.\n');
    expect((await s.run('systemctl is-active containerd')).out).toBe('active\n');
  });

  it('files kubeadm wrote: manifests, kubeconfigs, kubelet config, resolv.conf', async () => {
    const s = nodeSim();
    expect((await s.run('ls -1 /etc/kubernetes')).out).toBe('admin.conf\ncontroller-manager.conf\nkubelet.conf\nmanifests\npki\nscheduler.conf\nsuper-admin.conf\n');
    const m = (await s.run('cat /etc/kubernetes/manifests/kube-apiserver.yaml')).out;
    expect(m.startsWith('apiVersion: v1\nkind: Pod\nmetadata:\n  annotations:\n    kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint: 172.30.1.2:6443\n  creationTimestamp: null\n')).toBe(true);
    expect(m).toContain('    - --advertise-address=172.30.1.2\n');
    expect((await s.run('grep staticPodPath /var/lib/kubelet/config.yaml')).out).toBe('staticPodPath: /etc/kubernetes/manifests\n');
    expect((await s.run('grep server /etc/kubernetes/admin.conf')).out).toBe('    server: https://172.30.1.2:6443\n');
    expect((await s.run('grep nameserver /etc/resolv.conf')).out).toBe('nameserver 127.0.0.53\n');
    expect((await s.run('ls /etc/kubernetes/pki/etcd')).out).toContain('server.crt');
    expect((await s.run('kubelet --version')).out).toBe('Kubernetes v1.32.4\n');
    expect((await s.run('containerd --version')).out).toMatch(/^containerd containerd\.io 1\.7\.24 /);
    expect((await s.run('kubeadm version -o short')).out).toBe('v1.32.4\n');
  });

  it('ip addr, uptime, free, df, ps show the node', async () => {
    const s = nodeSim();
    await s.run('ssh node01');
    const ip = (await s.run('ip addr')).out;
    expect(ip).toContain('inet 172.30.2.2/24 metric 100 brd 172.30.2.255 scope global dynamic eth0');
    expect(ip).toContain('inet 10.244.1.0/32 scope global flannel.1');
    expect(ip).toContain('inet 10.244.1.1/24 brd 10.244.1.255 scope global cni0');
    expect((await s.run('uptime')).out).toMatch(/^ 08:10:\d\d up 10 min,  1 user,  load average: \d\.\d\d, \d\.\d\d, \d\.\d\d\n$/);
    expect((await s.run('free -m')).out).toMatch(/^ {15}total {8}used {8}free {6}shared  buff\/cache   available\nMem: {12}3927 /);
    expect((await s.run('df -h /')).out).toContain('/dev/vda1');
    const ps = (await s.run('ps aux')).out;
    expect(ps.split('\n')[0]).toBe('USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND');
    expect(ps).toContain('/usr/bin/kubelet --bootstrap-kubeconfig');
    expect(ps).toContain('/usr/bin/containerd\n');
    expect(ps).toContain('/usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id ');
    expect(ps).toContain('/coredns -conf /etc/coredns/Corefile');
  });

  it('crictl ps, pods, images, logs, inspect', async () => {
    const s = nodeSim();
    await s.run(pod('web'));
    s.advance(30_000);
    const node = s.sim.cluster.client('t').get('pods', 'default', 'web').spec.nodeName;
    await s.run(`ssh ${node}`);
    const ps = (await s.run('crictl ps')).out;
    expect(ps.split('\n')[0]).toBe('CONTAINER           IMAGE               CREATED             STATE               NAME                ATTEMPT             POD ID              POD');
    expect(ps).toMatch(/\n[0-9a-f]{13} {7}[0-9a-f]{13} {7}\d+ seconds ago {6,}Running {13}web {17}0 {19}[0-9a-f]{13} {7}web\n/);
    const pods = (await s.run('crictl pods --name web')).out;
    expect(pods).toMatch(/^POD ID {14}CREATED {13}STATE {15}NAME {16}NAMESPACE {11}ATTEMPT {13}RUNTIME\n[0-9a-f]{13} {7}\d+ seconds ago +Ready {15}web {17}default {13}0 {19}\(default\)\n$/);
    expect((await s.run('crictl images')).out).toMatch(/\ndocker\.io\/library\/nginx {11}1\.27 {16}[0-9a-f]{13} {7}\d+(\.\d+)?MB\n/);
    const id = (await s.run('crictl ps -q --name web')).out.trim();
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect((await s.run(`crictl logs ${id.slice(0, 13)}`)).out).toContain('/docker-entrypoint.sh');
    const inspect = JSON.parse((await s.run(`crictl inspect ${id.slice(0, 13)}`)).out);
    expect(inspect.status.state).toBe('CONTAINER_RUNNING');
    expect(inspect.status.labels['io.kubernetes.pod.name']).toBe('web');
  });

  it('journalctl -u kubelet shows what the kubelet did', async () => {
    const s = nodeSim();
    await s.run(pod('web'));
    s.advance(20_000);
    const node = s.sim.cluster.client('t').get('pods', 'default', 'web').spec.nodeName;
    await s.run(`ssh ${node}`);
    const j = (await s.run('journalctl -u kubelet --no-pager')).out;
    expect(j).toMatch(new RegExp(`\\nJan 05 08:10:\\d\\d ${node} kubelet\\[\\d+\\]: I0105 08:10:\\d\\d\\.\\d{6} +\\d+ kubelet\\.go:2468\\] "SyncLoop ADD" source="api" pods=\\["default/web"\\]\\n`));
    expect((await s.run('journalctl -u kubelet -n 3 | wc -l')).out).toBe('3\n');
    expect((await s.run('journalctl -u nothing')).out).toBe('-- No entries --\n');
  });
});

describe('breaking a node', () => {
  it('systemctl stop kubelet: the node goes NotReady, its pods keep running; start brings it back', async () => {
    const s = nodeSim();
    await s.run('ssh node01');
    const before = s.sim.cluster.kubelets.get('node01')!.runtime;
    const running = () => [...before.containers.values()].filter((c) => c.state === 'running').length;
    const n0 = running();
    expect((await s.run('systemctl stop kubelet')).code).toBe(0);
    expect((await s.run('systemctl is-active kubelet')).out).toBe('inactive\n');
    s.advance(5_000);
    const st = (await s.run('systemctl status kubelet')).out;
    expect(st).toMatch(/^○ kubelet\.service - kubelet: The Kubernetes Node Agent\n/);
    expect(st).toMatch(/\n     Active: inactive \(dead\) since Mon 2026-01-05 08:10:\d\d UTC; \d+s ago\n/);
    expect(st).toContain('systemd[1]: Stopped kubelet.service - kubelet: The Kubernetes Node Agent.');
    s.advance(70_000);
    expect(s.nodeReady('node01')).not.toBe('True');
    expect(running()).toBe(n0);
    await s.run('systemctl start kubelet');
    s.advance(20_000);
    expect(s.nodeReady('node01')).toBe('True');
  });

  it('systemctl stop containerd: crictl fails, the kubelet reports the runtime down', async () => {
    const s = nodeSim();
    await s.run('ssh node02');
    await s.run('systemctl stop containerd');
    const c = await s.run('crictl ps');
    expect(c.code).toBe(1);
    expect(c.out).toBe('FATA[0000] validate service connection: validate CRI v1 runtime API for endpoint "unix:///run/containerd/containerd.sock": rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: no such file or directory"\n');
    s.advance(45_000);
    const ready = s.node('node02')!.status.conditions.find((x: { type: string }) => x.type === 'Ready');
    expect(ready).toMatchObject({ status: 'False', reason: 'KubeletNotReady', message: 'container runtime is down' });
    expect((await s.run('journalctl -u kubelet -n 20')).out).toContain('"Skipping pod synchronization" err="container runtime is down"');
    await s.run('systemctl start containerd');
    s.advance(15_000);
    expect(s.nodeReady('node02')).toBe('True');
  });

  it('moving kube-scheduler.yaml out stops scheduling; moving it back resumes it', async () => {
    const s = nodeSim();
    expect((await s.run('mv /etc/kubernetes/manifests/kube-scheduler.yaml /tmp/')).code).toBe(0);
    s.advance(25_000);
    expect(s.sim.cluster.scheduler.running).toBe(false);
    expect((await s.run('kubectl get pod -n kube-system kube-scheduler-controlplane')).out).toBe('Error from server (NotFound): pods "kube-scheduler-controlplane" not found\n');
    await s.run(pod('pending'));
    s.advance(30_000);
    expect((await s.run('kubectl get pod pending -o jsonpath={.status.phase}')).out).toBe('Pending');
    expect((await s.run('kubectl get events --field-selector reason=FailedScheduling -o name')).out).toBe('No resources found in default namespace.\n');
    await s.run('mv /tmp/kube-scheduler.yaml /etc/kubernetes/manifests/');
    s.advance(30_000);
    expect(s.sim.cluster.scheduler.running).toBe(true);
    expect((await s.run('kubectl get pod pending -o jsonpath={.spec.nodeName}')).out).toMatch(/^node0[12]$/);
    expect((await s.run('kubectl get pod -n kube-system kube-scheduler-controlplane -o name')).out).toBe('pod/kube-scheduler-controlplane\n');
  });

  it('moving kube-controller-manager.yaml out: scale has no effect until it is back', async () => {
    const s = nodeSim();
    await s.run('kubectl create deployment web --image=nginx:1.27 --replicas=1');
    s.advance(20_000);
    await s.run('mv /etc/kubernetes/manifests/kube-controller-manager.yaml /root/');
    s.advance(25_000);
    await s.run('kubectl scale deployment web --replicas=3');
    s.advance(30_000);
    expect((await s.run('kubectl get pods -l app=web -o name | wc -l')).out).toBe('1\n');
    await s.run('mv /root/kube-controller-manager.yaml /etc/kubernetes/manifests/');
    s.advance(40_000);
    expect((await s.run('kubectl get pods -l app=web -o name | wc -l')).out).toBe('3\n');
  });

  it('moving kube-apiserver.yaml out: kubectl is refused until it is back', async () => {
    const s = nodeSim();
    await s.run('mv /etc/kubernetes/manifests/kube-apiserver.yaml /tmp/');
    s.advance(25_000);
    const r = await s.run('kubectl get nodes');
    expect(r).toEqual({ out: 'The connection to the server 172.30.1.2:6443 was refused - did you specify the right host or port?\n', code: 1 });
    expect((await s.run('crictl ps --name kube-apiserver -q')).out).toBe('');
    await s.run('mv /tmp/kube-apiserver.yaml /etc/kubernetes/manifests/');
    s.advance(25_000);
    expect((await s.run('kubectl get nodes -o name')).out).toBe('node/controlplane\nnode/node01\nnode/node02\n');
  });

  it('moving etcd.yaml out: the apiserver answers with errors', async () => {
    const s = nodeSim();
    await s.run('mv /etc/kubernetes/manifests/etcd.yaml /tmp/');
    s.advance(25_000);
    const r = await s.run('kubectl create namespace x');
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/etcdserver|refused|timed out/);
    await s.run('mv /tmp/etcd.yaml /etc/kubernetes/manifests/');
    s.advance(30_000);
    expect((await s.run('kubectl create namespace y')).code).toBe(0);
  });

  it('a broken manifest is reported in the journal and not run', async () => {
    const s = nodeSim();
    await s.run("sed -i 's/^kind: Pod/kind: Pood/' /etc/kubernetes/manifests/kube-scheduler.yaml");
    s.advance(25_000);
    expect(s.sim.cluster.scheduler.running).toBe(false);
    expect((await s.run('journalctl -u kubelet | grep -c "Could not process manifest file"')).out).not.toBe('0\n');
  });
});

describe('the ha scenario (kubeasz layout)', () => {
  it('etcd hosts run etcd under systemd; losing two of three members breaks the apiserver', async () => {
    const s = nodeSim('ha');
    expect(s.sim.shell.prompt()).toBe('master1:~$ ');
    await s.run('ssh etcd1');
    const st = (await s.run('systemctl status etcd')).out;
    expect(st).toMatch(/^● etcd\.service - Etcd Server\n     Loaded: loaded \(\/etc\/systemd\/system\/etcd\.service; enabled; preset: enabled\)\n     Active: active \(running\) since /);
    expect(st).toContain('/opt/kube/bin/etcd --name=etcd1 ');
    expect((await s.run('ls /etc/kubernetes/manifests')).code).not.toBe(0);
    await s.run('systemctl stop etcd');
    await s.run('exit');
    s.advance(5_000);
    expect((await s.run('kubectl create namespace one-down')).code).toBe(0);
    await s.run('ssh etcd2 systemctl stop etcd');
    s.advance(5_000);
    const r = await s.run('kubectl create namespace two-down');
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('etcdserver');
    await s.run('ssh 172.30.4.2 systemctl start etcd');
    s.advance(5_000);
    expect((await s.run('kubectl create namespace back')).code).toBe(0);
  });

  it('master2 is a control-plane node with its own static pods and a working kubectl', async () => {
    const s = nodeSim('ha');
    await s.run('ssh master2');
    expect((await s.run('ls -1 /etc/kubernetes/manifests')).out).toBe('kube-apiserver.yaml\nkube-controller-manager.yaml\nkube-scheduler.yaml\n');
    expect((await s.run('kubectl get nodes -o name')).out).toBe('node/master1\nnode/master2\nnode/node1\nnode/node2\nnode/node3\n');
    // one scheduler is enough (leader election): stopping master1's leaves master2's running
    await s.run('ssh master1 mv /etc/kubernetes/manifests/kube-scheduler.yaml /root/');
    s.advance(25_000);
    expect(s.sim.cluster.scheduler.running).toBe(true);
    await s.run('mv /etc/kubernetes/manifests/kube-scheduler.yaml /root/');
    s.advance(25_000);
    expect(s.sim.cluster.scheduler.running).toBe(false);
  });
});
