import { RecordersService } from '../../src/modules/recorders/recorders.service';
import { aTradedRecorder, brokerNetPos, ordersInSequence, sendAlert, signalOf } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

const trustProxy = (t: TestApp, value: string | boolean) => t.app.getHttpAdapter().getInstance().set('trust proxy', value);
const signalsWithStatus = async (t: TestApp, recorderId: string, status: string) =>
  (await t.api.get(`/api/signals?recorderId=${recorderId}&status=${status}&limit=1000`).expect(200)).body as Array<{ id: string; reason: string }>;

/** Issue 10 (6): webhook floods are refused with 429 + Retry-After; a refused alert is still on record. */
describe('webhook rate limits', () => {
  describe('per token (JT_WEBHOOK_RATE_PER_MIN=60, JT_WEBHOOK_RATE_BURST=5)', () => {
    let t: TestApp;
    beforeAll(async () => (t = await startTestApp({ env: { JT_WEBHOOK_RATE_PER_MIN: '60', JT_WEBHOOK_RATE_BURST: '5' } })));
    afterAll(() => t.close());

    it('the burst goes through; the rest is 429 with Retry-After, recorded as rate_limited, and never traded', async () => {
      const { account, recorder } = await aTradedRecorder(t);
      const answers = [];
      for (let i = 0; i < 8; i++) answers.push(await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: i % 2 ? 'sell' : 'buy', price: `${21000 + i}.00` }));
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
      const refused = answers[5];
      expect(refused.headers['retry-after']).toBe('1');
      expect(refused.body).toMatchObject({ ok: false, status: 'rate_limited', signalId: expect.any(String) });

      const limited = await signalsWithStatus(t, recorder.id, 'rate_limited');
      expect(limited.map((s) => s.id).sort()).toEqual(answers.slice(5).map((r) => r.body.signalId).sort());
      expect(limited[0].reason).toMatch(/rate limit \(60\/min, burst 5/);
      expect(JSON.parse((await signalOf(t, refused.body.signalId)).rawBody!)).toMatchObject({ action: 'sell', price: '21005.00' });
      // the fifth alert (buy) left the account long 1; the refused sell would have reversed it
      expect(await brokerNetPos(t, account.id)).toBe(1);
    });

    it('a second later one more alert is accepted; other tokens have their own budget', async () => {
      const { recorder } = await aTradedRecorder(t);
      const other = await aTradedRecorder(t);
      for (let i = 0; i < 5; i++) await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'close', price: `${21000 + i}.00` }).expect(200);
      await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'close', price: '21010.00' }).expect(429);
      await sendAlert(t, other.recorder.webhookToken, { ticker: 'MNQ1!', action: 'close' }).expect(200);
      t.clock.advance(1_000);
      await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'close', price: '21011.00' }).expect(200);
      await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'close', price: '21012.00' }).expect(429);
    });
  });

  describe('defaults', () => {
    let t: TestApp;
    beforeAll(async () => (t = await startTestApp()));
    afterAll(() => t.close());

    it('a 100-alert bar-close burst on one token is all taken; the 101st is 429', async () => {
      const { recorder } = await aTradedRecorder(t, { enabled: false });
      // the clock is pinned, so sending one after another is the same burst to the limiter
      const statuses = [];
      for (let i = 0; i < 100; i++) statuses.push((await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: `${21000 + i}.00` })).status);
      expect(statuses.filter((s) => s !== 200)).toEqual([]);
      await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '20000.00' }).expect(429);
    });

    it('unknown tokens: 10 answers of 404 per address, then 429 from memory with no lookup; known tokens and other addresses unaffected', async () => {
      const { recorder } = await aTradedRecorder(t);
      trustProxy(t, 'loopback');
      const lookups = jest.spyOn(t.app.get(RecordersService), 'findByToken');
      const guesses = [];
      for (let i = 0; i < 300; i++) guesses.push(await t.http.post(`/webhook/guess-${i}`).set('X-Forwarded-For', '198.51.100.7').send('buy'));
      expect(guesses.slice(0, 10).map((r) => r.status)).toEqual(Array(10).fill(404));
      expect(new Set(guesses.slice(10).map((r) => r.status))).toEqual(new Set([429]));
      expect(Number(guesses[10].headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(lookups).toHaveBeenCalledTimes(10);
      lookups.mockRestore();

      await t.http.get('/webhook/guess-x').set('X-Forwarded-For', '198.51.100.7').expect(429);
      await t.http.post(`/webhook/${recorder.webhookToken}`).set('X-Forwarded-For', '198.51.100.7').send(JSON.stringify({ ticker: 'MNQ1!', action: 'close' })).expect(200);
      await t.http.post('/webhook/guess-y').set('X-Forwarded-For', '198.51.100.8').send('buy').expect(404);
      t.clock.advance(2_000);
      await t.http.post('/webhook/guess-z').set('X-Forwarded-For', '198.51.100.7').send('buy').expect(404);
    });
  });
});

/** Issue 10: JT_WEBHOOK_ALLOW_IPS, with the client address from req.ip (Express `trust proxy`). */
describe('webhook allow-list', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ env: { JT_WEBHOOK_ALLOW_IPS: 'tradingview, 203.0.113.0/24' } })));
  afterAll(() => t.close());

  it('without trust proxy a forged X-Forwarded-For does not pass: the direct address is not listed, 403, nothing stored', async () => {
    const { account, recorder } = await aTradedRecorder(t);
    trustProxy(t, false);
    const res = await t.http.post(`/webhook/${recorder.webhookToken}`).set('X-Forwarded-For', '52.89.214.238').send('buy MNQ1!').expect(403);
    expect(res.body.error).toMatch(/not accepted from this address/);
    await t.http.get(`/webhook/${recorder.webhookToken}`).expect(403);
    expect((await t.api.get(`/api/signals?recorderId=${recorder.id}`).expect(200)).body).toEqual([]);
    expect(await ordersInSequence(t, account.id)).toEqual([]);
  });

  it('behind a trusted proxy the forwarded address decides: TradingView and listed CIDRs pass, others 403', async () => {
    const { account, recorder } = await aTradedRecorder(t);
    trustProxy(t, 'loopback');
    const post = (from: string, body: object) => t.http.post(`/webhook/${recorder.webhookToken}`).set('X-Forwarded-For', from).send(JSON.stringify(body));
    await post('52.89.214.238', { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
    await post('203.0.113.99', { ticker: 'MNQ1!', action: 'close', price: '21001.00' }).expect(200);
    await post('52.89.214.239', { ticker: 'MNQ1!', action: 'buy', price: '21002.00' }).expect(403);
    // a client cannot prepend a listed address: only the hop the trusted proxy saw counts
    await post('52.89.214.238, 198.51.100.1', { ticker: 'MNQ1!', action: 'buy', price: '21003.00' }).expect(403);
    expect((await ordersInSequence(t, account.id)).map((o) => o.action)).toEqual(['Buy', 'Sell']);
  });
});
