import { FakeTradovate, FakeTradovateOptions, startFakeTradovate } from '../../fakes/tradovate/fake-tradovate-server';
import { FixedClock } from '../../../src/core/clock';
import { startTestApp, TEST_NOW, TestApp } from '../../support/test-app';

/** The real app with its Tradovate hosts pointed at a fake Tradovate on 127.0.0.1. */
export async function startAppWithFake(fakeOptions: FakeTradovateOptions = {}, env: Record<string, string> = {}): Promise<{ t: TestApp; fake: FakeTradovate }> {
  // the fake keeps the app's time, as Tradovate and a real server share the calendar (token expiry)
  let clock: FixedClock | undefined;
  const fake = await startFakeTradovate({ now: () => clock?.now() ?? new Date(TEST_NOW), ...fakeOptions });
  const t = await startTestApp({
    env: { TRADOVATE_DEMO_URL: fake.restBase, TRADOVATE_LIVE_URL: fake.liveRestBase, TRADOVATE_MD_URL: fake.mdWsUrl, TRADOVATE_TIMEOUT_MS: '3000', ...env },
  });
  clock = t.clock;
  return { t, fake };
}

export const DEMO_LOGIN = {
  username: 'jt.trader',
  password: 'fake-password',
  appId: 'JustTrades',
  appVersion: '1.0',
  cid: 8,
  sec: 'fake-api-secret-0123456789abcdef',
  deviceId: 'jt-e2e-device',
};

let counter = 0;

export async function aTradovateAccount(t: TestApp, body: Record<string, unknown> = {}) {
  const res = await t.api.post('/api/accounts', { name: `Tradovate ${++counter}`, broker: 'tradovate', environment: 'demo', ...DEMO_LOGIN, ...body }).expect(201);
  return res.body as { id: string; name: string; status: string };
}

export type AccountView = { id: string; status: string; lastError: string | null; tokenExpiresAt: string | null; brokerAccountName: string | null; brokerAccountRef: string; statusDetail: string | null };

/** Polls GET /api/accounts/:id until the connection settles (connected or error). */
export async function settledAccount(t: TestApp, id: string, timeoutMs = 10_000): Promise<AccountView> {
  return eventually(async () => {
    const body = (await t.api.get(`/api/accounts/${id}`).expect(200)).body as AccountView;
    if (body.status === 'connecting') throw new Error(`account ${id} still connecting`);
    return body;
  }, timeoutMs);
}

/** Retries `check` until it stops throwing: socket events arrive after the HTTP call returns. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 8_000, stepMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, stepMs));
    }
  }
}
