import { InsiderParseCommand } from '../../../src/commands/insider-parse.command';
import { progressBar } from '../../../src/commands/insider-backfill.command';
import { InsiderPollerService } from '../../../src/modules/insider/poller/insider-poller.service';
import { WatchlistBackfill } from '../../../src/modules/insider/watchlist/watchlist-backfill.service';
import { FakeEdgarServer } from '../../fakes/edgar/fake-edgar-server';
import { fixturePath } from '../../fakes/edgar/fixture-files';
import { startTestApp, TestApp } from '../../support/test-app';
import { startInsiderApp } from './insider-harness';

describe('/api/insider', () => {
  let fake: FakeEdgarServer;
  let t: TestApp;
  beforeAll(async () => {
    fake = new FakeEdgarServer();
    await fake.start();
    t = await startInsiderApp(fake);
    await t.app.get(InsiderPollerService).pollOnce();
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });

  it('filters: score >= N, form type, purchases only; sorts by score, value, ticker', async () => {
    const high = (await t.api.get('/api/insider/signals?minScore=60&sort=score&dir=desc').expect(200)).body;
    expect(high.map((s: { ticker: string; score: number }) => [s.ticker, s.score])).toEqual([['DNMF', 85], ['ACMW', 64]]);
    const stakes = (await t.api.get('/api/insider/signals?form=13G').expect(200)).body;
    expect(stakes.map((s: { formType: string }) => s.formType)).toEqual(['SCHEDULE 13G']);
    const buys = (await t.api.get('/api/insider/signals?purchases=true&sort=value&dir=desc').expect(200)).body;
    expect(buys.map((s: { valueUsd: string }) => s.valueUsd)).toEqual(['252000.00', '49000.00']);
    const byTicker = (await t.api.get('/api/insider/signals?sort=ticker&dir=asc').expect(200)).body;
    expect(byTicker.map((s: { ticker: string }) => s.ticker)).toEqual(['ACMW', 'ACMW', 'BRBT', 'BRBT', 'DNMF']);
  });

  it('a signal in full: transactions, footnotes, score breakdown, sec.gov links, and a clear "price unavailable"', async () => {
    const [ceo] = (await t.api.get('/api/insider/signals?ticker=ACMW&minScore=60').expect(200)).body;
    const detail = (await t.api.get(`/api/insider/signals/${ceo.id}`).expect(200)).body;
    expect(detail.secUrl).toBe('https://www.sec.gov/Archives/edgar/data/9000001/000910000126000101/0009100001-26-000101-index.htm');
    expect(detail.documentUrl).toBe('https://www.sec.gov/Archives/edgar/data/9000001/000910000126000101/form4.xml');
    expect(detail.filing.transactions).toHaveLength(2);
    expect(detail.filing.transactions[0].footnotes[0]).toMatchObject({ field: 'price', id: 'F1' });
    expect(detail.scoreDetail.factors.map((f: { name: string }) => f.name)).toContain('size vs holding');
    expect(detail.price).toEqual({ status: 'unavailable', ticker: 'ACMW', reason: 'no price source configured (JT_PRICE_URL)' });
  });

  it('the 13D signal carries the ticker resolved from the SEC map by CIK', async () => {
    const [stake] = (await t.api.get('/api/insider/signals?form=13D').expect(200)).body;
    expect(stake).toMatchObject({ ticker: 'DNMF', issuerName: 'Dunmore Foods, Inc.', score: 85, kind: 'stake' });
  });

  it('bad filters and ids are 400s with a clear message', async () => {
    expect((await t.api.get('/api/insider/signals?minScore=101').expect(400)).body.message).toEqual(['minScore must be a whole number from 0 to 100']);
    expect((await t.api.get('/api/insider/signals?sort=price').expect(400)).body.message).toEqual(['sort must be one of score, date, ticker, value']);
    expect((await t.api.get('/api/insider/signals?form=10-K').expect(400)).body.message).toEqual(['form must be one of 3, 4, 5, 4/A, 13D, 13G']);
    await t.api.get('/api/insider/signals/not-a-uuid').expect(400);
    await t.api.get('/api/insider/signals/6f1c1d1e-0000-4000-8000-000000000000').expect(404);
  });

  it('watchlist: add (with a 90-day backfill), change the threshold, remove; bad input changes nothing', async () => {
    const added = (await t.api.post('/api/insider/watchlist', { ticker: 'brbt', alertThreshold: 60 }).expect(201)).body;
    expect(added).toMatchObject({ ticker: 'BRBT', alertThreshold: 60, backfillStatus: 'running' });
    await t.app.get(WatchlistBackfill).idle();
    const [watch] = (await t.api.get('/api/insider/watchlist').expect(200)).body;
    expect(watch).toMatchObject({ ticker: 'BRBT', cik: '0009000002', backfillStatus: expect.stringMatching(/2 filings in 90 days, 0 new$/) });
    expect(fake.requestsTo(/\/submissions\/CIK0009000002\.json/)).toHaveLength(1);

    await t.api.post('/api/insider/watchlist', { ticker: 'BRBT' }).expect(409);
    expect((await t.api.post('/api/insider/watchlist', { ticker: 'no spaces!' }).expect(400)).body.message).toEqual(['ticker must be 1-10 letters, digits, dots or dashes, e.g. ACMW or BRK-B']);
    expect((await t.api.post('/api/insider/watchlist', { ticker: 'ELMQ', alertThreshold: 150 }).expect(400)).body.message).toEqual(['alertThreshold must be a whole number from 0 to 100']);
    await t.api.patch('/api/insider/watchlist/BRBT', { alertThreshold: 'high' }).expect(400);
    expect((await t.api.get('/api/insider/watchlist').expect(200)).body).toEqual([expect.objectContaining({ ticker: 'BRBT', alertThreshold: 60 })]);

    expect((await t.api.patch('/api/insider/watchlist/brbt', { alertThreshold: 75 }).expect(200)).body).toMatchObject({ alertThreshold: 75 });
    const watched = (await t.api.get('/api/insider/signals?watchlist=true').expect(200)).body;
    expect(new Set(watched.map((s: { ticker: string }) => s.ticker))).toEqual(new Set(['BRBT']));
    await t.api.delete('/api/insider/watchlist/BRBT').expect(204);
    await t.api.delete('/api/insider/watchlist/BRBT').expect(404);
    expect((await t.api.get('/api/insider/signals?watchlist=true').expect(200)).body).toEqual([]);
  });

  it('needs the API key', async () => {
    await t.http.get('/api/insider/signals').expect(401);
    await t.http.get('/insider').expect(302);
  });
});

