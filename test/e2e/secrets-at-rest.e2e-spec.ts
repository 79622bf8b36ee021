import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import request from 'supertest';
import { FakeTradovate, startFakeTradovate } from '../fakes/tradovate/fake-tradovate-server';
import { freePort, ROOT, waitFor } from '../support/server-process';

/**
 * Issue 10: a full session of the real server process, with every secret set (API key, admin
 * password, secret key, a Tradovate login), leaves none of them in clear in its log output or in
 * the database files; and the database files are the owner's only (0600), whatever the umask.
 */
const SECRET_KEY_HEX = '5e1c0de5a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071829304a5b';
const SECRETS = {
  apiKey: 'apikey-Narwhal-55e0c1d2b3a4f6',
  adminPassword: 'adminpass-Ibex-77813',
  secretKeyHex: SECRET_KEY_HEX,
  secretKeyBase64: Buffer.from(SECRET_KEY_HEX, 'hex').toString('base64'),
  tradovatePassword: 'tvpass-Zebra-4471-q',
  tradovateSec: 'tvsec-Quokka-99f1e2d3c4b5a6978',
  tradovateCid: '7391582',
  wrongTradovatePassword: 'tvwrong-Yak-3310-z',
};
const USER = 'jt.secretive';



/** Where each secret shows up in clear: "<secret name> in <place>". */
function leaks(places: Record<string, Buffer>): string[] {
  const found: string[] = [];
  for (const [place, bytes] of Object.entries(places)) {
    for (const [name, secret] of Object.entries(SECRETS)) {
      if (bytes.includes(Buffer.from(secret, 'utf8'))) found.push(`${name} in ${place}`);
    }
    if (bytes.includes(Buffer.from(SECRET_KEY_HEX, 'hex'))) found.push(`secret key bytes in ${place}`);
  }
  return found;
}

