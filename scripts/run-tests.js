#!/usr/bin/env node
// Runs the Jest suite and ends with one line CI reads: "N passed, M failed".
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const resultsFile = path.join(__dirname, '..', '.jest-results.json');
fs.rmSync(resultsFile, { force: true });
const jestBin = require.resolve('jest/bin/jest');
const run = spawnSync(process.execPath, [jestBin, '--json', `--outputFile=${resultsFile}`, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'test' },
});

let passed = 0;
let failed = 0;
let suitesFailed = 0;
if (fs.existsSync(resultsFile)) {
  const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  passed = results.numPassedTests;
  failed = results.numFailedTests;
  // a suite that fails to compile or load has no failed tests but must still fail the run
  suitesFailed = results.numRuntimeErrorTestSuites ?? 0;
}
if (suitesFailed > 0) console.log(`${suitesFailed} test suite(s) failed to run`);
console.log(`${passed} passed, ${failed} failed`);
const ok = run.status === 0 && failed === 0 && suitesFailed === 0 && passed > 0;
process.exit(ok ? 0 : 1);
