import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { loadConfig } from '../../src/config/app-config';
import { EventBus } from '../../src/core/bus/event-bus';
import { createHttpApp } from '../../src/http-app';
import { BrokerRegistry } from '../../src/modules/broker/broker-registry';
import { medianOf, p99Of, ScenarioFigure } from './scenario-figure';

const API_KEY = 'bench-api-key-0123456789';
const STOPS = 100;
const BURST = 1_000;
/** the burst's recorder trades on this many of the stopped accounts: their lanes hold its entries */
const BURST_ACCOUNTS = 10;

function call(agent: http.Agent, port: number, method: string, url: string, body: unknown): Promise<{ status: number; body: any }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, host: '127.0.0.1', port, method, path: url, headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}`, 'content-length': Buffer.byteLength(payload) } },
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

const until = async (done: () => boolean, what: string, ms = 60_000) => {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`stop-under-fire bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1));
  }
};

/**
 * Bench item 6: 100 accounts long 1 MNQ with a 20-tick stop; a 1,000-alert burst (MES entries and
 * closes on 10 of those accounts) is being worked when one quote crosses all 100 stops. Measured:
 * from the quote's publication to each exit's market order handed to the broker.
 */
export async function stopUnderFireScenario(): Promise<ScenarioFigure[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jt-bench-stops-'));
  const config = loadConfig({ JT_DATA_DIR: dataDir, JT_API_KEY: API_KEY, JT_ADMIN_PASSWORD: 'bench-password', LOG_LEVEL: 'error', JT_RECONCILE_INTERVAL_SEC: '0', JT_WEBHOOK_RATE_PER_MIN: '100000', JT_WEBHOOK_RATE_BURST: '10000' });
  const app = await createHttpApp(config, undefined, false);
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as { port: number }).port;
  const agent = new http.Agent({ keepAlive: false, maxSockets: 32 });
  const bus = app.get(EventBus);
  try {
    const stops = (await call(agent, port, 'POST', '/api/recorders', { name: 'stops', symbol: 'MNQ1!', quantity: 1, stopLossTicks: 20 })).body;
    const burst = (await call(agent, port, 'POST', '/api/recorders', { name: 'burst', symbol: 'MES1!', quantity: 1 })).body;
    const accounts: string[] = [];
    for (let i = 0; i < STOPS; i++) {
      const account = (await call(agent, port, 'POST', '/api/accounts', { name: `stops ${i}`, broker: 'paper' })).body;
      accounts.push(account.id);
      await call(agent, port, 'POST', '/api/traders', { recorderId: stops.id, accountId: account.id });
      if (i < BURST_ACCOUNTS) await call(agent, port, 'POST', '/api/traders', { recorderId: burst.id, accountId: account.id });
    }
    const paper = app.get(BrokerRegistry).forAccount(accounts[0]).broker;
    const exitsAt: number[] = [];
    let stopContract: string | null = null;
    const place = paper.placeOrder.bind(paper);
    paper.placeOrder = (req) => {
      if (req.contract.startsWith('MNQ')) {
        if (req.action === 'Buy') stopContract = req.contract;
        else exitsAt.push(performance.now());
      }
      return place(req);
    };
    const opened = await call(agent, port, 'POST', `/webhook/${stops.webhookToken}`, { id: 'open-stops', ticker: 'MNQ1!', action: 'buy', price: '21000.00' });
    if (opened.body?.status !== 'accepted') throw new Error(`stop-under-fire bench: opening alert not accepted: ${JSON.stringify(opened.body)}`);
    await bus.whenIdle();
    if (!stopContract) throw new Error('stop-under-fire bench: no position opened');

    let answered = 0;
    const alerts = Array.from({ length: BURST }, (_, i) =>
      call(agent, port, 'POST', `/webhook/${burst.webhookToken}`, { id: `burst-${i}`, ticker: 'MES1!', action: i % 2 === 0 ? 'buy' : 'close', price: '6000.00' }).then((r) => {
        answered++;
        return r;
      }),
    );
    // the burst is being worked: a tenth of it answered, the rest on the way and in the lanes
    await until(() => answered >= BURST / 10, 'the burst to start');
    const quotedAt = performance.now();
    bus.publish({ type: 'QuoteReceived', ts: new Date().toISOString(), contract: stopContract, price: '20990.00', source: 'api', venue: 'paper' });
    await until(() => exitsAt.length >= STOPS, `${STOPS} stop exits`);
    const took = exitsAt.slice(0, STOPS).map((t) => t - quotedAt);
    await Promise.all(alerts);
    await bus.whenIdle();
    return [
      {
        item: 6,
        name: `stop under fire: quote -> exit order at broker (${STOPS} stops, ${BURST}-alert burst)`,
        unit: 'ms',
        median: medianOf(took),
        p99: p99Of(took),
        goal: 'p99 <= 10 ms',
        note: `the burst's entries wait in ${BURST_ACCOUNTS} of the stopped accounts' lanes`,
      },
    ];
  } finally {
    agent.destroy();
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
