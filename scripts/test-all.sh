#!/usr/bin/env bash
# Runs every test: unit/integration (Vitest) and browser tests on the built site (Chromium).
# Ends with one line `N passed, N failed` (plus skipped), which CI reads.
set -u
cd "$(dirname "$0")/.."
mkdir -p test-results
rm -f test-results/unit.json test-results/e2e.json

npx vitest run --reporter=default --reporter=json --outputFile=test-results/unit.json
unit=$?

E2E_BUILD=${E2E_BUILD:-1} npx vitest run --config e2e/vitest.config.ts --reporter=default --reporter=json --outputFile=test-results/e2e.json
e2e=$?

node scripts/summarize-tests.mjs test-results/unit.json test-results/e2e.json
summary=$?
if [ $unit -ne 0 ] || [ $e2e -ne 0 ] || [ $summary -ne 0 ]; then exit 1; fi
exit 0
