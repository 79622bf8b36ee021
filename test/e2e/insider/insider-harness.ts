import { FakeEdgarServer } from '../../fakes/edgar/fake-edgar-server';
import { startTestApp, TestApp } from '../../support/test-app';

export const TEST_SEC_AGENT = 'Just Trades tests ops@example.com';

/** The app wired to a fake EDGAR on 127.0.0.1, with the scheduled poller off (tests poll by hand). */
export async function startInsiderApp(fake: FakeEdgarServer, options: { dataDir?: string; env?: Record<string, string>; now?: string } = {}): Promise<TestApp> {
  return startTestApp({
    dataDir: options.dataDir,
    now: options.now ?? '2026-11-25T15:00:00.000Z',
    env: { JT_SEC_USER_AGENT: TEST_SEC_AGENT, JT_SEC_WWW_URL: fake.url, JT_SEC_DATA_URL: fake.url, JT_INSIDER_POLL: 'off', JT_PRICE_URL: 'none', ...options.env },
  });
}
