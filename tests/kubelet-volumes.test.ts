/**
 * Pod volumes (kubelet/volumes.ts, bind mounts in shell/vfs.ts): what the containers see, shared
 * emptyDirs, configMap/secret files, hostPath on the node's filesystem, and the FailedMount events
 * (wording from pkg/volume: configmap "x" not found; hostPath type check failed: … is not a file).
 */
import { describe, expect, it } from 'vitest';
import { createSession } from '../src/sim/cluster/session';
import { advanceSettled } from '../src/sim/kubelet/proc-clock';

function session() {
  const s = createSession({ seed: 3 });
  let out = '';
  const io = { stdout: (t: string) => void (out += t), stderr: (t: string) => void (out += t) };
  const run = async (cmd: string) => {
    out = '';
    await s.shell.run(cmd, io);
    return out;
  };
  const apply = (yaml: string) => run(`kubectl apply -f - <<'EOF'\n${yaml}\nEOF`);
  const wait = (ms: number) => advanceSettled(s.cluster.clock, ms);
  return { s, run, apply, wait };
}

describe('pod volumes', () => {
  it('an emptyDir is shared by the containers of a pod', async () => {
    const { run, apply, wait } = session();
    await apply(`apiVersion: v1
kind: Pod
metadata:
  name: shared
spec:
  containers:
  - name: writer
    image: busybox:1.36
    command: ["sh", "-c", "echo hello from writer > /data/msg; sleep 3600"]
    volumeMounts:
    - name: scratch
      mountPath: /data
  - name: reader
    image: busybox:1.36
    command: ["sleep", "3600"]
    volumeMounts:
    - name: scratch
      mountPath: /in
  volumes:
  - name: scratch
    emptyDir: {}`);
    await wait(20_000);
    expect(await run('kubectl exec shared -c reader -- cat /in/msg')).toBe('hello from writer\n');
    expect(await run('kubectl exec shared -c reader -- ls /')).toMatch(/\bin\b/);
  });

  it('configMap and secret keys are read-only files; a missing configMap is a FailedMount until it exists', async () => {
    const { s, run, apply, wait } = session();
    await apply(`apiVersion: v1
kind: Pod
metadata:
  name: cfg
spec:
  containers:
  - name: c
    image: busybox:1.36
    command: ["sleep", "3600"]
    volumeMounts:
    - name: config
      mountPath: /etc/config
    - name: creds
      mountPath: /etc/creds
  volumes:
  - name: config
    configMap:
      name: app-config
      items:
      - key: level
        path: log/level
  - name: creds
    secret:
      secretName: app-secret`);
    await wait(10_000);
    expect(await run('kubectl get pod cfg --no-headers')).toMatch(/0\/1\s+ContainerCreating/);
    const events = await run('kubectl get events --field-selector involvedObject.name=cfg -o custom-columns=REASON:.reason,MESSAGE:.message --no-headers');
    expect(events).toContain('FailedMount   MountVolume.SetUp failed for volume "config" : configmap "app-config" not found');
    await run('kubectl create configmap app-config --from-literal=level=debug --from-literal=other=x');
    await run('kubectl create secret generic app-secret --from-literal=password=s3cr3t');
    await wait(150_000);
    expect(await run('kubectl get pod cfg --no-headers')).toMatch(/1\/1\s+Running/);
    expect(await run('kubectl exec cfg -- cat /etc/config/log/level')).toBe('debug');
    expect(await run('kubectl exec cfg -- ls /etc/config')).toBe('log\n');
    expect(await run('kubectl exec cfg -- cat /etc/creds/password')).toBe('s3cr3t');
    expect(await run("kubectl exec cfg -- sh -c 'echo x > /etc/config/new'")).toContain('Read-only file system');
    void s;
  });

  it('hostPath shows the node\'s files (the basic DaemonSet example); a failed type check is a FailedMount', async () => {
    const { run, apply, wait } = session();
    await apply(`apiVersion: v1
kind: Pod
metadata:
  name: host
spec:
  nodeName: node01
  initContainers:
  - name: log-machine-id
    image: busybox:1.37
    command: ['sh', '-c', 'cat /etc/machine-id > /var/log/machine-id.log']
    volumeMounts:
    - name: machine-id
      mountPath: /etc/machine-id
      readOnly: true
    - name: log-dir
      mountPath: /var/log
  containers:
  - name: pause
    image: registry.k8s.io/pause
  volumes:
  - name: machine-id
    hostPath:
      path: /etc/machine-id
      type: File
  - name: log-dir
    hostPath:
      path: /var/log`);
    await wait(20_000);
    expect(await run('kubectl get pod host --no-headers')).toMatch(/1\/1\s+Running/);
    const id = await run('kubectl get node node01 -o jsonpath={.status.nodeInfo.machineID}');
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(await run('ssh node01 cat /var/log/machine-id.log')).toBe(`${id}\n`);

    await apply(`apiVersion: v1
kind: Pod
metadata:
  name: wrong-type
spec:
  nodeName: node01
  containers:
  - name: c
    image: busybox:1.36
    command: ["sleep", "3600"]
    volumeMounts:
    - name: v
      mountPath: /x
  volumes:
  - name: v
    hostPath:
      path: /etc/kubernetes
      type: File`);
    await wait(10_000);
    expect(await run('kubectl get pod wrong-type --no-headers')).toMatch(/ContainerCreating/);
    expect(await run('kubectl describe pod wrong-type')).toContain('MountVolume.SetUp failed for volume "v" : hostPath type check failed: /etc/kubernetes is not a file');
  });

  it('a redirection that cannot open its file is worded as each image\'s shell words it (busybox ash, dash, bash)', async () => {
    const { run, wait } = session();
    await run('kubectl run bb --image=busybox:1.36 -- sleep 3600');
    await run('kubectl run deb --image=nginx');
    await wait(20_000);
    // busybox ash.c: can't create/open %s: errmsg(errno, "nonexistent directory" / "no such file")
    expect(await run("kubectl exec bb -- sh -c 'echo x > /nope/f; cat < /nope/g'")).toBe(
      "sh: can't create /nope/f: nonexistent directory\nsh: can't open /nope/g: no such file\ncommand terminated with exit code 1\n",
    );
    // dash errmsg(): E_CREAT → Directory nonexistent, E_OPEN → No such file; "sh: 1:" is the line number;
    // Debian's dash 0.5.12 here prints `dash: 1: cannot create /nope/f: Directory nonexistent` and exits 2
    expect(await run("kubectl exec deb -- sh -c 'echo x > /nope/f'")).toBe('sh: 1: cannot create /nope/f: Directory nonexistent\ncommand terminated with exit code 2\n');
    expect(await run("kubectl exec deb -- sh -c 'cat < /nope/g'")).toBe('sh: 1: cannot open /nope/g: No such file\ncommand terminated with exit code 2\n');
    expect(await run("kubectl exec deb -- bash -c 'echo x > /nope/f'")).toBe('bash: /nope/f: No such file or directory\ncommand terminated with exit code 1\n');
  });
});
