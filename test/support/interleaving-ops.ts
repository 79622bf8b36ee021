import fc from 'fast-check';
import { startTestApp, TestApp } from './test-app';

/**
 * The alert, quote and control ops both interleaving properties (paper and Tradovate) draw from,
 * and the webhook bodies the alerts become. Broker-specific ops (faults) live in each spec.
 */

/**
 * How an op waits before the next one goes:
 * - `settle`: its answer, then until every bus handler is done;
 * - `answer`: only its HTTP answer (its orders may still be on the way when the next op arrives);
 * - `none`: not even the answer: the next op is sent while this one is still being served.
 */
export type Wait = 'settle' | 'answer' | 'none';
export const wait: fc.Arbitrary<Wait> = fc.constantFrom<Wait>('settle', 'answer', 'none');

export type AlertKind =
  | { kind: 'enter'; action: 'buy' | 'sell'; quantity: number | null }
  | {
      kind: 'close';
      action: 'close' | 'exit' | 'flat' | 'closelong' | 'closeshort';
    }
  /** a strategy's partial exit: it stays on `side`, `contracts` fewer */
  | { kind: 'reduce'; side: 'long' | 'short'; contracts: number }
  /** a strategy order that leaves the strategy flat */
  | { kind: 'strategyFlat'; action: 'buy' | 'sell' };

export const alertKind: fc.Arbitrary<AlertKind> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('enter' as const), action: fc.constantFrom('buy' as const, 'sell' as const), quantity: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('close' as const), action: fc.constantFrom('close' as const, 'exit' as const, 'flat' as const, 'closelong' as const, 'closeshort' as const) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('reduce' as const), side: fc.constantFrom('long' as const, 'short' as const), contracts: fc.integer({ min: 1, max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('strategyFlat' as const), action: fc.constantFrom('buy' as const, 'sell' as const) }) },
);

/**
 * Prices walk: most quotes move the market a few ticks (MNQ: 0.25 a tick) from where it is, some jump
 * a dozen or more, so the recorders' take profit, stop loss, trailing stop and break-even, a few ticks
 * out, are each hit now and then, not on every quote.
 */
export const priceStep = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: -6, max: 6 }) }, { weight: 1, arbitrary: fc.constantFrom(-18, -12, 12, 18) });

/**
 * The market zigzags: `first` ticks one way, `then` ticks back, `then` ticks forth again (sign: which
 * way first). A long gains a little and gives it back, a short gains after a small scare and gives it
 * back: what moves a break-even stop and then hits it, on either side.
 */
export const swing = fc.record({ first: fc.integer({ min: 2, max: 3 }), then: fc.integer({ min: 6, max: 9 }), sign: fc.constantFrom(1, -1) });
export type Swing = { first: number; then: number; sign: number };
export const swingLegs = (s: Swing) => [s.first, -s.then, s.then].map((leg) => s.sign * leg);

/**
 * How far a TradingView price (an alert's, a paper quote's) is from the broker venue's: always off it,
 * past any take profit or stop a recorder sets (at most 16 ticks), so a venue that acted on it would exit.
 */
export const offVenueTicks = fc.tuple(fc.integer({ min: 30, max: 60 }), fc.boolean()).map(([n, below]) => (below ? -n : n));
export const priceOf = (ticks: number) => (21000 + ticks * 0.25).toFixed(2);

/** The alert a TradingView strategy or indicator sends; `id` keeps dedupe from swallowing it. */
export function alertBody(a: AlertKind, id: string, price: string | null): Record<string, string> {
  const base: Record<string, string> = {
    id,
    ticker: 'MNQ1!',
    ...(price === null ? {} : { price }),
  };
  switch (a.kind) {
    case 'enter':
      return a.quantity === null ? { ...base, action: a.action } : { ...base, action: a.action, quantity: String(a.quantity) };
    case 'close':
      return { ...base, action: a.action };
    case 'reduce':
      return {
        ...base,
        action: a.side === 'long' ? 'sell' : 'buy',
        contracts: String(a.contracts),
        market_position: a.side,
      };
    case 'strategyFlat':
      return {
        ...base,
        action: a.action,
        contracts: '1',
        market_position: 'flat',
      };
  }
}

export type DriftPolicy = 'alert' | 'adopt' | 'flatten';
/** The drift policy of a generated account. */
export const driftPolicy: fc.Arbitrary<DriftPolicy> = fc.constantFrom<DriftPolicy>('alert', 'adopt', 'flatten');

