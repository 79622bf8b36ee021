import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { Fill } from '../../src/modules/execution/entities/fill.entity';
import { anAccount, aRecorder, aTrader, brokerNetPos, netPosOf, OrderRow, ordersInSequence, sendAlert } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Random alert sequences to one recorder traded on two paper accounts. Whatever the sequence:
 * the broker, our book and the recorded fills agree; every order is a market order; no close or
 * reduce ever flips a position; caps hold; and an account trading the recorder 1:1 ends where the
 * recorder's virtual position ends.
 */

type Step =
  | { kind: 'enter'; action: 'buy' | 'sell'; quantity?: number; price: string }
  | { kind: 'close'; action: 'close' | 'exit' | 'flat' | 'closelong' | 'closeshort'; price: string }
  | { kind: 'reduce'; side: 'long' | 'short'; contracts: number; price: string }
  | { kind: 'strategyFlat'; action: 'buy' | 'sell'; price: string };

const price = fc.integer({ min: -200, max: 200 }).map((k) => (21000 + k * 0.25).toFixed(2));
const contracts = fc.integer({ min: 1, max: 3 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('enter' as const), action: fc.constantFrom('buy' as const, 'sell' as const), quantity: fc.option(contracts, { nil: undefined }), price }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('close' as const), action: fc.constantFrom('close' as const, 'exit' as const, 'flat' as const, 'closelong' as const, 'closeshort' as const), price }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reduce' as const), side: fc.constantFrom('long' as const, 'short' as const), contracts, price }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('strategyFlat' as const), action: fc.constantFrom('buy' as const, 'sell' as const), price }) },
);

/** The alert a TradingView strategy or indicator would send for the step. */
function bodyOf(s: Step, id: string): Record<string, string | number> {
  const base = { id, ticker: 'MNQ1!', price: s.price };
  switch (s.kind) {
    case 'enter':
      return s.quantity === undefined ? { ...base, action: s.action } : { ...base, action: s.action, quantity: String(s.quantity) };
    case 'close':
      return { ...base, action: s.action };
    case 'reduce': // a strategy's partial exit: the strategy stays on its side
      return { ...base, action: s.side === 'long' ? 'sell' : 'buy', contracts: String(s.contracts), market_position: s.side };
    case 'strategyFlat':
      return { ...base, action: s.action, contracts: '1', market_position: 'flat' };
  }
}

const scenario = fc.record({
  recorder: fc.record({
    quantity: fc.integer({ min: 1, max: 3 }),
    dcaEnabled: fc.boolean(),
    sameSide: fc.constantFrom('ignore' as const, 'reenter' as const),
  }),
  follower: fc.record({
    multiplier: fc.constantFrom('1', '2', '0.5', '1.5'),
    maxQuantity: fc.option(fc.integer({ min: 2, max: 6 }), { nil: null }),
  }),
  steps: fc.array(step, { minLength: 1, maxLength: 8 }),
  /** false: the alerts arrive back to back, each recorder and account lane keeps them in order */
  settleBetween: fc.boolean(),
});

const signed = (o: Pick<OrderRow, 'action' | 'filledQuantity'>) => (o.action === 'Buy' ? o.filledQuantity : -o.filledQuantity);

/** Replays the account's orders in broker order and checks each one against the position before it. */
function checkOrderSequence(orders: OrderRow[], maxQuantity: number | null): number {
  let pos = 0;
  for (const order of orders) {
    expect(order.orderType).toBe('Market');
    expect(order.status).toBe('filled'); // quotes always exist and no account limit is set: nothing to reject
    expect(order.filledQuantity).toBe(order.quantity);
    const delta = signed(order);
    const after = pos + delta;
    const context = `${order.purpose} ${order.action} ${order.quantity} at position ${pos}`;
    if (order.purpose === 'close' || order.purpose === 'reduce' || order.purpose === 'flatten') {
      expect({ context, closesSomething: pos !== 0 }).toEqual({ context, closesSomething: true });
      expect({ context, opposite: Math.sign(delta) === -Math.sign(pos) }).toEqual({ context, opposite: true });
      expect({ context, neverFlips: Math.abs(delta) <= Math.abs(pos) }).toEqual({ context, neverFlips: true });
      if (order.purpose === 'close') expect({ context, after }).toEqual({ context, after: 0 });
    } else if (order.purpose === 'open') {
      expect({ context, fromFlat: pos }).toEqual({ context, fromFlat: 0 });
    } else if (order.purpose === 'add') {
      expect({ context, sameSide: pos !== 0 && Math.sign(delta) === Math.sign(pos) }).toEqual({ context, sameSide: true });
    }
    if (maxQuantity !== null) expect({ context, withinCap: Math.abs(after) <= maxQuantity }).toEqual({ context, withinCap: true });
    pos = after;
  }
  return pos;
}

describe('random alert sequences on two copying accounts', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('broker = book = recorded fills, market orders only, closes never flip, caps hold', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ recorder: settings, follower, steps, settleBetween }) => {
        run++;
        const recorder = await aRecorder(t, settings);
        const mirror = await anAccount(t); // trades the recorder 1:1, no cap
        const copier = await anAccount(t);
        await aTrader(t, recorder.id, mirror.id);
        await aTrader(t, recorder.id, copier.id, follower);

        for (const [i, s] of steps.entries()) {
          const res = await sendAlert(t, recorder.webhookToken, bodyOf(s, `run${run}-alert${i}`));
          expect({ i, status: res.status, answer: res.body.status }).toEqual({ i, status: 200, answer: 'accepted' });
          if (settleBetween) await t.settle();
        }
        await t.settle();

        const fills = t.app.get(DataSource).getRepository(Fill);
        for (const [account, cap] of [[mirror, null], [copier, follower.maxQuantity]] as const) {
          const orders = await ordersInSequence(t, account.id);
          const replayed = checkOrderSequence(orders, cap);
          const fromOrders = orders.reduce((sum, o) => sum + signed(o), 0);
          const fromFills = (await fills.findBy({ accountId: account.id })).reduce((sum, f) => sum + (f.action === 'Buy' ? f.quantity : -f.quantity), 0);
          const book = await netPosOf(t, account.id);
          const broker = await brokerNetPos(t, account.id);
          expect({ account: account.name, book, broker, fromFills, fromOrders, replayed }).toEqual({
            account: account.name, book: broker, broker, fromFills: broker, fromOrders: broker, replayed: broker,
          });
        }

        const virtual = (await t.api.get(`/api/recorders/${recorder.id}`).expect(200)).body.virtualPositions as Array<{ netPos: number }>;
        expect({ mirror: await netPosOf(t, mirror.id) }).toEqual({ mirror: virtual[0]?.netPos ?? 0 });
      }),
      { numRuns: 25, interruptAfterTimeLimit: 150_000, markInterruptAsFailure: true },
    );
  }, 180_000);
});
