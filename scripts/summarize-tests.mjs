// Adds up Vitest JSON reports and prints `N passed, N failed, N skipped` as the last line.
// A missing report (the runner crashed) counts as one failure.
import fs from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
for (const file of process.argv.slice(2)) {
  if (!fs.existsSync(file)) {
    console.log(`missing test report: ${file}`);
    failed++;
    continue;
  }
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += r.numFailedTests ?? 0;
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  // a test file that failed to load has no test results but a failed suite
  for (const s of r.testResults ?? []) {
    if (s.status === 'failed' && (s.assertionResults ?? []).length === 0) {
      failed++;
      failures.push(`${s.name}: ${(s.message ?? '').split('\n')[0].slice(0, 300)}`);
    }
    for (const a of s.assertionResults ?? []) {
      if (a.status !== 'failed') continue;
      const why = (a.failureMessages ?? []).join(' ').split('\n')[0].slice(0, 300);
      failures.push(`${s.name} › ${a.fullName}: ${why}`);
    }
  }
}
// the failures are named just above the last line, where a CI log's tail shows them
for (const f of failures) console.log(`FAILED ${f}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed ? 1 : 0);
