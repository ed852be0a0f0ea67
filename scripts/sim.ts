/**
 * Contract A (DESIGN.md): run shell text from stdin in one simulated cluster, one JSON line per step.
 *
 *   npm run --silent sim -- [--scenario NAME] [--mount DIR] [--step SECONDS] [--seed N] < commands.sh
 *
 * A step is one line, or a line plus the lines its here-documents, quotes, continuations or open
 * compound commands consume (grouped with the shell's own parser). Blank and comment-only steps are
 * skipped. After each step `--step` seconds of virtual "think time" pass (default 5).
 */
import { createSimulation } from '../src/sim/index';
import { mountDirectory } from './mount-files';

function usage(msg: string): never {
  process.stderr.write(`sim: ${msg}\nusage: npm run --silent sim -- [--scenario NAME] [--mount DIR] [--step SECONDS] [--seed N]\n`);
  process.exit(2);
}

function parseOptions(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--(scenario|mount|step|seed)(?:=(.*))?$/.exec(a);
    if (!m) usage(`unknown argument ${a}`);
    const v = m[2] ?? argv[++i];
    if (v === undefined) usage(`--${m[1]} needs a value`);
    out[m[1]] = v;
  }
  return out;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Strip terminal escape sequences (colours, cursor movement, OSC titles). */
export function stripAnsi(s: string): string {
  return s
    .replace(/\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g, '')
    .replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '')
    .replace(/\x1b[()][0-9A-Za-z]/g, '')
    .replace(/\x1b[=>78DEHMc]/g, '');
}

/** Group input lines into steps with the shell's needsMore. */
function steps(text: string, needsMore: (t: string) => boolean): string[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const out: string[] = [];
  let acc: string[] = [];
  for (const line of lines) {
    acc.push(line);
    const step = acc.join('\n');
    if (needsMore(step)) continue;
    acc = [];
    if (step.split('\n').every((l) => l.trim() === '' || l.trim().startsWith('#'))) continue;
    out.push(step);
  }
  if (acc.length) out.push(acc.join('\n'));
  return out;
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const stepSeconds = o.step === undefined ? 5 : Number(o.step);
  if (!Number.isFinite(stepSeconds) || stepSeconds < 0) usage(`bad --step ${o.step}`);
  const seed = o.seed === undefined ? undefined : Number(o.seed);
  if (seed !== undefined && !Number.isInteger(seed)) usage(`bad --seed ${o.seed}`);
  const mount = o.mount ? mountDirectory(o.mount) : undefined;
  const sim = createSimulation({ scenario: o.scenario, seed, files: mount?.files, cwd: mount?.root, watchLimitMs: 30_000 });
  const input = await readStdin();
  for (const step of steps(input, (t) => sim.shell.needsMore(t))) {
    let out = '';
    const io = { stdout: (s: string) => void (out += s), stderr: (s: string) => void (out += s) };
    const exit = await sim.shell.run(step, io);
    process.stdout.write(JSON.stringify({ cmd: step, out: stripAnsi(out), exit }) + '\n');
    await sim.advanceSettled(stepSeconds * 1000);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`sim: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
