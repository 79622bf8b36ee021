import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import request from 'supertest';
import { buildDist, freePort, ROOT, waitFor } from '../support/server-process';

/**
 * The real server as a real process, killed with SIGKILL in the middle of an exit and started
 * again on the same data directory: the exit is finished once, never sent twice.
 */
const KEY = 'restart-test-api-key-0123';



describe('restart of the real process in the middle of an exit', () => {
  let dataDir: string;
  let port: number;
  let child: ChildProcess | null = null;
  const api = () => request(`http://127.0.0.1:${port}`);
  const auth = (t: request.Test) => t.set('Authorization', `Bearer ${KEY}`);

  beforeAll(() => {
    buildDist();
  }, 120_000);

  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jt-restart-'));
    port = await freePort();
  });

  afterEach(() => {
    child?.kill('SIGKILL');
    child = null;
  });

  async function startServer(latencyMs: number): Promise<void> {
    child = spawn(process.execPath, [path.join(ROOT, 'dist/src/main.js')], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'test', PORT: String(port), JT_DATA_DIR: dataDir, JT_API_KEY: KEY, JT_ADMIN_PASSWORD: 'restart-password', LOG_LEVEL: 'error', JT_RECONCILE_INTERVAL_SEC: '0', JT_PAPER_LATENCY_MS: String(latencyMs) },
      stdio: 'ignore',
    });
    await waitFor('the server', async () => (await api().get('/api/health')).status === 200);
  }

  function kill(): void {
    child?.kill('SIGKILL');
    child = null;
  }

  async function openLong(): Promise<{ accountId: string; token: string }> {
    const account = (await auth(api().post('/api/accounts')).send({ name: 'Paper', broker: 'paper' }).expect(201)).body;
    const recorder = (await auth(api().post('/api/recorders')).send({ name: 'R', symbol: 'MNQ1!', quantity: 1 }).expect(201)).body;
    await auth(api().post('/api/traders')).send({ recorderId: recorder.id, accountId: account.id }).expect(201);
    await api().post(`/webhook/${recorder.webhookToken}`).set('Content-Type', 'application/json').send('{"ticker":"MNQ1!","action":"buy","price":"21000.00"}').expect(200);
    await waitFor('the long', async () => (await auth(api().get('/api/positions')).expect(200)).body.length === 1);
    return { accountId: account.id, token: recorder.webhookToken };
  }

  async function killInState(token: string, state: string): Promise<void> {
    await api().post(`/webhook/${token}`).set('Content-Type', 'application/json').send('{"ticker":"MNQ1!","action":"close","price":"21001.00"}').expect(200);
    await waitFor(state, async () => (await auth(api().get('/api/status'))).body.exitMachines?.some((m: { state: string }) => m.state === state));
    kill();
  }

  async function brokerSells(accountId: string): Promise<number> {
    const orders = (await auth(api().get(`/api/orders?accountId=${accountId}`)).expect(200)).body as Array<{ action: string; status: string }>;
    return orders.filter((o) => o.action === 'Sell' && o.status === 'filled').length;
  }

  it('killed in WORKING_EXIT before the order reached the broker: one exit after the restart, flat', async () => {
    await startServer(600);
    const { accountId, token } = await openLong();
    await killInState(token, 'WORKING_EXIT');
    await startServer(0);
    await waitFor('the exit to finish', async () => (await auth(api().get('/api/status'))).body.exitMachines.every((m: { state: string }) => m.state === 'IDLE'));
    await waitFor('flat', async () => (await auth(api().get('/api/positions')).expect(200)).body.length === 0);
    await waitFor('the exit fill recorded', async () => (await brokerSells(accountId)) === 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(await brokerSells(accountId)).toBe(1);
    const lost = (await auth(api().get(`/api/orders?accountId=${accountId}`)).expect(200)).body.filter((o: { status: string }) => o.status === 'pending');
    expect(lost).toEqual([]);
  }, 60_000);

  it('killed in CONFIRM_FLAT after the fill: confirmed after the restart, no second exit', async () => {
    await startServer(600);
    const { accountId, token } = await openLong();
    await killInState(token, 'CONFIRM_FLAT');
    await startServer(0);
    await waitFor('the exit to finish', async () => (await auth(api().get('/api/status'))).body.exitMachines.every((m: { state: string }) => m.state === 'IDLE'));
    expect((await auth(api().get('/api/positions')).expect(200)).body).toEqual([]);
    expect(await brokerSells(accountId)).toBe(1);
  }, 60_000);
});