describe('secrets stay secret in a real process (logs and database files)', () => {
  let fake: FakeTradovate;
  let child: ChildProcess | null = null;
  let dataDir: string;
  let port: number;
  let output = '';
  let buildRoot: string;
  const server = () => request(`http://127.0.0.1:${port}`);
  const auth = (t: request.Test) => t.set('Authorization', `Bearer ${SECRETS.apiKey}`);

  beforeAll(async () => {
    // a build of its own, so a concurrent test rebuilding dist/ cannot change the files under this process
    buildRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'jt-secrets-build-'));
    for (const shared of ['views', 'public', 'node_modules']) fs.symlinkSync(path.join(ROOT, shared), path.join(buildRoot, shared));
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', path.join(buildRoot, 'dist')], { cwd: ROOT, stdio: 'inherit' });
    fake = await startFakeTradovate({
      users: [
        { name: USER, password: SECRETS.tradovatePassword, cid: Number(SECRETS.tradovateCid), sec: SECRETS.tradovateSec, appId: 'JustTrades', demoAccounts: [{ name: 'DEMO5550001', balance: 50000 }], plugins: ['TradingView'] },
        { name: 'jt.fumbler', password: 'not-what-they-typed', cid: Number(SECRETS.tradovateCid), sec: SECRETS.tradovateSec, appId: 'JustTrades', demoAccounts: [{ name: 'DEMO5550002', balance: 50000 }] },
      ],
    });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jt-secrets-'));
    port = await freePort();
    child = spawn(process.execPath, [path.join(buildRoot, 'dist/src/main.js')], {
      cwd: buildRoot,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        PORT: String(port),
        JT_DATA_DIR: dataDir,
        JT_API_KEY: SECRETS.apiKey,
        JT_ADMIN_PASSWORD: SECRETS.adminPassword,
        JT_SECRET_KEY: SECRETS.secretKeyHex,
        LOG_LEVEL: 'verbose',
        JT_RECONCILE_INTERVAL_SEC: '0',
        JT_INSIDER_POLL: 'off',
        TRADOVATE_DEMO_URL: fake.restBase,
        TRADOVATE_LIVE_URL: fake.liveRestBase,
        TRADOVATE_MD_URL: fake.mdWsUrl,
        TRADOVATE_TIMEOUT_MS: '3000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk) => (output += String(chunk)));
    child.stderr!.on('data', (chunk) => (output += String(chunk)));
    await waitFor('the server', async () => (await server().get('/api/health')).status === 200);
  }, 180_000);

  afterAll(async () => {
    child?.kill('SIGKILL');
    await fake?.close();
    for (const dir of [buildRoot, dataDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a whole session: login, a Tradovate account (and a wrong password), an alert traded; no secret in the logs or the database files', async () => {
    const login = await server().post('/login').type('form').send({ password: SECRETS.adminPassword }).expect(303);
    const cookie = ([] as string[]).concat(login.headers['set-cookie'])[0].split(';')[0];
    await server().get('/api/accounts').set('Cookie', cookie).expect(200);
    await server().post('/login').type('form').send({ password: `${SECRETS.adminPassword}x` }).expect(401);

    const tradovate = { broker: 'tradovate', environment: 'demo', username: USER, appId: 'JustTrades', appVersion: '1.0', cid: Number(SECRETS.tradovateCid), sec: SECRETS.tradovateSec, deviceId: 'jt-secrets-device' };
    const account = (await auth(server().post('/api/accounts')).send({ name: 'Live money', password: SECRETS.tradovatePassword, ...tradovate }).expect(201)).body;
    await waitFor('the Tradovate account to connect', async () => (await auth(server().get(`/api/accounts/${account.id}`))).body.status === 'connected');
    const wrong = (await auth(server().post('/api/accounts')).send({ ...tradovate, name: 'Typo', username: 'jt.fumbler', password: SECRETS.wrongTradovatePassword }).expect(201)).body;
    const refused = await waitFor('the wrong login to be refused', async () => {
      const view = (await auth(server().get(`/api/accounts/${wrong.id}`))).body;
      return view.status === 'error' ? view : null;
    });
    expect(refused.lastError).toMatch(/password|credentials|login/i);

    const mnq = fake.frontContract('MNQ');
    fake.setQuote(mnq, { bid: 21000, ask: 21000.25, last: 21000.25 });
    const recorder = (await auth(server().post('/api/recorders')).send({ name: 'Strategy', symbol: 'MNQ1!', quantity: 1 }).expect(201)).body;
    await auth(server().post('/api/traders')).send({ recorderId: recorder.id, accountId: account.id }).expect(201);
    await server().post(`/webhook/${recorder.webhookToken}`).set('Content-Type', 'application/json').send(JSON.stringify({ ticker: 'MNQ1!', action: 'buy', price: '21000.25' })).expect(200);
    await waitFor('the fill', async () => ((await auth(server().get(`/api/positions?accountId=${account.id}`))).body as unknown[]).length === 1);
    expect(fake.state.demo.position('DEMO5550001', mnq)?.netPos).toBe(1);
    await server().post(`/webhook/${recorder.webhookToken}`).set('Content-Type', 'text/plain').send('x'.repeat(70_000)).expect(413);
    await server().post(`/webhook/${recorder.webhookToken}`).set('Content-Type', 'text/plain').send('moon').expect(400);

    const dbFile = path.join(dataDir, 'just-trades.db');
    const files = [dbFile, `${dbFile}-wal`, `${dbFile}-shm`];
    for (const file of files) expect(fs.existsSync(file)).toBe(true);
    const running = Object.fromEntries(files.map((file) => [path.basename(file), fs.readFileSync(file)]));
    const modes = fs.readdirSync(dataDir).map((name) => `${name} ${(fs.statSync(path.join(dataDir, name)).mode & 0o777).toString(8)}`);
    expect(modes).toEqual(fs.readdirSync(dataDir).map((name) => `${name} 600`));
    expect((fs.statSync(dataDir).mode & 0o777).toString(8)).toBe('700');

    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child!.kill('SIGTERM');
    await exited;
    child = null;
    const stopped = { 'just-trades.db after stop': fs.readFileSync(dbFile) };

    expect(output).toContain('Dashboard:'); // the log was captured at all
    expect(leaks({ logs: Buffer.from(output), ...running, ...stopped })).toEqual([]);
    expect(output).not.toContain(recorder.webhookToken); // stored (it is looked up), but never logged
  }, 60_000);
});
