/**
 * kubectl config against the kubeadm admin kubeconfig. Expected texts: the real kubectl v1.32 run with
 * KUBECONFIG pointing at the same kubeadm admin.conf (cluster kubernetes, user kubernetes-admin,
 * server https://172.30.1.2:6443).
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../src/sim/index';

async function run(sim: ReturnType<typeof createSimulation>, cmd: string) {
  let stdout = '';
  let stderr = '';
  const exit = await sim.shell.run(cmd, { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t) });
  return { stdout, stderr, exit };
}

const VIEW = `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: DATA+OMITTED
    server: https://172.30.1.2:6443
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: kubernetes-admin
  name: kubernetes-admin@kubernetes
current-context: kubernetes-admin@kubernetes
kind: Config
preferences: {}
users:
- name: kubernetes-admin
  user:
    client-certificate-data: DATA+OMITTED
    client-key-data: DATA+OMITTED
`;

describe('kubectl config', () => {
  it('view, current-context, get-contexts, use-context, get-clusters, get-users', async () => {
    const sim = createSimulation();
    expect(await run(sim, 'kubectl config view')).toEqual({ stdout: VIEW, stderr: '', exit: 0 });
    expect((await run(sim, "kubectl config view -o jsonpath='{.users[*].name}'")).stdout).toBe('kubernetes-admin');
    expect(await run(sim, 'kubectl config current-context')).toEqual({ stdout: 'kubernetes-admin@kubernetes\n', stderr: '', exit: 0 });
    expect(await run(sim, 'kubectl config get-contexts')).toEqual({
      stdout: 'CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n*         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   \n',
      stderr: '',
      exit: 0,
    });
    expect((await run(sim, 'kubectl config get-contexts -o name')).stdout).toBe('kubernetes-admin@kubernetes\n');
    expect(await run(sim, 'kubectl config get-contexts nosuch')).toEqual({ stdout: 'CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n', stderr: 'error: context nosuch not found\n', exit: 1 });
    expect((await run(sim, 'kubectl config get-clusters')).stdout).toBe('NAME\nkubernetes\n');
    expect((await run(sim, 'kubectl config get-users')).stdout).toBe('NAME\nkubernetes-admin\n');
    expect(await run(sim, 'kubectl config use-context nosuch')).toEqual({ stdout: '', stderr: 'error: no context exists with the name: "nosuch"\n', exit: 1 });
    expect(await run(sim, 'kubectl config use-context kubernetes-admin@kubernetes')).toEqual({ stdout: 'Switched to context "kubernetes-admin@kubernetes".\n', stderr: '', exit: 0 });
  });

  it('set-context --current --namespace changes the namespace later commands use', async () => {
    const sim = createSimulation();
    expect((await run(sim, 'kubectl config set-context --current --namespace=kube-system')).stdout).toBe('Context "kubernetes-admin@kubernetes" modified.\n');
    expect((await run(sim, 'kubectl config get-contexts')).stdout).toBe(
      'CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n*         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   kube-system\n',
    );
    expect((await run(sim, 'kubectl config view --minify')).stdout).toBe(VIEW.replace('    cluster: kubernetes\n', '    cluster: kubernetes\n    namespace: kube-system\n'));
    const json = (await run(sim, 'kubectl config view -o json')).stdout;
    expect(json).toContain('"context": {\n                "cluster": "kubernetes",\n                "user": "kubernetes-admin",\n                "namespace": "kube-system"\n            }');
    expect((await run(sim, 'kubectl get ds -o name')).stdout).toBe('daemonset.apps/kube-proxy\n');
    await run(sim, 'kubectl config set-context --current --namespace=');
    expect((await run(sim, 'kubectl get ds')).stderr).toBe('No resources found in default namespace.\n');
  });

  // expected texts: the real kubectl v1.32 with KUBECONFIG set to a copy of our admin.conf
  it('named contexts: created/modified, use-context, each context\'s namespace, a context without a cluster', async () => {
    const sim = createSimulation();
    const out = async (cmd: string) => {
      const r = await run(sim, cmd);
      return r.stdout + r.stderr;
    };
    expect(await out('kubectl config set-context dev --namespace=development --cluster=kubernetes --user=kubernetes-admin')).toBe('Context "dev" created.\n');
    expect(await out('kubectl config set-context prod --namespace=production --cluster=lithe --user=lithe')).toBe('Context "prod" created.\n');
    expect(await out('kubectl config set-context dev --namespace=dev2')).toBe('Context "dev" modified.\n');
    expect(await run(sim, 'kubectl config set-context')).toEqual({ stdout: '', stderr: 'error: you must specify a non-empty context name or --current\n', exit: 1 });
    expect((await run(sim, 'kubectl config set-context a b')).stderr).toBe('error: Unexpected args: [a b]\n');
    expect(await out('kubectl config use-context dev')).toBe('Switched to context "dev".\n');
    expect(await out('kubectl config current-context')).toBe('dev\n');
    expect(await out('kubectl config get-contexts')).toBe(
      'CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n' +
        '*         dev                           kubernetes   kubernetes-admin   dev2\n' +
        '          kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   \n' +
        '          prod                          lithe        lithe              production\n',
    );
    expect(await out('kubectl config get-contexts -o name')).toBe('dev\nkubernetes-admin@kubernetes\nprod\n');
    expect(await out('kubectl get pods')).toBe('No resources found in dev2 namespace.\n');
    // the file itself changed
    expect(await out('grep -A4 "^- context:" /etc/kubernetes/admin.conf | head -5')).toBe('- context:\n    cluster: kubernetes\n    namespace: dev2\n    user: kubernetes-admin\n  name: dev\n');
    // a context whose cluster is not in the kubeconfig: client-go falls back to localhost:8080
    const refused = await run(sim, 'kubectl get ns --context=prod');
    expect(refused.exit).toBe(1);
    expect(refused.stderr.split('\n').filter((l) => l.includes('memcache.go:265')).length).toBe(5);
    expect(refused.stderr).toMatch(/\nThe connection to the server localhost:8080 was refused - did you specify the right host or port\?\n$/);
    expect(await run(sim, 'kubectl get ns --context=nosuch')).toEqual({ stdout: '', stderr: 'Error in configuration: context was not found for specified context: nosuch\n', exit: 1 });
    expect(await out('kubectl config rename-context prod production')).toBe('Context "prod" renamed to "production".\n');
    expect(await out('kubectl config rename-context prod x')).toBe('error: cannot rename the context "prod", it\'s not in /etc/kubernetes/admin.conf\n');
    expect(await out('kubectl config rename-context production dev')).toBe('error: cannot rename the context "production", the context "dev" already exists in /etc/kubernetes/admin.conf\n');
    expect(await out('kubectl config delete-context production')).toBe('deleted context production from /etc/kubernetes/admin.conf\n');
    expect(await out('kubectl config delete-context production')).toBe('error: cannot delete context production, not in /etc/kubernetes/admin.conf\n');
    expect(await run(sim, 'kubectl config delete-context dev')).toEqual({
      stdout: 'deleted context dev from /etc/kubernetes/admin.conf\n',
      stderr: 'warning: this removed your active context, use "kubectl config use-context" to select a different one\n',
      exit: 0,
    });
    expect(await out('kubectl config current-context')).toBe('dev\n');
    expect(await out('kubectl config view --minify')).toBe('error: cannot locate context dev\n');
    expect(await out('kubectl config unset current-context')).toBe('Property "current-context" unset.\n');
    expect(await out('kubectl config current-context')).toBe('error: current-context is not set\n');
    expect(await out('kubectl config set-context --current --namespace=a')).toBe('error: no current context is set\n');
    expect(await out('kubectl config view --minify')).toBe('error: current-context must exist in order to minify\n');
  });

  it('set-cluster and set-credentials', async () => {
    const sim = createSimulation();
    const out = async (cmd: string) => {
      const r = await run(sim, cmd);
      return r.stdout + r.stderr;
    };
    expect(await out('kubectl config set-cluster demo --server=https://1.2.3.4:6443 --insecure-skip-tls-verify=true')).toBe('Cluster "demo" set.\n');
    expect(await out('kubectl config set-credentials bob --token=abc --username=u --password=p')).toBe('error: you cannot specify more than one authentication method at the same time: --token, --username/--password\n');
    expect(await out('kubectl config set-context bob@demo --cluster=demo --user=bob')).toBe('Context "bob@demo" created.\n');
    expect(await out('kubectl config view')).toBe(
      VIEW.replace('clusters:\n', 'clusters:\n- cluster:\n    insecure-skip-tls-verify: true\n    server: https://1.2.3.4:6443\n  name: demo\n').replace(
        'contexts:\n',
        'contexts:\n- context:\n    cluster: demo\n    user: bob\n  name: bob@demo\n',
      ),
    );
    expect(await out('kubectl config get-clusters')).toBe('NAME\ndemo\nkubernetes\n');
    expect(await out('kubectl config delete-cluster demo')).toBe('deleted cluster demo from /etc/kubernetes/admin.conf\n');
    expect(await out('kubectl config delete-cluster demo')).toBe('error: cannot delete cluster demo, not in /etc/kubernetes/admin.conf\n');
    expect(await out('kubectl config delete-user bob')).toBe('error: cannot delete user bob, not in /etc/kubernetes/admin.conf\n');
  });
});
