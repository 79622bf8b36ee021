/** Unit specs live beside the code (as *.spec.ts under src); e2e and scenario tests in test/. */
const base = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
};

/**
 * The specs whose outcome hangs on dates (sessions, token expiry, dedupe and staleness windows, the
 * roll calendar) run again with the app clock years ahead and years behind the real day, so the
 * suite cannot depend on the day it runs (test/support/test-app.ts reads JT_TEST_NOW).
 */
const TIME_SENSITIVE = [
  '<rootDir>/test/e2e/clock-independence.e2e-spec.ts',
  '<rootDir>/test/e2e/tradovate/tradovate-account-api.e2e-spec.ts',
  '<rootDir>/test/e2e/duplicates-and-staleness.e2e-spec.ts',
];
const shiftedClock = (displayName, now) => ({
  ...base,
  displayName,
  testMatch: TIME_SENSITIVE,
  setupFiles: ['<rootDir>/test/support/shifted-clock.setup.js'],
  globals: { JT_TEST_NOW: now },
});

module.exports = {
  testTimeout: 30000,
  maxWorkers: 2,
  projects: [
    { ...base, displayName: 'suite', testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'] },
    shiftedClock('clock 2031', '2031-06-15T15:00:00.000Z'),
    shiftedClock('clock 2020', '2020-02-14T15:00:00.000Z'),
  ],
};
