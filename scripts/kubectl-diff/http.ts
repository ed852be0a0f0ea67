/**
 * Serve a Cluster's apiserver over HTTP for the real kubectl (contract B), with the virtual clock
 * moving only while a watch is open — so the served cluster stays in step with a twin cluster.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Cluster } from '../../src/sim/cluster/cluster';
import { apiRequestListener } from '../lib/http-apiserver';

export interface Served {
  url: string;
  close(): Promise<void>;
}

export async function serveFrozen(cluster: Cluster): Promise<Served> {
  let watches = 0;
  const tick = setInterval(() => {
    if (watches > 0) cluster.clock.advance(100);
  }, 5);
  const server = http.createServer(apiRequestListener(cluster.apiserver, { watchOpened: () => void watches++, watchClosed: () => void watches-- }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(tick);
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
