import fc from 'fast-check';
import { EventBus } from '../../src/core/bus/event-bus';
import { BrokerRegistry } from '../../src/modules/broker/broker-registry';
import { FakeTradovate, startFakeTradovate } from '../fakes/tradovate/fake-tradovate-server';
import { aRecorder, aTrader, sendAlert } from '../support/builders';
import { accountViolations, BrokerTruth, describeOps, ExerciseTally, ourOrders, settleUntilIdle, VenuePriceWitness } from '../support/exit-invariants';
import { alertBody, AlertKind, alertKind, driftPolicy, offVenueTicks, priceOf, priceStep, propertySettings, PROPERTY_TIME_LIMIT_MS, recorderSettings, Sender, startListeningApp, swing, Swing, swingLegs, Wait, wait } from '../support/interleaving-ops';
import { TestApp } from '../support/test-app';
import { aTradovateAccount, eventually } from './tradovate/tradovate-support';

/**
 * Random interleavings against the fake Tradovate of market-data quotes (which hit recorders' take
 * profit / stop loss / trailing stop / break-even), alerts from two recorders on two Tradovate accounts
 * and paper quotes, both at TradingView prices far off the venue's, kill switch trips and
 * re-arms, reconciles, flattens, orders the venue rejects (at once or over the socket), fills split in
 * parts, dropped sockets (waited for or not) and restarts of the app against the same venue. Whatever
 * the interleaving, per account: no close ever flipped a position, every exit was a market order, the
 * book and the recorded fills are the venue's, the trades add up to the fills' P&L once flat, and every
 * exit machine is back in IDLE; and no exit was hit by a price Tradovate never quoted.
 */

const ACCOUNT_NAMES = ['DEMO1234567', 'DEMO7654321'] as const;

type Op =
  | { op: 'quote'; step: number; wait: Wait }
  | { op: 'swing'; swing: Swing }
  /** an alert, priced or not; its price is TradingView's, this many ticks off the venue's */
  | { op: 'alert'; recorder: 0 | 1; alert: AlertKind; offVenue: number | null; wait: Wait }
  /** POST /api/paper/quotes at a price this many ticks off the venue's: it must move no Tradovate position */
  | { op: 'paperQuote'; offVenue: number; wait: Wait }
  | { op: 'reject'; mode: 'sync' | 'async' }
  /** the next order to execute fills 1 contract first, then the rest */
  | { op: 'splitFill' }
  | { op: 'dropSockets'; kind: 'trading' | 'all'; waitReconnect: boolean }
  | { op: 'killSwitch'; wait: Wait }
  | { op: 'rearm'; wait: Wait }
  | { op: 'reconcile'; wait: Wait }
  | { op: 'flatten'; account: 0 | 1; wait: Wait }
  | { op: 'restart'; waitConnected: boolean };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('quote' as const), step: priceStep, wait }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('swing' as const), swing }) },
  { weight: 8, arbitrary: fc.record({ op: fc.constant('alert' as const), recorder: fc.constantFrom(0 as const, 1 as const), alert: alertKind, offVenue: fc.option(offVenueTicks, { nil: null }), wait }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('paperQuote' as const), offVenue: offVenueTicks, wait }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('reject' as const), mode: fc.constantFrom('sync' as const, 'async' as const) }) },
  { weight: 3, arbitrary: fc.constant({ op: 'splitFill' as const }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('dropSockets' as const), kind: fc.constantFrom('trading' as const, 'all' as const), waitReconnect: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('killSwitch' as const), wait }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('rearm' as const), wait }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reconcile' as const), wait }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('flatten' as const), account: fc.constantFrom(0 as const, 1 as const), wait }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('restart' as const), waitConnected: fc.boolean() }) },
);

/** Each kind of exit and fault the runs must really go through, at least this often across all runs. */
const TRADOVATE_MINIMUMS = {
  'exit: take_profit': 2,
  'exit: stop_loss': 1,
  'exit: trailing_stop': 1,
  'exit: break_even': 1,
  'exit: kill switch': 2,
  'op: reconcile': 2,
  'orders rejected': 1,
  'orders filled in parts': 1,
  'op: restart': 1,
  'op: paperQuote': 2,
};

const scenario = fc.record({
  recorders: fc.tuple(recorderSettings, recorderSettings),
  driftPolicies: fc.tuple(driftPolicy, driftPolicy),
  multiplier: fc.constantFrom('1', '2'),
  opening: fc.constantFrom('buy' as const, 'sell' as const),
  ops: fc.array(op, { minLength: 6, maxLength: 12 }),
});

