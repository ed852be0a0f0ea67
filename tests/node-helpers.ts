/** Helpers for the node/ssh tests: a session whose commands run on the virtual clock. */
import { createSimulation, type Simulation } from '../src/sim/index';

export interface NodeSim {
  sim: Simulation;
  /** Run one command line on the shell on top of the stack; output is stdout+stderr interleaved. */
  run(cmd: string): Promise<{ out: string; code: number }>;
  /** Let virtual time pass. */
  advance(ms: number): void;
  nodeReady(name: string): string | undefined;
  node(name: string): Record<string, any> | undefined;
}

export function nodeSim(scenario?: string): NodeSim {
  const sim = createSimulation({ scenario, watchLimitMs: 5_000 });
  const api = sim.cluster.client('test');
  const node = (name: string) => {
    try {
      return api.get('nodes', undefined, name) as Record<string, any>;
    } catch {
      return undefined;
    }
  };
  return {
    sim,
    async run(cmd) {
      let out = '';
      const code = await sim.shell.run(cmd, { stdout: (s) => void (out += s), stderr: (s) => void (out += s) });
      return { out, code };
    },
    advance: (ms) => sim.advance(ms),
    node,
    nodeReady: (name) => node(name)?.status?.conditions?.find((c: { type: string }) => c.type === 'Ready')?.status,
  };
}
