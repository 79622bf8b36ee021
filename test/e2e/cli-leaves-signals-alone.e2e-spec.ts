import { execFileSync } from 'child_process';
import * as path from 'path';
import * as sqlite3 from 'sqlite3';
import { DomainEvent } from '../../src/core/bus/events';
import { EventBus } from '../../src/core/bus/event-bus';
import { aTradedRecorder, ordersInSequence, sendAlert, signalOf } from '../support/builders';
import { buildDist, ROOT } from '../support/server-process';
import { startTestApp, TestApp, TEST_API_KEY } from '../support/test-app';

/** The signal's status read straight from the database file, with no app running on it. */
function statusInFile(file: string, signalId: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (error) => error && reject(error));
    db.get('SELECT status FROM signals WHERE id = ?', [signalId], (error, row: { status: string } | undefined) => {
      db.close();
      if (error || !row) reject(error ?? new Error(`signal ${signalId} not in ${file}`));
      else resolve(row.status);
    });
  });
}

/**
 * A CLI command runs the same modules as the server, but signals are the server's: a CLI process
 * never routes a signal left unrouted (the server, or its next start, does) and never waits for one.
 */
describe('a CLI command and the signals the server left unrouted', () => {
  let t: TestApp;
  beforeAll(() => buildDist(), 120_000);
  afterEach(() => t.close());

  it('`positions` leaves an unrouted signal alone; the next server start routes it, once', async () => {
    t = await startTestApp({ env: { JT_SHUTDOWN_DRAIN_SEC: '0' } });
    const { account, recorder } = await aTradedRecorder(t, { quantity: 1 });
    const bus = t.app.get(EventBus);
    const publish = bus.publish.bind(bus);
    const held: DomainEvent[] = [];
    const spy = jest.spyOn(bus, 'publish').mockImplementation((event) => (event.type === 'SignalReceived' ? void held.push(event) : publish(event)));
    const answer = (await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200)).body;
    spy.mockRestore();
    await t.close();

    const started = Date.now();
    const out = execFileSync(process.execPath, [path.join(ROOT, 'dist/src/cli.js'), 'positions'], {
      cwd: ROOT,
      env: { ...process.env, JT_DATA_DIR: t.dataDir, JT_API_KEY: TEST_API_KEY, LOG_LEVEL: 'error', JT_RECONCILE_INTERVAL_SEC: '0' },
      encoding: 'utf8',
    });
    expect(out).toContain('flat: no open position');
    expect(Date.now() - started).toBeLessThan(7_000); // it did not sit out a drain for the server's signal
    expect(await statusInFile(path.join(t.dataDir, 'just-trades.db'), answer.signalId)).toBe('accepted');

    t = await startTestApp({ dataDir: t.dataDir, now: '2026-11-30T15:00:05.000Z' });
    const signal = await signalOf(t, answer.signalId);
    expect(signal.status).toBe('processed');
    expect(signal.timeline.filter((s) => s.step === 'recovered')).toHaveLength(1);
    expect(signal.timeline.filter((s) => s.step === 'virtual_fill')).toHaveLength(1);
    expect(await ordersInSequence(t, account.id)).toEqual([expect.objectContaining({ action: 'Buy', quantity: 1, status: 'filled' })]);
  }, 60_000);
});
