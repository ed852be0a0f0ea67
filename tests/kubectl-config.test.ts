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
});