/**
 * A trailing stop or a break-even (or neither), close enough that it tightens the stop before the
 * take profit or the stop loss is hit: a trail tighter than the stop loss, a break-even a tick or three out.
 */
const stopRatchet = fc.oneof(
  { weight: 2, arbitrary: fc.constant({}) },
  { weight: 3, arbitrary: fc.record({ trailTriggerTicks: fc.integer({ min: 0, max: 2 }), trailDistanceTicks: fc.integer({ min: 2, max: 3 }) }) },
  // the stop moves to entry + offset, and the offset must stay under the trigger
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 2 }).chain((be) => fc.record({ breakEvenTicks: fc.constant(be), breakEvenOffsetTicks: fc.integer({ min: 0, max: be - 1 }) })) },
);

/** A recorder with take profit / stop loss (and maybe a trailing stop or break-even) a few ticks out, so the generated quotes hit them. */
export const recorderSettings = fc
  .tuple(
    fc.record({
      quantity: fc.integer({ min: 1, max: 3 }),
      takeProfitTicks: fc.integer({ min: 4, max: 16 }),
      stopLossTicks: fc.integer({ min: 4, max: 16 }),
      dcaEnabled: fc.boolean(),
      sameSide: fc.constantFrom('ignore' as const, 'reenter' as const),
    }),
    stopRatchet,
  )
  .map(([base, ratchet]) => ({ ...base, ...ratchet }));

/**
 * The test app with its HTTP server listening on a port of its own. Requests sent concurrently need
 * it: against a server that is not listening, supertest listens and closes it again per request, and
 * one request's close resets the other's connection.
 */
export async function startListeningApp(options: Parameters<typeof startTestApp>[0] = {}): Promise<TestApp> {
  const t = await startTestApp(options);
  await new Promise<void>((resolve) => t.app.getHttpServer().listen(0, '127.0.0.1', () => resolve()));
  return t;
}

/**
 * Sends an op's request and waits as the op says. Requests sent without waiting are kept, drained
 * before a restart and at the end of a run, and their errors reported instead of thrown mid-run.
 */
export class Sender {
  private pending: Promise<string | null>[] = [];
  private readonly failed: string[] = [];
  private readonly lastOf = new Map<string, Promise<unknown>>();

  constructor(private readonly app: () => TestApp) {}

  /** `exclusive`: the request waits for the previous one of the same name to be answered first. */
  async send(request: PromiseLike<unknown>, how: Wait, exclusive?: string): Promise<void> {
    const before = exclusive ? this.lastOf.get(exclusive) : undefined;
    const sent = before ? before.then(() => request) : Promise.resolve(request);
    if (exclusive) this.lastOf.set(exclusive, sent.catch(() => undefined));
    if (how === 'none') {
      this.pending.push(sent.then(() => null, (e: Error) => e.message));
      return;
    }
    await sent;
    if (how === 'settle') await this.app().settle();
  }

  async drain(): Promise<void> {
    const errors = await Promise.all(this.pending);
    this.pending = [];
    this.failed.push(...errors.filter((e): e is string => e !== null));
  }

  failures(): string[] {
    return this.failed.map((e) => `a request sent without waiting failed: ${e}`);
  }
}

/**
 * How long a property may run before it counts as cut short (a failure). Its runs take under a
 * minute on an idle machine; the limit is generous so a busy machine (the suite twice at once, CI's
 * two cores) slows it down without failing it, while a hang still fails.
 */
export const PROPERTY_TIME_LIMIT_MS = 420_000;

/**
 * fast-check settings for the interleaving properties: a fixed seed so a failure reproduces run for
 * run (fast-check prints seed and path: put them here to replay a shrunk case). JT_PROPERTY_SEED and
 * JT_PROPERTY_RUNS explore further by hand, e.g. `JT_PROPERTY_SEED=7 JT_PROPERTY_RUNS=200 npx jest exit-interleavings`.
 */
export function propertySettings(seed: number, numRuns: number, interruptAfterTimeLimit: number) {
  const limited = !process.env.JT_PROPERTY_RUNS;
  return {
    seed: Number(process.env.JT_PROPERTY_SEED ?? seed),
    numRuns: Number(process.env.JT_PROPERTY_RUNS ?? numRuns),
    interruptAfterTimeLimit: limited ? interruptAfterTimeLimit : undefined,
    // runs cut short by the time limit proved less than the property claims: that is a failure, not a pass
    markInterruptAsFailure: limited,
  };
}
