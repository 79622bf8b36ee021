import { EventBus } from '../../src/core/bus/event-bus';
import { DomainEvent } from '../../src/core/bus/events';
import { Broker } from '../../src/modules/broker/broker.port';
import { BrokerRegistry } from '../../src/modules/broker/broker-registry';
import { AdvancedExitManager } from '../../src/modules/exits/advanced-exit-manager.service';
import { anAccount, aRecorder, aTrader, positionsOf, sendAlert } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

/** Counts the broker's reads (the paper broker instance shared by every paper account). */
function countReads(broker: Broker) {
  const counts = { getPosition: 0, listPositions: 0 };
  const getPosition = broker.getPosition.bind(broker);
  const listPositions = broker.listPositions.bind(broker);
  broker.getPosition = (ref, contract) => (counts.getPosition++, getPosition(ref, contract));
  broker.listPositions = (ref) => (counts.listPositions++, listPositions(ref));
  return counts;
}

describe('kill switch confirmation', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp()));
  afterEach(() => t.close());

  async function twoLongAccounts() {
    const recorder = await aRecorder(t, { quantity: 2 });
    const a1 = await anAccount(t);
    const a2 = await anAccount(t);
    await aTrader(t, recorder.id, a1.id);
    await aTrader(t, recorder.id, a2.id);
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
    await t.settle();
    expect(await positionsOf(t, a1.id)).toEqual([expect.objectContaining({ netPos: 2 })]);
    return { a1, a2, broker: t.app.get(BrokerRegistry).forAccount(a1.id).broker };
  }

  it("confirms every account flat from the broker's position events: one positions read per account, no re-read", async () => {
    const { a1, a2, broker } = await twoLongAccounts();
    const reads = countReads(broker);
    const res = await t.api.post('/api/kill-switch', { reason: 'test' }).expect(200);
    expect(res.body.allFlat).toBe(true);
    expect(res.body.accounts.map((a: { positions: { before: number; result: string }[] }) => a.positions)).toEqual([
      [{ contract: 'MNQZ6', before: 2, result: 'flat', detail: null }],
      [{ contract: 'MNQZ6', before: 2, result: 'flat', detail: null }],
    ]);
    expect(reads).toEqual({ listPositions: 2, getPosition: 0 });
    for (const account of [a1, a2]) {
      expect((await broker.getPosition(t.app.get(BrokerRegistry).forAccount(account.id).accountRef, 'MNQZ6')).netPos).toBe(0);
      expect(await positionsOf(t, account.id)).toEqual([]);
    }
    const machines = await t.app.get(AdvancedExitManager).listAll();
    expect(machines.map((m) => [m.state, m.lastResult])).toEqual([
      ['IDLE', 'confirmed at the broker: position 0'],
      ['IDLE', 'confirmed at the broker: position 0'],
    ]);
  });

  it("when the broker's position events are lost, the bounded read confirms flat", async () => {
    const { a1, a2, broker } = await twoLongAccounts();
    const bus = t.app.get(EventBus);
    const publish = bus.publish.bind(bus);
    // the socket drops every position event from here on
    bus.publish = (event: DomainEvent) => (event.type === 'PositionUpdated' ? undefined : publish(event));
    const reads = countReads(broker);
    const res = await t.api.post('/api/kill-switch', { reason: 'test' }).expect(200);
    expect(res.body.allFlat).toBe(true);
    expect(reads.getPosition).toBeGreaterThanOrEqual(2);
    for (const account of [a1, a2]) {
      expect((await broker.getPosition(t.app.get(BrokerRegistry).forAccount(account.id).accountRef, 'MNQZ6')).netPos).toBe(0);
    }
  });
});
