/**
 * `npm run bench`: measures, never judges (exits 0 either way). Starts the production build as its
 * own process (SQLite file, paper broker) and a bare Node http endpoint beside it, drives both with
 * an open-loop generator on 127.0.0.1, prints one table and writes bench/results/latest.json.
 * Scenario files in bench/scenarios/ (async functions returning Figures) are run and shown too.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { rssMb, Running, startApp, startBare, tradedRecorders } from './app-process';
import { Figure, median, p99 } from './figures';
import { alertToOrder, intentsPerSecond, statementsPerAlert } from './in-process';
import { LoadResult, openLoop } from './open-loop';

const PAPER_LATENCY_MS = Number(process.env.BENCH_PAPER_LATENCY_MS ?? 0);
const SUSTAIN_SEC = 10;
const SATURATION_P99_MS = 50;
const SATURATION_STEPS = [250, 500, 1000, 1500, 2000, 3000, 4000, 6000];
const SATURATION_STEP_SEC = 3;

let sequence = 0;
/** alternating entries and reversals, distinct ids, spread over the tokens */
const alertsOver = (tokens: string[]) => (i: number) => {
  const n = sequence++;
  return { path: `/webhook/${tokens[i % tokens.length]}`, body: JSON.stringify({ id: `bench-${n}`, ticker: 'MNQ1!', action: Math.floor(i / tokens.length) % 2 === 0 ? 'buy' : 'sell', price: '21000.25' }) };
};
const bareRequest = (i: number) => ({ path: '/webhook/bare', body: JSON.stringify({ id: `bare-${i}`, ticker: 'MNQ1!', action: 'buy', price: '21000.25' }) });

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const statusNote = (r: LoadResult) => Object.entries(r.statuses).map(([s, n]) => `${s}: ${n}`).join(', ');

async function saturation(target: Running, request: (i: number) => { path: string; body: string }): Promise<{ rate: number; steps: string[] }> {
  let best = 0;
  const steps: string[] = [];
  for (const rate of SATURATION_STEPS) {
    const r = await openLoop(target.port, rate, SATURATION_STEP_SEC, request);
    const tail = p99(r.latencies) ?? Infinity;
    steps.push(`${rate}/s p99 ${tail.toFixed(1)} ms`);
    if (tail > SATURATION_P99_MS || r.statuses.error) break;
    best = rate;
    await pause(1000);
  }
  return { rate: best, steps };
}

async function ackFigures(bare: Running, recorders: number, bareAt: Map<number, LoadResult>, bareSaturation: number): Promise<Figure[]> {
  const app = await startApp(PAPER_LATENCY_MS);
  const figures: Figure[] = [];
  try {
    const tokens = await tradedRecorders(app.port, recorders, `ack${recorders}`);
    const shape = recorders === 1 ? '1 recorder, 1 account' : `${recorders} recorders on ${recorders} accounts`;
    for (const rate of [100, 500, 1000]) {
      const r = await openLoop(app.port, rate, SUSTAIN_SEC, alertsOver(tokens));
      const b = bareAt.get(rate)!;
      figures.push({ item: 1, name: `ack at ${rate}/s for ${SUSTAIN_SEC} s (${shape})`, unit: 'ms', median: median(r.latencies), p99: p99(r.latencies), goal: rate >= 500 ? 'p99 <= 5 ms' : 'p99 <= 50 ms', bare: { median: median(b.latencies), p99: p99(b.latencies) }, note: statusNote(r) });
      await pause(3000);
    }
    const sat = await saturation(app, alertsOver(tokens));
    figures.push({ item: 1, name: `saturation: alerts/s until ack p99 > ${SATURATION_P99_MS} ms (${shape})`, unit: 'alerts/s', median: sat.rate, p99: null, goal: `>= 50 % of bare (${bareSaturation}/s)`, bare: { median: bareSaturation, p99: null }, note: sat.steps.join('; ') });
  } finally {
    await app.stop();
  }
  return figures;
}

