import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import request from 'supertest';
import { buildDist, freePort, ServerProcess, startServerProcess, waitFor } from '../support/server-process';

/**
 * The real server process gets SIGTERM in the middle of a burst of 300 alerts. From the first 503
 * on, no alert is accepted any more (TradingView keeps it for a retry); and every alert that was
 * answered `accepted` ends, after a restart on the same data, `processed` (worked at the broker) or
 * `stale` with a reason: none stays `accepted`, no order goes out twice.
 */
const KEY = 'sigterm-test-api-key-0123';
const BURST = 300;
const SENDERS = 10;
const SIGTERM_AFTER = 80;

type Answer = { index: number; sentAfterFirst503: boolean; http: number | 'refused'; status?: string; signalId?: string };

describe('SIGTERM in the middle of a burst of alerts', () => {
  let dataDir: string;
  let port: number;
  let server: ServerProcess | null = null;
  const api = () => request(`http://127.0.0.1:${port}`);
  const auth = (t: request.Test) => t.set('Authorization', `Bearer ${KEY}`);
  const env = (extra: Record<string, string>) => ({ JT_DATA_DIR: dataDir, JT_API_KEY: KEY, JT_ADMIN_PASSWORD: 'sigterm-password', ...extra });

  beforeAll(() => buildDist(), 120_000);

  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jt-sigterm-'));
    port = await freePort();
  });

  afterEach(() => {
    server?.child.kill('SIGKILL');
    server = null;
  });

  async function sendBurst(token: string, onAnswered: (count: number) => void): Promise<Answer[]> {
    const answers: Answer[] = [];
    let next = 0;
    let first503 = false;
    const sender = async () => {
      for (let index = next++; index < BURST; index = next++) {
        const sentAfterFirst503 = first503;
        // alternate sides at distinct prices: every alert is a new signal, none a duplicate
        const body = JSON.stringify({ ticker: 'MNQ1!', action: index % 2 === 0 ? 'buy' : 'sell', price: (21000 + index * 0.25).toFixed(2) });
        try {
          const res = await fetch(`http://127.0.0.1:${port}/webhook/${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
          const json = (await res.json().catch(() => ({}))) as { status?: string; signalId?: string };
          if (res.status === 503) first503 = true;
          answers.push({ index, sentAfterFirst503, http: res.status, status: json.status, signalId: json.signalId });
        } catch {
          answers.push({ index, sentAfterFirst503, http: 'refused' });
        }
        onAnswered(answers.length);
      }
    };
    await Promise.all(Array.from({ length: SENDERS }, sender));
    return answers;
  }

  it('answers 503 once shutdown began, and every accepted signal ends processed or stale after the restart', async () => {
    server = await startServerProcess(port, env({ JT_PAPER_LATENCY_MS: '30', JT_SHUTDOWN_DRAIN_SEC: '1', JT_WEBHOOK_RATE_BURST: '1000' }));
    const account = (await auth(api().post('/api/accounts')).send({ name: 'Paper', broker: 'paper' }).expect(201)).body;
    const recorder = (await auth(api().post('/api/recorders')).send({ name: 'Burst', symbol: 'MNQ1!', quantity: 1 }).expect(201)).body;
    await auth(api().post('/api/traders')).send({ recorderId: recorder.id, accountId: account.id }).expect(201);

    const stopping = server;
    const answers = await sendBurst(recorder.webhookToken, (count) => {
      if (count === SIGTERM_AFTER) stopping.child.kill('SIGTERM');
    });
    await stopping.exited;

    // once the server said 503, nothing sent afterwards was accepted
    expect(answers.some((a) => a.http === 503)).toBe(true);
    const acceptedLate = answers.filter((a) => a.sentAfterFirst503 && a.http !== 503 && a.http !== 'refused');
    expect(acceptedLate).toEqual([]);
    for (const a of answers.filter((a) => a.http === 503)) expect(a.status).toBe('unavailable');
    const accepted = answers.filter((a) => a.http === 200 && a.status === 'accepted').map((a) => a.signalId as string);
    expect(accepted.length).toBeGreaterThanOrEqual(SIGTERM_AFTER - SENDERS);

    server = await startServerProcess(port, env({ JT_PAPER_LATENCY_MS: '0' }));
    await waitFor('no signal left accepted', async () => (await auth(api().get('/api/signals?status=accepted&limit=1000')).expect(200)).body.length === 0, 60_000);
    // and the routing those signals caused is done: the book stops moving
    const ordersNow = async () => (await auth(api().get(`/api/orders?accountId=${account.id}&limit=1000`)).expect(200)).body as Array<{ signalId: string; purpose: string; status: string }>;
    let seen = -1;
    await waitFor('the orders to settle', async () => {
      const orders = await ordersNow();
      const settled = orders.length === seen && orders.every((o) => o.status !== 'pending' && o.status !== 'working');
      seen = orders.length;
      if (!settled) await new Promise((r) => setTimeout(r, 200));
      return settled;
    }, 60_000);

    for (const signalId of accepted) {
      const signal = (await auth(api().get(`/api/signals/${signalId}`)).expect(200)).body as { status: string; reason: string | null; timeline: Array<{ step: string }> };
      const steps = signal.timeline.map((s) => s.step);
      if (signal.status === 'processed') expect(steps).toEqual(expect.arrayContaining(['intent', 'decision']));
      else expect(signal).toMatchObject({ status: 'stale', reason: expect.stringMatching(/^(stale: \d+ s old|not traded: the server stopped)/) });
    }
    // one order per step of one signal: nothing went out twice
    const orders = await ordersNow();
    const steps = orders.map((o) => `${o.signalId}|${o.purpose}`);
    expect(new Set(steps).size).toBe(steps.length);
    expect(orders.every((o) => accepted.includes(o.signalId))).toBe(true);
  }, 180_000);
});
