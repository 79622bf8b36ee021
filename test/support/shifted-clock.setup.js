// jest.config.js: a project's JT_TEST_NOW global becomes the env var test-app.ts reads
process.env.JT_TEST_NOW = globalThis.JT_TEST_NOW;