async function burstFigures(): Promise<Figure[]> {
  const app = await startApp(PAPER_LATENCY_MS);
  try {
    const tokens = await tradedRecorders(app.port, 200, 'burst');
    await pause(2000);
    const idle = rssMb(app.child.pid!);
    const r = await openLoop(app.port, 1000, 1, alertsOver(tokens));
    await pause(5000);
    const after = rssMb(app.child.pid!);
    return [
      { item: 2, name: 'bar-close burst: 1,000 alerts in 1 s over 200 recorders on 200 accounts', unit: 'ms', median: median(r.latencies), p99: p99(r.latencies), goal: 'p99 <= 5 ms', note: statusNote(r) },
      { item: 7, name: 'RSS at idle (200 recorders, 200 accounts)', unit: 'MB', median: idle, p99: null, goal: '<= 200 MB' },
      { item: 7, name: 'RSS 5 s after the burst', unit: 'MB', median: after, p99: null, goal: '<= 200 MB' },
    ];
  } finally {
    await app.stop();
  }
}

/** The scenario files' entry points (kill switch, stop under fire): each exported `...Scenario` function, returning Figure(s). */
async function scenarioFigures(): Promise<Figure[]> {
  const dir = path.join(__dirname, 'scenarios');
  if (!fs.existsSync(dir)) return [];
  const figures: Figure[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.js')).sort()) {
    const mod = require(path.join(dir, file)) as Record<string, unknown>;
    for (const [name, fn] of Object.entries(mod)) {
      if (typeof fn !== 'function' || !name.endsWith('Scenario')) continue;
      try {
        const out = (await (fn as () => Promise<Figure | Figure[]>)()) ?? [];
        figures.push(...(Array.isArray(out) ? out : [out]));
      } catch (error) {
        figures.push({ item: 0, name: `${file} ${name}`, unit: 'ms', median: null, p99: null, goal: '', note: `failed: ${String(error).slice(0, 200)}` });
      }
    }
  }
  return figures;
}

const show = (v: number | null | undefined, unit: string) => (v === null || v === undefined ? '-' : unit === 'ms' ? v.toFixed(2) : String(Math.round(v)));

function printTable(figures: Figure[]): void {
  console.log(['#', 'figure'.padEnd(78), 'unit'.padEnd(9), 'median'.padStart(9), 'p99'.padStart(9), 'goal'.padEnd(26), 'bare p99 / ratio'].join('  '));
  for (const f of [...figures].sort((a, b) => a.item - b.item)) {
    const ratio = f.bare && f.bare.p99 && f.p99 ? `${show(f.bare.p99, f.unit)} / x${(f.p99 / f.bare.p99).toFixed(1)}` : f.bare && f.bare.median && f.median !== null ? `${show(f.bare.median, f.unit)} / ${Math.round((100 * f.median) / f.bare.median)} %` : '';
    console.log([String(f.item), f.name.padEnd(78), f.unit.padEnd(9), show(f.median, f.unit).padStart(9), show(f.p99, f.unit).padStart(9), f.goal.padEnd(26), ratio].join('  '));
    if (f.note) console.log(`   ${f.note}`);
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${os.platform()} ${os.release()}`, loadAverageAtStart: os.loadavg().map((l) => Number(l.toFixed(2))), paperLatencyMs: PAPER_LATENCY_MS };
  console.log(`Just Trades bench: node ${machine.node}, ${machine.cpus} cpu(s) (${machine.cpuModel}), load ${machine.loadAverageAtStart.join(' ')}; SQLite file + paper broker (latency ${PAPER_LATENCY_MS} ms), 127.0.0.1`);
  const figures: Figure[] = [...(await statementsPerAlert(40))];
  const bare = await startBare();
  const bareAt = new Map<number, LoadResult>();
  let bareSaturation = 0;
  try {
    for (const rate of [100, 500, 1000]) bareAt.set(rate, await openLoop(bare.port, rate, SUSTAIN_SEC, bareRequest));
    bareSaturation = (await saturation(bare, bareRequest)).rate;
    figures.push(...(await ackFigures(bare, 1, bareAt, bareSaturation)));
    figures.push(...(await ackFigures(bare, 50, bareAt, bareSaturation)));
  } finally {
    await bare.stop();
  }
  figures.push(...(await burstFigures()));
  figures.push(...(await alertToOrder(500, 5)));
  figures.push(await intentsPerSecond(1000, 4));
  figures.push(...(await scenarioFigures()));
  printTable(figures);
  const took = Math.round((Date.now() - started) / 1000);
  console.log(`bench took ${took} s; load average at the end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const out = path.resolve(__dirname, '../../bench/results/latest.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify({ at: new Date().toISOString(), tookSec: took, machine: { ...machine, loadAverageAtEnd: os.loadavg().map((l) => Number(l.toFixed(2))) }, figures }, null, 2)}\n`);
}

main()
  .catch((error) => console.error(error))
  .finally(() => process.exit(0));
