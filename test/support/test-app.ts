import { INestApplication } from '@nestjs/common';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import request from 'supertest';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { EventBus } from '../../src/core/bus/event-bus';
import { FixedClock } from '../../src/core/clock';
import { resolveContract } from '../../src/core/contracts';
import { createHttpApp } from '../../src/http-app';

export const TEST_API_KEY = 'test-api-key-0123456789';
export const TEST_ADMIN_PASSWORD = 'correct horse battery';

/**
 * The test clock's start: JT_TEST_NOW when set (jest.config.js runs the time-sensitive specs again
 * years ahead and behind, so no test depends on the day it runs), else a fixed day.
 */
export const TEST_NOW = testNow(process.env.JT_TEST_NOW);

function testNow(raw: string | undefined): string {
  if (raw === undefined || raw === '') return '2026-11-30T15:00:00.000Z';
  const ms = Date.parse(raw);
  if (!Number.isFinite(ms)) throw new Error(`JT_TEST_NOW must be an ISO date-time such as 2031-06-15T15:00:00Z, got "${raw}"`);
  return new Date(ms).toISOString();
}

/** What MNQ1! means on TEST_NOW (MNQZ6 on the default day). */
export const TEST_MNQ = resolveContract('MNQ1!', new Date(TEST_NOW)).name;

/** TEST_NOW moved by some seconds, as an alert's fire time. */
export function testTime(offsetSec: number): string {
  return new Date(Date.parse(TEST_NOW) + offsetSec * 1000).toISOString();
}

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  dataDir: string;
  clock: FixedClock;
  config: AppConfig;
  /** waits until every bus handler has finished (orders placed, fills recorded) */
  settle(): Promise<void>;
  /** request with the API key */
  api: {
    get(url: string): request.Test;
    post(url: string, body?: object): request.Test;
    patch(url: string, body?: object): request.Test;
    delete(url: string): request.Test;
  };
  close(): Promise<void>;
}

/** The real app on a real SQLite file in a fresh temp directory, with a pinned clock. */
export async function startTestApp(options: { dataDir?: string; env?: Record<string, string>; now?: string } = {}): Promise<TestApp> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'jt-test-'));
  const config = loadConfig({ JT_DATA_DIR: dataDir, JT_API_KEY: TEST_API_KEY, JT_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, LOG_LEVEL: 'error', ...options.env });
  const clock = new FixedClock(new Date(options.now ?? TEST_NOW));
  const app = await createHttpApp(config, clock, false);
  await app.init();
  const server = app.getHttpServer();
  const bus = app.get(EventBus);
  const auth = (t: request.Test) => t.set('Authorization', `Bearer ${TEST_API_KEY}`);
  return {
    app,
    http: request(server),
    dataDir,
    clock,
    config,
    settle: () => bus.whenIdle(),
    api: {
      get: (url) => auth(request(server).get(url)),
      post: (url, body) => auth(request(server).post(url)).send(body ?? {}),
      patch: (url, body) => auth(request(server).patch(url)).send(body ?? {}),
      delete: (url) => auth(request(server).delete(url)),
    },
    close: async () => {
      await bus.whenIdle();
      await app.close();
    },
  };
}