describe('backfill of a new ticker', () => {
  it('stores the ticker\'s last 90 days from its submissions JSON and reports progress', async () => {
    const fake = new FakeEdgarServer();
    await fake.start();
    const t = await startInsiderApp(fake);
    try {
      const progress: string[] = [];
      const { BackfillService } = await import('../../../src/modules/insider/poller/backfill.service');
      const report = await t.app.get(BackfillService).backfill('acmw', (done, total) => progress.push(progressBar(done, total, 4)));
      expect(report).toMatchObject({ ticker: 'ACMW', cik: '0009000001', found: 2, stored: 2, failed: 0, alreadyStored: 0 });
      expect(progress).toEqual(['[....] 0/2 filings', '[##..] 1/2 filings', '[####] 2/2 filings']);
      await expect(t.app.get(BackfillService).backfill('ZZZZ')).rejects.toThrow('ZZZZ is not in the SEC ticker map');
    } finally {
      await t.close();
      await fake.stop();
    }
  });
});

describe('without JT_SEC_USER_AGENT', () => {
  it('the app starts, the poller stays off, the page says how to turn it on, and nothing reaches EDGAR', async () => {
    const t = await startTestApp();
    try {
      const page = await t.http.get('/insider').set('Authorization', 'Bearer test-api-key-0123456789').expect(200);
      expect(page.text).toContain('EDGAR polling is off: set JT_SEC_USER_AGENT');
      const added = (await t.api.post('/api/insider/watchlist', { ticker: 'ACMW' }).expect(201)).body;
      expect(added.backfillStatus).toMatch(/^not run: set JT_SEC_USER_AGENT/);
    } finally {
      await t.close();
    }
  });
});

describe('npm run cli -- insider:parse <file>', () => {
  it('prints the parsed filing with its score as JSON', async () => {
    const out = await captured(() => new InsiderParseCommand().run([fixturePath('form4a-amendment-complete-submission.txt')]));
    const report = JSON.parse(out);
    expect(report).toMatchObject({ ok: true, accession: '0009100001-26-000140', filing: { formType: '4/A', issuer: { cik: '0009000001', ticker: 'ACMW' } }, score: { kind: 'buy', score: 64 } });
    expect(report.filing.transactions[0]).toMatchObject({ table: 'nonDerivative', code: 'P', date: '2026-11-20', shares: '20000', price: '12.6', acquiredDisposed: 'A', sharesOwnedAfter: '60000', directOrIndirect: 'D', under10b5One: false });
  });

  it('a malformed document prints the failure and exits non-zero', async () => {
    const out = await captured(() => new InsiderParseCommand().run([fixturePath('form4-malformed-mismatched-tags.xml')]));
    expect(JSON.parse(out)).toMatchObject({ ok: false, error: expect.stringMatching(/^malformed XML/) });
    expect(process.exitCode).toBe(3);
    process.exitCode = 0;
  });

  it('a missing file is an input error', async () => {
    await expect(new InsiderParseCommand().run(['/nonexistent/form4.xml'])).rejects.toThrow('no such file: /nonexistent/form4.xml');
  });
});

async function captured(run: () => Promise<void>): Promise<string> {
  const lines: string[] = [];
  const spy = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return lines.join('\n');
}
