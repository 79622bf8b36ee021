import { Logger } from '@nestjs/common';
import fc from 'fast-check';
import { EventBus, HandlerError } from './event-bus';
import { PositionChanged, QuoteReceived, TradeClosed } from './events';

const positionChanged = (accountId: string, netPos: number): PositionChanged => ({
  type: 'PositionChanged',
  ts: '2025-06-02T14:30:00.000Z',
  accountId,
  contract: 'MNQM5',
  netPos,
  avgPrice: netPos === 0 ? null : '21000.25',
});
const quote = (price: string): QuoteReceived => ({ type: 'QuoteReceived', ts: '2025-06-02T14:30:00.000Z', contract: 'MNQM5', price, source: 'alert', venue: 'paper' });
const tradeClosed = (pnlUsd: string): TradeClosed => ({ type: 'TradeClosed', ts: '2025-06-02T14:30:00.000Z', accountId: 'acc-1', tradeId: 't-1', contract: 'MNQM5', pnlUsd });

const nextMacrotask = () => new Promise<void>((resolve) => setImmediate(resolve));
async function hops(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await nextMacrotask();
}
/** A promise the test resolves by hand, to hold a handler mid-flight. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('EventBus', () => {
  let bus: EventBus;
  let errors: HandlerError[];
  let logged: jest.SpyInstance;

  beforeEach(() => {
    bus = new EventBus();
    errors = [];
    bus.errors$.subscribe((e) => errors.push(e));
    logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    bus.onModuleDestroy();
    logged.mockRestore();
  });

  describe('a failing handler is isolated', () => {
    const failures: Array<[string, () => unknown]> = [
      ['throws synchronously', () => {
        throw new Error('db locked');
      }],
      ['rejects asynchronously', async () => {
        await nextMacrotask();
        throw new Error('db locked');
      }],
    ];

    it.each(failures)('when it %s: the error goes to errors$, the others still get the event, later events still flow', async (_how, failing) => {
      const seenByDashboard: number[] = [];
      bus.on('PositionChanged', 'pnl', failing);
      bus.on('PositionChanged', 'dashboard', (e) => {
        seenByDashboard.push(e.netPos);
      });

      const first = positionChanged('acc-1', 2);
      expect(() => bus.publish(first)).not.toThrow();
      await bus.whenIdle();

      expect(seenByDashboard).toEqual([2]);
      expect(errors).toEqual([{ handler: 'pnl', event: first, error: new Error('db locked') }]);
      expect(logged).toHaveBeenCalledWith(expect.stringContaining('pnl failed on PositionChanged'));

      bus.publish(positionChanged('acc-1', 0));
      bus.publish(positionChanged('acc-1', -1));
      await bus.whenIdle();
      expect(seenByDashboard).toEqual([2, 0, -1]);
      expect(errors.map((e) => (e.event as PositionChanged).netPos)).toEqual([2, 0, -1]); // still subscribed, still failing
    });

    it.each(failures)('in a lane, when it %s: the lane carries on with the next event, in order', async (_how, failing) => {
      const handled: number[] = [];
      bus.inLanes('PositionChanged', 'fill-recorder', (e) => e.accountId, async (e) => {
        if (e.netPos === 2) return failing();
        await nextMacrotask();
        handled.push(e.netPos);
      });
      [1, 2, 3, 4].forEach((n) => bus.publish(positionChanged('acc-1', n)));
      await bus.whenIdle();
      expect(handled).toEqual([1, 3, 4]);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ handler: 'fill-recorder', event: { netPos: 2 } });
    });

    it('publish never throws and never waits for a handler', () => {
      let called = false;
      bus.on('PositionChanged', 'slow', () => {
        called = true;
        throw new Error('boom');
      });
      expect(() => bus.publish(positionChanged('acc-1', 1))).not.toThrow();
      expect(called).toBe(false); // handlers run after publish returns
    });

    it('a non-Error thrown value still reaches errors$', async () => {
      bus.on('PositionChanged', 'weird', () => {
        throw 'plain string'; // eslint-disable-line no-throw-literal
      });
      bus.publish(positionChanged('acc-1', 1));
      await bus.whenIdle();
      expect(errors).toEqual([expect.objectContaining({ handler: 'weird', error: 'plain string' })]);
    });

    it('publish with no subscribers, or after shutdown, is harmless', () => {
      expect(() => bus.publish(quote('21000.25'))).not.toThrow();
      bus.onModuleDestroy();
      expect(() => bus.publish(quote('21000.25'))).not.toThrow();
    });
  });

  describe('inLanes: one ordered lane per key', () => {
    it('handles one key strictly in order, each event only after the previous finished', async () => {
      const log: string[] = [];
      bus.inLanes('PositionChanged', 'exec', (e) => e.accountId, async (e) => {
        log.push(`start ${e.netPos}`);
        await hops(3 - e.netPos); // the first is the slowest
        log.push(`end ${e.netPos}`);
      });
      [1, 2, 3].forEach((n) => bus.publish(positionChanged('acc-1', n)));
      await bus.whenIdle();
      expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
    });

    it('a slow lane does not block another lane', async () => {
      const held = gate();
      const handled: string[] = [];
      bus.inLanes('PositionChanged', 'exec', (e) => e.accountId, async (e) => {
        if (e.accountId === 'slow') await held.opened;
        handled.push(`${e.accountId}:${e.netPos}`);
      });

      bus.publish(positionChanged('slow', 1));
      bus.publish(positionChanged('slow', 2));
      bus.publish(positionChanged('fast', 1));
      bus.publish(positionChanged('fast', 2));
      await hops(5);
      expect(handled).toEqual(['fast:1', 'fast:2']); // slow:2 waits behind slow:1

      held.open();
      await bus.whenIdle();
      expect(handled).toEqual(['fast:1', 'fast:2', 'slow:1', 'slow:2']);
    });

    it('keeps each key in order and handles every event once, whatever the keys and delays (property)', async () => {
      const event = fc.record({
        key: fc.constantFrom('acc-1', 'acc-2', 'acc-3', 'acc-4'),
        // -1: a synchronous handler; 0..6: that many macrotask hops (setImmediate), or a 0-1 ms timer
        delay: fc.integer({ min: -1, max: 6 }),
        timer: fc.boolean(),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 25 }), async (events) => {
          const laneBus = new EventBus();
          const started: Record<string, number[]> = {};
          const running = new Set<string>();
          const overlaps: string[] = [];
          let maxParallel = 0;
          laneBus.inLanes('PositionChanged', 'prop', (e) => e.accountId, (e) => {
            const { key, delay, timer } = events[e.netPos];
            expect(key).toBe(e.accountId);
            if (running.has(key)) overlaps.push(`${key} #${e.netPos} started while the previous was running`);
            running.add(key);
            maxParallel = Math.max(maxParallel, running.size);
            (started[key] ??= []).push(e.netPos);
            const done = () => running.delete(key);
            if (delay < 0) return void done();
            const wait = timer ? new Promise((r) => setTimeout(r, delay % 2)) : hops(delay);
            return wait.then(done);
          });
          events.forEach((e, i) => laneBus.publish(positionChanged(e.key, i)));
          await laneBus.whenIdle();
          laneBus.onModuleDestroy();

          expect(overlaps).toEqual([]);
          expect(running.size).toBe(0); // whenIdle waited for every queued event
          for (const key of new Set(events.map((e) => e.key))) {
            const published = events.flatMap((e, i) => (e.key === key ? [i] : []));
            expect(started[key]).toEqual(published);
          }
          expect(maxParallel).toBeLessThanOrEqual(new Set(events.map((e) => e.key)).size);
        }),
        { numRuns: 60 },
      );
    });

    it('runs different keys in parallel (property: n held lanes all start before any is released)', async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 2, max: 8 }), async (lanes) => {
          const laneBus = new EventBus();
          const held = gate();
          const started = new Set<string>();
          laneBus.inLanes('PositionChanged', 'prop', (e) => e.accountId, async (e) => {
            started.add(e.accountId);
            await held.opened;
          });
          for (let i = 0; i < lanes; i++) laneBus.publish(positionChanged(`acc-${i}`, 1));
          await hops(2);
          expect(started.size).toBe(lanes);
          held.open();
          await laneBus.whenIdle();
          laneBus.onModuleDestroy();
        }),
        { numRuns: 20 },
      );
    });
  });

  describe('whenIdle', () => {
    it('resolves only after the queued lane work has finished', async () => {
      const held = gate();
      const handled: number[] = [];
      bus.inLanes('PositionChanged', 'exec', (e) => e.accountId, async (e) => {
        if (e.netPos === 1) await held.opened;
        await hops(2);
        handled.push(e.netPos);
      });
      [1, 2, 3].forEach((n) => bus.publish(positionChanged('acc-1', n)));

      let idle = false;
      const waiting = bus.whenIdle().then(() => {
        idle = true;
      });
      await hops(5);
      expect(idle).toBe(false);

      held.open();
      await waiting;
      expect(handled).toEqual([1, 2, 3]); // not just the first: the two queued behind it too
    });

    it('waits for handlers of events published just before it was called', async () => {
      const handled: string[] = [];
      bus.on('QuoteReceived', 'quotes', async (e) => {
        await hops(3);
        handled.push(e.price);
      });
      bus.publish(quote('21000.25'));
      bus.publish(quote('21000.50'));
      await bus.whenIdle();
      expect(handled.sort()).toEqual(['21000.25', '21000.50']);
    });

    it('resolves at once when nothing is running', async () => {
      await expect(bus.whenIdle()).resolves.toBeUndefined();
    });

    it('still resolves when the queued work fails', async () => {
      bus.inLanes('PositionChanged', 'exec', (e) => e.accountId, async () => {
        await nextMacrotask();
        throw new Error('broker down');
      });
      [1, 2].forEach((n) => bus.publish(positionChanged('acc-1', n)));
      await bus.whenIdle();
      expect(errors).toHaveLength(2);
    });
  });

  describe('ofType', () => {
    it('delivers only the asked types, typed as those events', async () => {
      const prices: string[] = [];
      const pnls: string[] = [];
      bus.ofType('QuoteReceived').subscribe((e) => {
        const price: string = e.price; // narrowed: QuoteReceived has price
        prices.push(price);
        // @ts-expect-error a QuoteReceived has no accountId
        void e.accountId;
      });
      bus.ofType('TradeClosed', 'PositionChanged').subscribe((e) => {
        if (e.type === 'TradeClosed') pnls.push(e.pnlUsd);
        else pnls.push(`pos ${e.netPos}`);
      });

      bus.publish(quote('21000.25'));
      bus.publish(tradeClosed('40.00'));
      bus.publish(positionChanged('acc-1', 0));
      bus.publish(quote('21000.50'));

      expect(prices).toEqual(['21000.25', '21000.50']);
      expect(pnls).toEqual(['40.00', 'pos 0']);
    });

    it('on() with a list of types narrows the handler to their union', async () => {
      const seen: string[] = [];
      bus.on(['TradeClosed', 'QuoteReceived'], 'mixed', (e) => {
        seen.push(e.type === 'TradeClosed' ? e.pnlUsd : e.price);
      });
      bus.publish(positionChanged('acc-1', 1));
      bus.publish(tradeClosed('-12.50'));
      bus.publish(quote('21000.75'));
      await bus.whenIdle();
      expect(seen.sort()).toEqual(['-12.50', '21000.75']);
    });
  });
});
