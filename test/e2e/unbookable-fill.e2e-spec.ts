import { EventBus } from '../../src/core/bus/event-bus';
import { FillUnrecorded } from '../../src/core/bus/events';
import { aTradedRecorder, netPosOf, ordersInSequence, positionsOf, sendAlert, signalOf } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

const FORTY_DIGITS = '1234567890123456789012345678901234567890';

/** Issue 9 part 8: every fill the broker reports is on the book; one that cannot be booked halts its account loudly. */
describe('a broker fill the book cannot price', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp()));
  afterEach(() => t.close());

  const brokerReports = (accountId: string, action: 'Buy' | 'Sell', quantity: number, price: string, id: string) =>
    t.app.get(EventBus).publish({
      type: 'FillReceived',
      ts: t.clock.nowIso(),
      accountId,
      fill: { brokerFillId: id, brokerOrderId: `bo-${id}`, clOrdId: null, accountRef: accountId, contract: 'MNQZ6', action, quantity, price, ts: t.clock.nowIso() },
    });

  it('keeps the broker quantity on the book, halts the account (visible in /api/status), says so loudly, and blocks new entries there only', async () => {
    const unrecorded: FillUnrecorded[] = [];
    t.app.get(EventBus).on('FillUnrecorded', 'test', (e) => void unrecorded.push(e));
    const { account, recorder } = await aTradedRecorder(t);
    const other = await aTradedRecorder(t);
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
    expect(await netPosOf(t, account.id)).toBe(1);

    brokerReports(account.id, 'Buy', 31, FORTY_DIGITS, 'huge-1');
    await t.settle();

    expect(await positionsOf(t, account.id)).toEqual([expect.objectContaining({ contract: 'MNQZ6', netPos: 32 })]);
    expect(unrecorded).toEqual([expect.objectContaining({ accountId: account.id, brokerFillId: 'huge-1', reason: expect.stringMatching(/Buy 31 MNQZ6 @ 123456789012345678901234\.\.\. .*could not be booked/) })]);
    const status = (await t.api.get('/api/status').expect(200)).body;
    expect(status.trading.state).toBe('active');
    expect(status.haltedAccounts).toEqual([expect.objectContaining({ accountId: account.id, reason: expect.stringMatching(/could not be booked/) })]);

    const res = await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'sell', price: '21000.00', quantity: 1 }).expect(200);
    await t.settle();
    expect((await signalOf(t, res.body.signalId)).timeline).toContainEqual(expect.objectContaining({ accountId: account.id, step: 'order_blocked', detail: expect.stringMatching(/^account halted: /) }));
    // the reversal's close still goes (exits are never blocked); its new side does not
    expect((await ordersInSequence(t, account.id)).map((o) => [o.purpose, o.status])).toEqual([['open', 'filled'], ['close', 'filled']]);

    await sendAlert(t, other.recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
    expect(await netPosOf(t, other.account.id)).toBe(1);
  });

  it('the same report again changes nothing; fills after it follow the quantity until flat, and re-arming clears the halt', async () => {
    const { account, recorder } = await aTradedRecorder(t);
    brokerReports(account.id, 'Buy', 2, FORTY_DIGITS, 'huge-2');
    brokerReports(account.id, 'Buy', 2, FORTY_DIGITS, 'huge-2');
    await t.settle();
    expect(await netPosOf(t, account.id)).toBe(2);
    brokerReports(account.id, 'Sell', 2, '21000.00', 'normal-3');
    await t.settle();
    expect(await positionsOf(t, account.id)).toEqual([]);

    await t.api.post('/api/kill-switch/rearm').expect((r) => expect(r.status).toBeLessThan(300));
    expect((await t.api.get('/api/status').expect(200)).body.haltedAccounts).toEqual([]);
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
    expect(await netPosOf(t, account.id)).toBe(1);
  });
});
