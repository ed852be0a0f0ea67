/**
 * Our kubectl against transcripts of the REAL kubectl v1.32 (tests/fixtures/kubectl/*.sh, recorded with
 * tests/tools/capture-kubectl.mjs through contract B): stdout, stderr and exit status, step by step.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFixture, normalize, replay } from './kubectl-fixtures';

const dir = path.join(__dirname, 'fixtures/kubectl');
const scripts = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();

describe.each(scripts)('recorded: %s', (name) => {
  it('matches the real kubectl step by step', async () => {
    const want = loadFixture(name);
    const got = await replay(want);
    const bad: string[] = [];
    for (let i = 0; i < want.length; i++) {
      const w = { ...want[i], stdout: normalize(want[i].stdout), stderr: normalize(want[i].stderr) };
      const g = { ...got[i], stdout: normalize(got[i].stdout), stderr: normalize(got[i].stderr) };
      if (JSON.stringify(w) !== JSON.stringify(g)) bad.push(`$ ${w.cmd}\n--- real (exit ${w.exit})\n${w.stdout}${w.stderr}--- ours (exit ${g.exit})\n${g.stdout}${g.stderr}`);
    }
    if (bad.length && process.env.KUBECTL_DIFF_DIR) fs.writeFileSync(path.join(process.env.KUBECTL_DIFF_DIR, `${name}.txt`), bad.join('\n'));
    expect(bad.join('\n')).toBe('');
  });
});
