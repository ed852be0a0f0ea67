/**
 * Containers the runtime has not created yet wait in PodInitializing when the pod has init
 * containers (kubelet convertToAPIContainerStatuses: hasInitContainers), init and app containers
 * alike; the init-containers concept page shows init-mydb and myapp-container that way.
 */
import { describe, expect, it } from 'vitest';
import { sim } from './cluster-helpers';

describe('waiting reasons with init containers', () => {
  it('a later init container and the app container wait in PodInitializing', async () => {
    const s = sim();
    s.api.create('pods', 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'myapp-pod' },
      spec: {
        initContainers: [
          { name: 'init-myservice', image: 'busybox:1.28', command: ['sh', '-c', 'sleep 30'] },
          { name: 'init-mydb', image: 'busybox:1.28', command: ['sh', '-c', 'true'] },
        ],
        containers: [{ name: 'myapp-container', image: 'busybox:1.28', command: ['sh', '-c', 'sleep 3600'] }],
      },
    });
    await s.settledUntil(() => !!s.pod('myapp-pod')?.status?.initContainerStatuses?.[0]?.state?.running, 30_000, 'first init container running');
    await s.settledAdvance(2000);
    const st = s.pod('myapp-pod')!.status;
    expect(st.initContainerStatuses[1].state).toEqual({ waiting: { reason: 'PodInitializing' } });
    expect(st.containerStatuses[0].state).toEqual({ waiting: { reason: 'PodInitializing' } });
  });

  it('without init containers a container being created waits in ContainerCreating', () => {
    const s = sim();
    s.api.create('pods', 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'perl:5.34.0', command: ['sleep', '3600'] }] } });
    s.until(() => !!s.pod('p')?.status?.containerStatuses, 30_000, 'status');
    expect(s.pod('p')!.status.containerStatuses[0].state).toEqual({ waiting: { reason: 'ContainerCreating' } });
  });
});
