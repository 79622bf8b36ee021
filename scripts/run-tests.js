#!/usr/bin/env node
// Type-checks sources and tests, runs the Jest suite, and ends with one line CI reads:
// "N passed, M failed" (plus ", K skipped" when Jest skipped or todo'd anything).
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
// ts-jest compiles each spec on its own without failing on type errors: the type check is here
const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.json'), '--noEmit'], { stdio: 'inherit', cwd: root });
if (tsc.status !== 0) {
  console.log('type check failed (tsc -p tsconfig.json --noEmit): no tests run');
  console.log('0 passed, 0 failed');
  process.exit(1);
}

const resultsFile = path.join(root, '.jest-results.json');
fs.rmSync(resultsFile, { force: true });
const jestBin = require.resolve('jest/bin/jest');
const run = spawnSync(process.execPath, [jestBin, '--json', `--outputFile=${resultsFile}`, ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: root,
  env: { ...process.env, NODE_ENV: 'test' },
});

let passed = 0;
let failed = 0;
let skipped = 0;
let suitesFailed = 0;
if (fs.existsSync(resultsFile)) {
  const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  passed = results.numPassedTests;
  failed = results.numFailedTests;
  skipped = (results.numPendingTests ?? 0) + (results.numTodoTests ?? 0);
  // a suite that fails to compile or load has no failed tests but must still fail the run
  suitesFailed = results.numRuntimeErrorTestSuites ?? 0;
}
if (suitesFailed > 0) console.log(`${suitesFailed} test suite(s) failed to run`);
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
const ok = run.status === 0 && failed === 0 && suitesFailed === 0 && passed > 0;
process.exit(ok ? 0 : 1);
