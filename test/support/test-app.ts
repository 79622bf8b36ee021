import { INestApplication } from '@nestjs/common';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import request from 'supertest';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { EventBus } from '../../src/core/bus/event-bus';
import { FixedClock } from '../../src/core/clock';
import { createHttpApp } from '../../src/http-app';

export const TEST_API_KEY = 'test-api-key-0123456789';
export const TEST_ADMIN_PASSWORD = 'correct horse battery';

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
  const clock = new FixedClock(new Date(options.now ?? '2026-11-30T15:00:00.000Z'));
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
