import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { INestApplication } from '@nestjs/common';
import { loadConfig } from '../src/config/app-config';
import { EventBus } from '../src/core/bus/event-bus';
import { createHttpApp } from '../src/http-app';
import { API_KEY, call, tradedRecorders } from './app-process';
import { Figure, median, p99 } from './figures';

async function withApp<T>(paperLatencyMs: number, work: (app: INestApplication, port: number) => Promise<T>): Promise<T> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jt-bench-in-'));
  const config = loadConfig({
    JT_DATA_DIR: dataDir, JT_API_KEY: API_KEY, JT_ADMIN_PASSWORD: 'bench-password', LOG_LEVEL: 'error', JT_RECONCILE_INTERVAL_SEC: '0',
    JT_PAPER_LATENCY_MS: String(paperLatencyMs), JT_WEBHOOK_RATE_PER_MIN: '100000', JT_WEBHOOK_RATE_BURST: '10000',
  });
  const app = await createHttpApp(config, undefined, false);
  await app.listen(0, '127.0.0.1');
  try {
    return await work(app, (app.getHttpServer().address() as { port: number }).port);
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const alert = (i: number) => JSON.stringify({ id: `in-${i}`, ticker: 'MNQ1!', action: i % 2 === 0 ? 'buy' : 'sell', price: '21000.25' });

function post(port: number, agent: http.Agent, token: string, body: string): void {
  const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: `/webhook/${token}`, agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => res.resume());
  req.on('error', () => undefined);
  req.end(body);
}

/**
 * Item 3: from the alert's arrival (its signal's receivedAt is taken when the webhook starts on it;
 * here the request's send time, a few tens of microseconds earlier) to the order handed to the
 * broker (OrderSent), one account, unloaded (one alert at a time) and at `rate` alerts/s.
 */
export async function alertToOrder(rate: number, seconds: number): Promise<Figure[]> {
  return withApp(0, async (app, port) => {
    const bus = app.get(EventBus);
    const [token] = await tradedRecorders(port, 1, 'a2o');
    const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
    const sentAt = new Map<string, number>();
    const bySignal = new Map<string, number>();
    const took: number[] = [];
    const sub = bus.ofType('SignalReceived').subscribe((e) => bySignal.set(e.signalId, sentAt.get(`in-${e.alert.explicitId}`) ?? NaN));
    const sub2 = bus.ofType('OrderSent').subscribe((e) => {
      const t0 = e.signalId ? bySignal.get(e.signalId) : undefined;
      if (t0 !== undefined && !Number.isNaN(t0)) took.push(performance.now() - t0);
    });
    const unloaded: number[] = [];
    for (let i = 0; i < 200; i++) {
      const before = took.length;
      sentAt.set(`in-u${i}`, performance.now());
      post(port, agent, token, alert(i).replace(`in-${i}`, `u${i}`));
      while (took.length === before) await new Promise((r) => setImmediate(r));
      unloaded.push(took[took.length - 1]);
      await bus.whenIdle();
    }
    took.length = 0;
    const total = rate * seconds;
    const start = performance.now();
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / rate;
      while (performance.now() < due) await new Promise((r) => setTimeout(r, 1));
      sentAt.set(`in-l${i}`, performance.now());
      post(port, agent, token, alert(i).replace(`in-${i}`, `l${i}`));
    }
    const deadline = performance.now() + 60_000;
    while (took.length < total && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await bus.whenIdle();
    sub.unsubscribe();
    sub2.unsubscribe();
    agent.destroy();
    return [
      { item: 3, name: 'alert -> order at broker, unloaded', unit: 'ms', median: median(unloaded), p99: p99(unloaded), goal: 'p99 <= 2 ms' },
      { item: 3, name: `alert -> order at broker, ${rate}/s`, unit: 'ms', median: median(took), p99: p99(took), goal: 'p99 <= 20 ms', note: `${took.length}/${total} orders sent` },
    ];
  });
}

/** Item 4: intents the engine completes per second on paper (order, fill, position, trade), `accounts` accounts on one recorder. */
export async function intentsPerSecond(alerts: number, accounts: number): Promise<Figure> {
  return withApp(0, async (app, port) => {
    const bus = app.get(EventBus);
    const recorder = (await call(port, 'POST', '/api/recorders', { name: 'ips', symbol: 'MNQ1!', quantity: 1 })).body;
    for (let i = 0; i < accounts; i++) {
      const account = (await call(port, 'POST', '/api/accounts', { name: `ips ${i}`, broker: 'paper' })).body;
      await call(port, 'POST', '/api/traders', { recorderId: recorder.id, accountId: account.id });
    }
    let fills = 0;
    const sub = bus.ofType('FillReceived').subscribe(() => fills++);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
    const start = performance.now();
    // alternate entries and closes: one intent per account per alert
    for (let i = 0; i < alerts; i++) post(port, agent, recorder.webhookToken, JSON.stringify({ id: `ips-${i}`, ticker: 'MNQ1!', action: i % 2 === 0 ? 'buy' : 'close', price: '21000.25' }));
    const deadline = performance.now() + 120_000;
    while (fills < alerts * accounts && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    await bus.whenIdle();
    const secs = (performance.now() - start) / 1000;
    sub.unsubscribe();
    agent.destroy();
    const rate = Math.round(fills / secs);
    return { item: 4, name: `intents completed on paper (${alerts} alerts x ${accounts} accounts)`, unit: 'intents/s', median: rate, p99: null, goal: '>= 1,000 intents/s', note: `${fills} fills in ${secs.toFixed(1)} s` };
  });
}

/**
 * The profile's count: SQL statements per traded alert (one account), those issued before the
 * webhook answered and all of them until the bus is idle. Alerts are sent one at a time.
 */
export async function statementsPerAlert(alerts: number): Promise<Figure[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SqliteQueryRunner } = require('typeorm/driver/sqlite/SqliteQueryRunner');
  const original = SqliteQueryRunner.prototype.query;
  let statements = 0;
  SqliteQueryRunner.prototype.query = function (...args: unknown[]) {
    statements++;
    return original.apply(this, args);
  };
  try {
    return await withApp(0, async (app, port) => {
      const bus = app.get(EventBus);
      const [token] = await tradedRecorders(port, 1, 'sql');
      await bus.whenIdle();
      const beforeAnswer: number[] = [];
      const total: number[] = [];
      for (let i = 0; i < alerts; i++) {
        const at = statements;
        const reply = await call(port, 'POST', `/webhook/${token}`, { id: `sql-${i}`, ticker: 'MNQ1!', action: i % 2 === 0 ? 'buy' : 'sell', price: '21000.25' });
        beforeAnswer.push(statements - at);
        if (reply.body?.status !== 'accepted') throw new Error(`alert ${i} not accepted: ${JSON.stringify(reply.body)}`);
        await bus.whenIdle();
        await new Promise((r) => setTimeout(r, 20));
        total.push(statements - at);
      }
      return [
        { item: 0, name: 'SQL statements issued until the client has the answer, per traded alert', unit: 'statements', median: median(beforeAnswer), p99: p99(beforeAnswer), goal: '1 on the ack path', note: 'the signal row; the others are the timeline and routing, started after the answer was written' },
        { item: 0, name: 'SQL statements per traded alert until idle (entries and reversals)', unit: 'statements', median: median(total), p99: p99(total), goal: '' },
      ];
    });
  } finally {
    SqliteQueryRunner.prototype.query = original;
  }
}
