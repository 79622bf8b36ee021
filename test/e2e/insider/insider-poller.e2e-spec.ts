import { EventBus } from '../../../src/core/bus/event-bus';
import { InsiderSignalRaised } from '../../../src/core/bus/events';
import { InsiderPollerService } from '../../../src/modules/insider/poller/insider-poller.service';
import { FakeEdgarServer } from '../../fakes/edgar/fake-edgar-server';
import { TestApp } from '../../support/test-app';
import { startInsiderApp, TEST_SEC_AGENT } from './insider-harness';

describe('the EDGAR poller against the fake EDGAR', () => {
  let fake: FakeEdgarServer;
  let t: TestApp;
  beforeEach(async () => {
    fake = new FakeEdgarServer();
    await fake.start();
  });
  afterEach(async () => {
    await t?.close();
    await fake.stop();
  });

  const poller = () => t.app.get(InsiderPollerService);
  const signals = async () => (await t.api.get('/api/insider/signals?sort=date&dir=asc').expect(200)).body as { accession: string; score: number; ticker: string }[];

  it('pages through the feeds, stores each filing once (entries come once per party), scores them and records the unreadable one', async () => {
    t = await startInsiderApp(fake);
    // page size 3: the Form 4 feed (4 filings x 2 parties = 8 entries) spans three pages
    const report = await poller().pollOnce({ pageSize: 3 });
    expect(report).toMatchObject({ queued: 6, stored: 5, failed: 1, error: null });
    expect(fake.requestsTo(/type=4&.*start=3&/)).toHaveLength(1);
    expect(fake.requestsTo(/type=4&.*start=6&/)).toHaveLength(1);
    const list = await signals();
    expect(list.map((s) => [s.accession, s.ticker, s.score])).toEqual([
      ['0009100003-26-000044', 'BRBT', 0],
      ['0009200003-26-000020', 'BRBT', 25],
      ['0009100001-26-000101', 'ACMW', 64],
      ['0009200001-26-000003', 'DNMF', 85],
      // the director's buy came after the CEO's: a cluster of two (64 would be 46 alone + 8)
      ['0009100002-26-000102', 'ACMW', 54],
    ]);
    const failures = (await t.api.get('/api/insider/failures').expect(200)).body;
    expect(failures).toEqual([expect.objectContaining({ accession: '0009100099-26-000007', status: 'failed', failureReason: expect.stringMatching(/^malformed XML: document ends inside/) })]);
    // every request declared who we are
    expect(fake.requests.every((r) => r.userAgent === TEST_SEC_AGENT)).toBe(true);
  });

  it('a restart polls again without storing anything twice, and picks up only what is new', async () => {
    t = await startInsiderApp(fake);
    await poller().pollOnce();
    const dataDir = t.dataDir;
    await t.close();
    fake.addFiling({
      accession: '0009100004-26-000200', formType: '4', acceptedAt: '2026-11-25T09:00:00-05:00',
      issuer: { cik: '0009000002', name: 'Borealis Robotics Corp' }, owners: [{ cik: '0009100004', name: 'Lindqvist Erik' }],
      fixture: 'form4-rsu-M-no-price-F-G-S-uppercase-plan.xml', primaryName: 'form4.xml',
    });
    t = await startInsiderApp(fake, { dataDir });
    const report = await poller().pollOnce();
    expect(report).toMatchObject({ queued: 1, stored: 1, failed: 0 });
    const list = await signals();
    expect(list).toHaveLength(6);
    expect(new Set(list.map((s) => s.accession)).size).toBe(6);
  });

  it('a crash after queuing loses nothing: the queued filings are stored on the next start', async () => {
    t = await startInsiderApp(fake);
    fake.fail(/\/Archives\//, 503, 1000); // the archive is down: filings are seen and queued, not stored
    const first = await poller().pollOnce();
    expect(first.queued).toBe(6);
    expect(await signals()).toHaveLength(0);
    const dataDir = t.dataDir;
    await t.close();
    fake.clearFaults();
    // the clock moves past the retry time
    t = await startInsiderApp(fake, { dataDir, now: '2026-11-25T16:00:00.000Z' });
    const second = await poller().pollOnce();
    expect(second).toMatchObject({ queued: 0, stored: 5, failed: 1 });
  });

  it('backs off on a 429 and then carries on', async () => {
    t = await startInsiderApp(fake);
    fake.fail(/type=4&/, 429, 1, { retryAfter: 1 });
    const report = await poller().pollOnce();
    expect(report).toMatchObject({ stored: 5, error: null });
    const feed4 = fake.requestsTo(/type=4&/);
    expect(feed4[0].status).toBe(429);
    expect(feed4[1].status).toBe(200);
    expect(feed4[1].at - feed4[0].at).toBeGreaterThanOrEqual(950);
  });

  it('stops all SEC traffic after the "Request Rate Threshold Exceeded" 403 instead of retrying', async () => {
    t = await startInsiderApp(fake);
    fake.fail(/type=4&/, 403, 1);
    const report = await poller().pollOnce();
    expect(report.error).toMatch(/SEC rate limit was reached; EDGAR traffic is paused/);
    const after403 = fake.requests.findIndex((r) => r.status === 403);
    expect(fake.requests.slice(after403 + 1)).toEqual([]);
  });

  it('never sends more than 10 requests in any one-second window', async () => {
    t = await startInsiderApp(fake);
    await poller().pollOnce({ pageSize: 2 }); // ~30 requests
    const times = fake.requests.map((r) => r.at);
    expect(times.length).toBeGreaterThan(20);
    for (let i = 0; i < times.length; i++) {
      const inWindow = times.filter((at) => at >= times[i] && at < times[i] + 1000).length;
      expect(inWindow).toBeLessThanOrEqual(10);
    }
  });

  it('raises insider_signal for a watched ticker at or above its threshold, once', async () => {
    t = await startInsiderApp(fake);
    await t.api.post('/api/insider/watchlist', { ticker: 'DNMF', alertThreshold: 80 }).expect(201);
    await t.api.post('/api/insider/watchlist', { ticker: 'acmw', alertThreshold: 70 }).expect(201);
    const raised: InsiderSignalRaised[] = [];
    t.app.get(EventBus).on('InsiderSignalRaised', 'test', (e) => void raised.push(e));
    await poller().pollOnce();
    await t.settle();
    expect(raised.map((e) => [e.ticker, e.score, e.kind])).toEqual([['DNMF', 85, 'stake']]);
    await poller().pollOnce();
    await t.settle();
    expect(raised).toHaveLength(1);
  });
});
