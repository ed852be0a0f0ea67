/**
 * Contract B (DESIGN.md): the simulated kube-apiserver over plain HTTP on 127.0.0.1, so the real
 * kubectl can drive our cluster. The virtual clock follows wall time.
 *
 *   npm run --silent apiserver -- --port 18080 [--scenario default] [--seed 1] [--start ISO-TIME]
 *
 * The cluster is created at the current wall time (or at --start), so the ages the real kubectl
 * computes from its own clock are the cluster's ages.
 */
import http from 'node:http';
import { Cluster } from '../src/sim/cluster/cluster';
import { loadDescriptions } from '../src/sim/api/schema';
import { apiRequestListener } from './lib/http-apiserver';

const args = process.argv.slice(2);
const opt = (name: string, d?: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : d;
};
const port = Number(opt('port', '18080'));
const start = opt('start');
const startTime = start ? Date.parse(start) : Math.floor(Date.now() / 1000) * 1000;
if (!Number.isFinite(startTime)) {
  process.stderr.write(`--start: not a time: ${start}\n`);
  process.exit(2);
}
const cluster = new Cluster({ scenario: opt('scenario'), seed: Number(opt('seed', '1')), startTime });

// virtual time follows wall time from here on
let last = Date.now();
setInterval(() => {
  const now = Date.now();
  cluster.clock.advance(now - last);
  last = now;
}, 50).unref();

const server = http.createServer(apiRequestListener(cluster.apiserver));
await loadDescriptions();
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`listening on http://127.0.0.1:${port}\n`);
});
