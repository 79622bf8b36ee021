import { BrokerReadError, type BrokerEvent } from '../broker.port';
import { PaperBroker } from './paper-broker';
import { ACCOUNT, aMarketOrder, aPaperMarket, MNQ } from './paper-test-builders';

describe('PaperBroker', () => {
  const aBroker = () => {
    const market = aPaperMarket();
    market.exchange.setQuote(MNQ, { price: '21000', bid: '20999.75', ask: '21000.25' });
    return { ...market, broker: new PaperBroker(market.exchange) };
  };

  it('is the paper kind', () => {
    expect(aBroker().broker.kind).toBe('paper');
  });

  it('places, reads back and liquidates through the port', async () => {
    const { broker } = aBroker();
    const seen: BrokerEvent[] = [];
    broker.events$.subscribe((e) => seen.push(e));

    const placed = await broker.placeOrder(aMarketOrder({ action: 'Sell', quantity: 2 }));
    expect(placed).toEqual({ accepted: true, brokerOrderId: '1' });
    await expect(broker.getPosition(ACCOUNT, MNQ)).resolves.toEqual({
      accountRef: ACCOUNT,
      contract: MNQ,
      netPos: -2,
      avgPrice: '20999.75',
    });

    const closed = await broker.liquidatePosition(ACCOUNT, MNQ, 'close-1');
    expect(closed).toEqual({ accepted: true, brokerOrderId: '2' });
    await expect(broker.listPositions(ACCOUNT)).resolves.toEqual([
      { accountRef: ACCOUNT, contract: MNQ, netPos: 0, avgPrice: null },
    ]);
    await expect(broker.listOrders(ACCOUNT)).resolves.toHaveLength(2);
    expect(seen.filter((e) => e.kind === 'fill')).toHaveLength(2);
  });

  it('returns rejections as data, not exceptions', async () => {
    const { broker } = aBroker();
    await expect(broker.placeOrder(aMarketOrder({ quantity: 0 }))).resolves.toMatchObject({
      accepted: false,
      reason: 'InvalidQuantity',
    });
    await expect(broker.cancelOrder(ACCOUNT, '42')).resolves.toMatchObject({ ok: false, reason: 'UnknownOrder' });
    await expect(broker.liquidatePosition(ACCOUNT, MNQ, 'flat')).resolves.toMatchObject({ reason: 'NoPosition' });
  });

  it('reports a flat position for a known account that never traded the contract', async () => {
    const { broker } = aBroker();
    await expect(broker.getPosition(ACCOUNT, MNQ)).resolves.toEqual({ accountRef: ACCOUNT, contract: MNQ, netPos: 0, avgPrice: null });
  });

  it('never reports an unknown account as flat: reads throw BrokerReadError', async () => {
    const { broker } = aBroker();
    await expect(broker.getPosition('nobody', MNQ)).rejects.toBeInstanceOf(BrokerReadError);
    await expect(broker.listPositions('nobody')).rejects.toBeInstanceOf(BrokerReadError);
    await expect(broker.listOrders('nobody')).rejects.toThrow(/Paper account nobody does not exist/);
  });
});
