/**
 * ServiceAccount tokens: the TokenRequest subresource and `kubectl create token` (create_token.go),
 * with the claims kube-apiserver puts in a token (iss/aud = kubeadm's service-account issuer,
 * sub system:serviceaccount:<ns>:<name>, exp = iat + expirationSeconds, default 1 h) and the
 * upstream error texts; pods get the kube-api-access projected volume mounted at the usual path.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../src/sim/index';

async function run(sim: ReturnType<typeof createSimulation>, cmd: string) {
  let stdout = '';
  let stderr = '';
  const exit = await sim.shell.run(cmd, { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t) });
  return { stdout, stderr, exit };
}

const claimsOf = (jwt: string) => JSON.parse(atob(jwt.trim().split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));

describe('ServiceAccount tokens', () => {
  it('kubectl create token: a JWT for the service account, valid for an hour by default', async () => {
    const sim = createSimulation();
    await run(sim, 'kubectl create serviceaccount robot');
    const out = await run(sim, 'kubectl create token robot');
    expect(out.exit).toBe(0);
    expect(out.stdout).toMatch(/^eyJhbGciOiJSUzI1NiIsImtpZCI6[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const c = claimsOf(out.stdout);
    const uid = JSON.parse((await run(sim, 'kubectl get sa robot -o json')).stdout).metadata.uid;
    expect(c).toMatchObject({
      aud: ['https://kubernetes.default.svc.cluster.local'],
      iss: 'https://kubernetes.default.svc.cluster.local',
      sub: 'system:serviceaccount:default:robot',
      'kubernetes.io': { namespace: 'default', serviceaccount: { name: 'robot', uid } },
    });
    expect(c.exp - c.iat).toBe(3600);
    expect(c.nbf).toBe(c.iat);
    expect(c.iat).toBe(Math.floor(sim.now() / 1000));
    // --duration and --audience go into the request
    const custom = claimsOf((await run(sim, 'kubectl create token robot --duration=2h --audience=vault')).stdout);
    expect(custom.aud).toEqual(['vault']);
    expect(custom.exp - custom.iat).toBe(7200);
  });

  it('errors as upstream', async () => {
    const sim = createSimulation();
    expect(await run(sim, 'kubectl create token nope')).toEqual({ stdout: '', stderr: 'error: failed to create token: serviceaccounts "nope" not found\n', exit: 1 });
    expect((await run(sim, 'kubectl create token default --duration=60s')).stderr).toBe(
      'error: failed to create token: TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes\n',
    );
    expect((await run(sim, 'kubectl create token default --bound-object-name=x')).stderr).toBe('error: --bound-object-name can only be set if --bound-object-kind is provided\n');
    expect((await run(sim, 'kubectl create token default --bound-object-kind=Deployment --bound-object-name=x')).stderr).toBe('error: supported --bound-object-kind values are Node, Pod, Secret\n');
    expect((await run(sim, 'kubectl create token')).stderr).toBe("error: exactly one NAME is required, got 0\nSee 'kubectl create token -h' for help and examples\n");
  });

  it('pods mount the kube-api-access projected volume (token, ca.crt, namespace)', async () => {
    const sim = createSimulation();
    await run(sim, 'kubectl run web --image=nginx:1.27');
    await run(sim, 'sleep 10');
    const pod = JSON.parse((await run(sim, 'kubectl get pod web -o json')).stdout);
    const vol = pod.spec.volumes.find((v: { name: string }) => v.name.startsWith('kube-api-access-'));
    expect(vol.projected.sources[0]).toEqual({ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } });
    expect(pod.spec.containers[0].volumeMounts).toContainEqual({ name: vol.name, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' });
    expect((await run(sim, 'kubectl exec web -- ls /var/run/secrets/kubernetes.io/serviceaccount')).stdout.split(/\s+/).filter(Boolean)).toEqual(['ca.crt', 'namespace', 'token']);
    expect((await run(sim, 'kubectl exec web -- cat /var/run/secrets/kubernetes.io/serviceaccount/namespace')).stdout).toBe('default');
  });
});