/** The fake venue's own record of one account and contract: fills in the order they happened. */
function venueTruth(fake: FakeTradovate, accountName: string, contract: string): BrokerTruth {
  const venue = fake.state.demo;
  const contractId = fake.contract(contract).id;
  const orders = venue.orders(accountName).filter((o) => o.contractId === contractId);
  const ids = new Set(orders.map((o) => o.id));
  return {
    netPos: venue.position(accountName, contract)?.netPos ?? 0,
    fills: venue.store
      .all('fill')
      .filter((f) => ids.has(f.orderId))
      .sort((a, b) => a.id - b.id)
      .map((f) => ({ brokerFillId: String(f.id), brokerOrderId: String(f.orderId), action: f.action, quantity: f.qty, price: f.price })),
    orders: orders.map((o) => ({ brokerOrderId: String(o.id), clOrdId: o.clOrdId ?? null, action: o.action, quantity: o.version?.orderQty ?? 0, orderType: o.version?.orderType ?? '?' })),
  };
}

function fakeEnv(fake: FakeTradovate): Record<string, string> {
  return { TRADOVATE_DEMO_URL: fake.restBase, TRADOVATE_LIVE_URL: fake.liveRestBase, TRADOVATE_MD_URL: fake.mdWsUrl };
}

/**
 * Waits until the account is bound to its Tradovate connection and its position reads. Not the
 * account's `status`: that can stay `connecting` after the connection is up (reported in the run's notes).
 */
function tradable(t: TestApp, accountId: string, contract: string): Promise<unknown> {
  return eventually(async () => {
    const { broker, accountRef } = t.app.get(BrokerRegistry).forAccount(accountId);
    return broker.getPosition(accountRef, contract);
  }, 15_000);
}

/** Resolves when every account has announced a reconnect, or after `ms`, or when the app closes: start it before the drop. */
function reconnected(t: TestApp, accountIds: string[], ms = 10_000): Promise<void> {
  return new Promise((resolve) => {
    const seen = new Set<string>();
    const done = () => {
      clearTimeout(timeout);
      subscription?.unsubscribe();
      resolve();
    };
    const timeout = setTimeout(done, ms);
    const subscription = t.app
      .get(EventBus)
      .ofType('BrokerReconnected')
      .subscribe({
        next: (e) => {
          seen.add(e.accountId);
          if (accountIds.every((id) => seen.has(id))) done();
        },
        complete: done,
      });
  });
}

