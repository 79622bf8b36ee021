import { ChildProcess, fork, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');
export const API_KEY = 'bench-api-key-0123456789';

export interface Running {
  child: ChildProcess;
  port: number;
  stop(): Promise<void>;
}

export function call(port: number, method: string, url: string, body?: unknown): Promise<{ status: number; body: any }> {
  const payload = body === undefined ? '' : JSON.stringify(body);
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

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

/** The production build (dist/src/main.js) on a fresh SQLite file, paper broker answering `paperLatencyMs` late. */
export async function startApp(paperLatencyMs: number): Promise<Running> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jt-bench-'));
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/src/main.js')], {
    cwd: ROOT,
    stdio: 'ignore',
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      JT_DATA_DIR: dataDir,
      JT_API_KEY: API_KEY,
      JT_ADMIN_PASSWORD: 'bench-password',
      LOG_LEVEL: 'error',
      JT_RECONCILE_INTERVAL_SEC: '0',
      JT_PAPER_LATENCY_MS: String(paperLatencyMs),
      // the per-token limit stays in front; the bench raises it to its maximum
      JT_WEBHOOK_RATE_PER_MIN: '100000',
      JT_WEBHOOK_RATE_BURST: '10000',
    },
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const up = await call(port, 'GET', '/api/health').then((r) => r.status === 200, () => false);
    if (up) break;
    if (Date.now() > deadline) throw new Error('the app did not start within 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    port,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function startBare(): Promise<Running> {
  const child = fork(path.join(__dirname, 'bare-endpoint.js'), [], { stdio: 'ignore' });
  const port = await new Promise<number>((resolve) => child.once('message', (m: any) => resolve(m.port)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return { child, port, stop: async () => void (child.kill('SIGTERM'), await exited) };
}

/** `n` recorders on MNQ1!, each traded on its own paper account; their webhook tokens. */
export async function tradedRecorders(port: number, n: number, prefix: string): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < n; i++) {
    const recorder = (await call(port, 'POST', '/api/recorders', { name: `${prefix} ${i}`, symbol: 'MNQ1!', quantity: 1 })).body;
    const account = (await call(port, 'POST', '/api/accounts', { name: `${prefix} acct ${i}`, broker: 'paper' })).body;
    await call(port, 'POST', '/api/traders', { recorderId: recorder.id, accountId: account.id });
    tokens.push(recorder.webhookToken);
  }
  return tokens;
}

export function rssMb(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}
