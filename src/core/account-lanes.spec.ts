import { AccountLanes } from './account-lanes';
import { isExitWork } from './exit-priority';

/** A task that runs until the test lets it finish. */
function held() {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  return { release, task: () => done };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('AccountLanes', () => {
  it('an exit overtakes every entry waiting in the same account lane, never the task already running', async () => {
    const lanes = new AccountLanes();
    const ran: string[] = [];
    const first = held();
    const running = lanes.run('acc-1', async () => {
      ran.push('entry 1 (running)');
      await first.task();
    });
    await flush();
    const queued = [
      lanes.run('acc-1', async () => void ran.push('entry 2')),
      lanes.run('acc-1', async () => void ran.push('entry 3')),
      lanes.run('acc-1', async () => void ran.push('stop'), 'exit'),
      lanes.run('acc-1', async () => void ran.push('kill switch'), 'exit'),
    ];
    expect(lanes.waiting('acc-1')).toBe(4);
    first.release();
    await Promise.all([running, ...queued]);
    expect(ran).toEqual(['entry 1 (running)', 'stop', 'kill switch', 'entry 2', 'entry 3']);
    expect(lanes.idle()).toBe(true);
  });

  it('runs one task at a time per account, accounts in parallel, and a failing task does not block the lane', async () => {
    const lanes = new AccountLanes();
    const a = held();
    let active = 0;
    let maxActive = 0;
    const ran: string[] = [];
    const busy = lanes.run('acc-a', async () => {
      active++;
      maxActive = Math.max(maxActive, active);
      await a.task();
      active--;
      throw new Error('broker down');
    });
    const after = lanes.run('acc-a', async () => void ran.push('after the failure'));
    // another account is not held behind acc-a
    await lanes.run('acc-b', async () => void ran.push('other account'));
    expect(ran).toEqual(['other account']);
    a.release();
    await expect(busy).rejects.toThrow('broker down');
    await after;
    expect(ran).toEqual(['other account', 'after the failure']);
    expect(maxActive).toBe(1);
    expect(lanes.idle()).toBe(true);
  });

  it('a task that throws synchronously rejects its own promise only', async () => {
    const lanes = new AccountLanes();
    const bad = lanes.run('acc-1', () => {
      throw new Error('sync failure');
    });
    const good = lanes.run('acc-1', async () => 'ok');
    await expect(bad).rejects.toThrow('sync failure');
    await expect(good).resolves.toBe('ok');
  });

  it('exit work keeps its priority through what it awaits; the entry started after it does not inherit it', async () => {
    const lanes = new AccountLanes();
    const seen: string[] = [];
    const exit = lanes.run(
      'acc-1',
      async () => {
        await new Promise((r) => setImmediate(r));
        seen.push(`exit: ${isExitWork()}`);
      },
      'exit',
    );
    const entry = lanes.run('acc-1', async () => void seen.push(`entry: ${isExitWork()}`));
    await Promise.all([exit, entry]);
    expect(seen).toEqual(['exit: true', 'entry: false']);
    expect(isExitWork()).toBe(false);
  });
});
