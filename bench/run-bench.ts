/**
 * `npm run bench`: the alert path's speed on the embedded defaults (SQLite file + paper broker),
 * over real HTTP on 127.0.0.1. Prints figures; asserts nothing.
 *
 *  1. parser: alerts parsed per second (pure function)
 *  2. webhook answer time: POST /webhook/:token round trip, p50/p95/max
 *  3. alert -> fills: from POST to every trader's fill recorded, p50/p95/max, with 1 and 10 accounts
 */
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { loadConfig } from '../src/config/app-config';
import { EventBus } from '../src/core/bus/event-bus';
import { createHttpApp } from '../src/http-app';
import { parseAlert } from '../src/modules/webhooks/alert-parser';
import { summary } from './figures';
import { benchKillSwitch } from './kill-switch-bench';

const API_KEY = 'bench-api-key-0123456789';

interface Reply {
  status: number;
  body: any;
}

function call(port: number, method: string, url: string, body?: unknown, raw?: string): Promise<Reply> {
  const payload = raw ?? (body === undefined ? '' : JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path: url, headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}`, 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        let data = '';
        res.on('data', (c) => (data += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data ? JSON.parse(data) : null }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}


function benchParser(): void {
  const bodies = [
    '{"ticker":"MNQ1!","action":"buy","price":"21000.25","quantity":"2"}',
    '{"action":"sell","ticker":"MNQ1!","contracts":"1","market_position":"long","market_position_size":"2","prev_market_position":"long","prev_market_position_size":"3","price":"21010.50","time":"2026-11-30T15:00:00Z"}',
    'ticker=ES1!;action=close;price=6050.25',
    'buy',
  ];
  const n = 50_000;
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) parseAlert(bodies[i % bodies.length]);
  const secs = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`${'parser: alerts parsed'.padEnd(44)} ${Math.round(n / secs).toLocaleString('en-US')} per second (${n} alerts, 4 dialects)`);
}

async function benchAlertPath(accounts: number, rounds: number): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jt-bench-'));
  // the bench sends alerts back to back on one token: lift the webhook rate limit, it is not what is measured
  const config = loadConfig({ JT_DATA_DIR: dataDir, JT_API_KEY: API_KEY, JT_ADMIN_PASSWORD: 'bench-password', LOG_LEVEL: 'error', JT_WEBHOOK_RATE_PER_MIN: '100000', JT_WEBHOOK_RATE_BURST: '10000' });
  const app = await createHttpApp(config, undefined, false);
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as { port: number }).port;
  const bus = app.get(EventBus);
  try {
    const recorder = (await call(port, 'POST', '/api/recorders', { name: 'bench', symbol: 'MNQ1!', quantity: 1 })).body;
    for (let i = 0; i < accounts; i++) {
      const account = (await call(port, 'POST', '/api/accounts', { name: `bench ${i}`, broker: 'paper' })).body;
      await call(port, 'POST', '/api/traders', { recorderId: recorder.id, accountId: account.id });
    }
    const webhookMs: number[] = [];
    const fillMs: number[] = [];
    let fills = 0;
    const sub = bus.ofType('FillReceived').subscribe(() => fills++);
    for (let i = 0; i < rounds; i++) {
      const action = i % 2 === 0 ? 'buy' : 'close';
      const expected = fills + accounts;
      const started = process.hrtime.bigint();
      const reply = await call(port, 'POST', `/webhook/${recorder.webhookToken}`, undefined, JSON.stringify({ id: `bench-${i}`, ticker: 'MNQ1!', action, price: i % 4 < 2 ? '21000.25' : '21001.00' }));
      webhookMs.push(Number(process.hrtime.bigint() - started) / 1e6);
      if (reply.status !== 200 || reply.body.status !== 'accepted') throw new Error(`alert ${i} not accepted: ${JSON.stringify(reply.body)}`);
      while (fills < expected) await new Promise((r) => setImmediate(r));
      fillMs.push(Number(process.hrtime.bigint() - started) / 1e6);
      await bus.whenIdle();
    }
    sub.unsubscribe();
    summary(`webhook answer (${accounts} account${accounts > 1 ? 's' : ''})`, webhookMs);
    summary(`alert -> all ${accounts} fill(s) recorded`, fillMs);
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(`Just Trades bench: node ${process.version}, ${os.cpus().length} cpu(s), SQLite file + paper broker, 127.0.0.1`);
  benchParser();
  await benchAlertPath(1, 200);
  await benchAlertPath(10, 100);
  await benchKillSwitch(100, 50);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
