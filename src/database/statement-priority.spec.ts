import { runAsExit } from '../core/exit-priority';
import { MAX_IN_FLIGHT, prioritiseStatements } from './statement-priority';

/** A connection that answers only when the test says so, recording the order statements reached it. */
function heldConnection() {
  const reached: string[] = [];
  const pending: Array<() => void> = [];
  const method = (sql: string, _params: unknown, callback: (err: Error | null, rows?: unknown) => void) => {
    reached.push(sql);
    pending.push(() => callback(null, []));
  };
  const handle = { run: method, all: method };
  const answerAll = async () => {
    while (pending.length > 0) {
      pending.shift()!();
      await new Promise((r) => setImmediate(r));
    }
  };
  return { handle, reached, answerAll };
}

const send = (handle: { all: Function }, sql: string) => new Promise((resolve, reject) => handle.all(sql, [], (err: Error | null, rows: unknown) => (err ? reject(err) : resolve(rows))));

describe('prioritiseStatements', () => {
  it("an exit's statement overtakes every ordinary statement still waiting, never one already sent", async () => {
    const { handle, reached, answerAll } = heldConnection();
    prioritiseStatements(handle);
    const burst = Array.from({ length: 6 }, (_, i) => send(handle, `INSERT signal ${i}`));
    const stop = runAsExit(() => send(handle, 'INSERT exit_machines (stop)'));
    // the first MAX_IN_FLIGHT went at once; the rest wait
    expect(reached).toEqual(Array.from({ length: MAX_IN_FLIGHT }, (_, i) => `INSERT signal ${i}`));
    await answerAll();
    await Promise.all([...burst, stop]);
    expect(reached[MAX_IN_FLIGHT]).toBe('INSERT exit_machines (stop)');
    expect(reached.filter((s) => s.startsWith('INSERT signal'))).toEqual(Array.from({ length: 6 }, (_, i) => `INSERT signal ${i}`));
  });

  it('keeps the order of statements of one kind and answers each caller with its own result', async () => {
    const { handle, reached, answerAll } = heldConnection();
    prioritiseStatements(handle);
    const all = [send(handle, 'a'), runAsExit(() => send(handle, 'x1')), send(handle, 'b'), runAsExit(() => send(handle, 'x2')), send(handle, 'c')];
    await answerAll();
    await expect(Promise.all(all)).resolves.toHaveLength(5);
    // two go at once (a, x1); of the rest the exit's first
    expect(reached).toEqual(['a', 'x1', 'x2', 'b', 'c']);
  });
});