describe('exit interleavings against the fake Tradovate', () => {
  let t: TestApp | null = null;
  let fake: FakeTradovate | null = null;
  const tally = new ExerciseTally();
  const witness = new VenuePriceWitness('tradovate');
  afterEach(async () => {
    await t?.close();
    await fake?.close();
    t = null;
    fake = null;
  });
  afterAll(() => tally.print('Tradovate interleavings exercised:'));

  it('no close flips, exits are market, book = venue = recorded fills, trades = fills P&L, machines IDLE', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ recorders: settings, driftPolicies, multiplier, opening, ops }) => {
        run++;
        await t?.close();
        await fake?.close();
        fake = await startFakeTradovate();
        const venue = fake;
        const mnq = venue.frontContract('MNQ');
        let market = 0; // ticks from 21000.00
        const quote = () => venue.setQuote(mnq, { bid: Number(priceOf(market)), ask: Number(priceOf(market + 1)), last: Number(priceOf(market)) });
        quote();
        // a request budget well above what the runs use: the checks and confirmation polls should not queue behind it
        const env = { ...fakeEnv(venue), TRADOVATE_TIMEOUT_MS: '3000', TRADOVATE_RATE_PER_MIN: '6000', TRADOVATE_RATE_BURST: '200', JT_RECONCILE_INTERVAL_SEC: '0' };
        t = await startListeningApp({ env });
        tally.watchExits(t);
        witness.watch(t);
        const app = () => t as TestApp;
        const accounts: Array<{ id: string }> = [];
        for (const [n, name] of ACCOUNT_NAMES.entries()) accounts.push(await aTradovateAccount(app(), { accountSpec: name, driftPolicy: driftPolicies[n] }));
        const connected = () => Promise.all(accounts.map((a) => tradable(app(), a.id, mnq)));
        await connected();
        const recorders = [await aRecorder(app(), settings[0]), await aRecorder(app(), settings[1])];
        await aTrader(app(), recorders[0].id, accounts[0].id);
        await aTrader(app(), recorders[0].id, accounts[1].id, { multiplier });
        await aTrader(app(), recorders[1].id, accounts[0].id);
        await sendAlert(app(), recorders[0].webhookToken, { id: `run${run}-opening`, ticker: 'MNQ1!', action: opening, quantity: '2' }).expect(200);
        await settleUntilIdle(app());

        const sender = new Sender(app);
        try {
          for (const [i, step] of ops.entries()) {
            tally.add(`op: ${step.op}`);
            app().clock.advance(100);
            switch (step.op) {
              case 'quote':
                market += step.step;
                quote();
                if (step.wait !== 'none') await new Promise((r) => setTimeout(r, 20)); // the quote travels the market-data socket
                if (step.wait === 'settle') await app().settle();
                break;
              case 'swing':
                // each leg reaches the app before the next one moves the market
                for (const leg of swingLegs(step.swing)) {
                  market += leg;
                  quote();
                  await new Promise((r) => setTimeout(r, 20));
                  await app().settle();
                }
                break;
              case 'alert': {
                const body = alertBody(step.alert, `run${run}-op${i}`, step.offVenue === null ? null : priceOf(market + step.offVenue));
                await sender.send(sendAlert(app(), recorders[step.recorder].webhookToken, body).expect(200), step.wait);
                break;
              }
              case 'paperQuote':
                await sender.send(app().api.post('/api/paper/quotes', { symbol: 'MNQ1!', price: priceOf(market + step.offVenue) }).expect(200), step.wait);
                break;
              case 'reject':
                venue.faults.rejectNextOrder('MaxPosLimitReached', `rejected by op ${i}`, { mode: step.mode });
                break;
              case 'splitFill':
                venue.faults.splitNextFill([1]);
                break;
              case 'dropSockets': {
                const back = reconnected(app(), accounts.map((a) => a.id));
                venue.faults.dropSockets(step.kind);
                if (step.waitReconnect) await back;
                break;
              }
              case 'killSwitch':
                await sender.send(app().api.post('/api/kill-switch', { reason: `op ${i}` }).expect(200), step.wait, 'kill switch');
                break;
              case 'rearm':
                await sender.send(app().api.post('/api/kill-switch/rearm', {}).expect(200), step.wait);
                break;
              case 'reconcile':
                await sender.send(app().api.post('/api/reconcile').expect(200), step.wait);
                break;
              case 'flatten':
                // right after a restart the Tradovate session may still be logging in: 503, try again later
                await sender.send(app().api.post(`/api/accounts/${accounts[step.account].id}/flatten`).expect((res) => expect([200, 503]).toContain(res.status)), step.wait);
                break;
              case 'restart': {
                await sender.drain();
                const { dataDir, clock } = app();
                await app().close();
                t = await startListeningApp({ dataDir, env, now: new Date(clock.now().getTime() + 1000).toISOString() });
                tally.watchExits(t);
                witness.watch(t);
                if (step.waitConnected) await connected();
                break;
              }
            }
          }
        } finally {
          await sender.drain();
        }
        // faults armed but never consumed must not hit the final kill switch
        venue.faults.clear();
        await connected();

        const check = async (stage: string) => {
          // socket events trail the HTTP answers: the books must agree, eventually (bounded)
          const deadline = Date.now() + 8_000;
          for (;;) {
            const busy = await settleUntilIdle(app());
            const violations = busy.map((m) => `${stage}: exit machine of ${m.accountId} ${m.contract} still ${m.state} (${m.reason})`);
            for (const [n, account] of accounts.entries()) {
              violations.push(...(await accountViolations(app(), `${stage} account ${n}`, account.id, mnq, venueTruth(venue, ACCOUNT_NAMES[n], mnq))));
            }
            if (violations.length === 0 || Date.now() > deadline) return violations;
            await new Promise((r) => setTimeout(r, 100));
          }
        };
        const afterOps = [...sender.failures(), ...(await check('after the ops')), ...witness.violations()];
        for (const account of accounts) tally.addOrders(await ourOrders(app(), account.id));
        for (const n of accounts.keys()) tally.addFills(venueTruth(venue, ACCOUNT_NAMES[n], mnq));
        // then the kill switch flattens what is left: the books must still agree, now flat, trades included
        const trip = await app().api.post('/api/kill-switch', { reason: 'end of run' }).expect(200);
        const afterKill = await check('after a final kill switch');
        if (!trip.body.allFlat) afterKill.push(`final kill switch not all flat: ${JSON.stringify(trip.body.accounts)}`);
        expect({ run, ops: describeOps(ops), violations: [...afterOps, ...afterKill, ...witness.violations()] }).toEqual({ run, ops: describeOps(ops), violations: [] });
      }),
      propertySettings(20261130, 16, PROPERTY_TIME_LIMIT_MS),
    );
    // a property whose runs never reach an exit proves nothing about it
    expect(tally.shortOf(TRADOVATE_MINIMUMS)).toEqual([]);
  }, Number(process.env.JT_PROPERTY_RUNS ?? 0) * 10_000 + PROPERTY_TIME_LIMIT_MS + 60_000);
});
