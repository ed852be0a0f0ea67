/**
 * `kubectl describe` reaches the StatefulSet, Job and CronJob describers (they fell back to the
 * generic one). Expected texts: the real kubectl v1.32 against our apiserver (contract B) on the
 * same commands, creation times masked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../src/sim/index';

async function run(sim: ReturnType<typeof createSimulation>, cmd: string) {
  let stdout = '';
  let stderr = '';
  const exit = await sim.shell.run(cmd, { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t) });
  return { stdout, stderr, exit };
}

// the docs' StatefulSet example, from the corpus beside the project (present in CI; skipped when absent)
const WEB_FILE = path.join(__dirname, '../../shared/corpus/manifests/application/web/web.yaml');
const WEB = fs.existsSync(WEB_FILE) ? fs.readFileSync(WEB_FILE, 'utf8') : '';
if (!WEB) console.log(`describe-batch-apps: StatefulSet case skipped — ${WEB_FILE} not found (../shared/corpus is absent)`);
const mask = (s: string) => s.replace(/CreationTimestamp:  .*/, 'CreationTimestamp:  <TS>').replace(/ {2}\d+[smhd] {2,}/g, '  <AGE>  ');

describe('kubectl describe statefulset / cronjob', () => {
  it.skipIf(!WEB)('prints the StatefulSet and CronJob describers (real kubectl v1.32 on the same state)', async () => {
    const sim = createSimulation();
    await run(sim, `cat > web.yaml <<'EOF'\n${WEB}EOF`);
    await run(sim, 'kubectl create cronjob hello --image=busybox:1.36 --schedule="*/1 * * * *" -- echo hi');
    await run(sim, 'kubectl apply -f web.yaml');
    sim.advance(100);
    const sts = await run(sim, 'kubectl describe sts web');
    expect(mask(sts.stdout)).toBe(`Name:               web
Namespace:          default
CreationTimestamp:  <TS>
Selector:           app=nginx
Labels:             <none>
Annotations:        <none>
Replicas:           2 desired | 1 total
Update Strategy:    RollingUpdate
  Partition:        0
Pods Status:        0 Running / 1 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  app=nginx
  Containers:
   nginx:
    Image:        registry.k8s.io/nginx-slim:0.21
    Port:         80/TCP
    Host Port:    0/TCP
    Environment:  <none>
    Mounts:
      /usr/share/nginx/html from www (rw)
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Volume Claims:
  Name:          www
  StorageClass:  
  Labels:        <none>
  Annotations:   <none>
  Capacity:      1Gi
  Access Modes:  [ReadWriteOnce]
Events:
  Type    Reason            Age   From                    Message
  ----    ------            ----  ----                    -------
  Normal  SuccessfulCreate  <AGE>  statefulset-controller  create Claim www-web-0 Pod web-0 in StatefulSet web success
  Normal  SuccessfulCreate  <AGE>  statefulset-controller  create Pod web-0 in StatefulSet web successful
`);
    const cj = await run(sim, 'kubectl describe cronjob hello');
    expect(cj.stdout).toBe(`Name:                          hello
Namespace:                     default
Labels:                        <none>
Annotations:                   <none>
Schedule:                      */1 * * * *
Concurrency Policy:            Allow
Suspend:                       False
Successful Job History Limit:  3
Failed Job History Limit:      1
Starting Deadline Seconds:     <unset>
Selector:                      <unset>
Parallelism:                   1
Completions:                   1
Pod Template:
  Labels:  <none>
  Containers:
   hello:
    Image:      busybox:1.36
    Port:       <none>
    Host Port:  <none>
    Command:
      echo
      hi
    Environment:     <none>
    Mounts:          <none>
  Volumes:           <none>
  Node-Selectors:    <none>
  Tolerations:       <none>
Last Schedule Time:  <unset>
Active Jobs:         <none>
Events:              <none>
`);
  });

  it('describes a finished Job with its completion and the job-controller events', async () => {
    const sim = createSimulation();
    await run(sim, 'kubectl create job pi --image=perl:5.34.0 -- perl -Mbignum=bpi -wle "print bpi(20)"');
    await run(sim, 'sleep 60');
    const out = (await run(sim, 'kubectl describe job pi')).stdout;
    expect(out).toMatch(/^Name:             pi\nNamespace:        default\nSelector:         batch\.kubernetes\.io\/controller-uid=/);
    expect(out).toContain('Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed\n');
    expect(out).toMatch(/Normal {2}SuccessfulCreate {2}\d+s {3}job-controller {2}Created pod: pi-[a-z0-9]{5}\n {2}Normal {2}Completed +\d+s {3}job-controller {2}Job completed\n$/);
  });
});
