import { ACCOUNT, aLimitOrder, aMarketOrder, aPaperMarket, aStopOrder, eventStory, ES, MNQ } from './paper-test-builders';

describe('PaperExchange liquidate', () => {
  const openPosition = (action: 'Buy' | 'Sell', quantity: number) => {
    const market = aPaperMarket();
    market.exchange.setQuote(MNQ, { price: '21000', bid: '20999.75', ask: '21000.25' });
    market.exchange.placeOrder(aMarketOrder({ action, quantity }));
    market.events.length = 0;
    return market;
  };

  it('closes a LONG with a market SELL of the open quantity', () => {
    const { exchange, events } = openPosition('Buy', 3);

    const result = exchange.liquidate(ACCOUNT, MNQ, 'flatten-1');

    expect(result).toEqual({ accepted: true, brokerOrderId: '2' });
    const closing = exchange.listOrders(ACCOUNT)!.find((o) => o.clOrdId === 'flatten-1');
    expect(closing).toMatchObject({ action: 'Sell', quantity: 3, orderType: 'Market', status: 'Filled', avgFillPrice: '20999.75' });
    expect(eventStory(events)).toEqual(['order:PendingNew', 'order:Working', 'fill', 'order:Filled', 'position']);
    expect(exchange.getPosition(ACCOUNT, MNQ)).toMatchObject({ netPos: 0, avgPrice: null });
  });

  it('closes a SHORT with a market BUY of the open quantity', () => {
    const { exchange } = openPosition('Sell', 2);

    exchange.liquidate(ACCOUNT, MNQ, 'flatten-2');

    const closing = exchange.listOrders(ACCOUNT)!.find((o) => o.clOrdId === 'flatten-2');
    expect(closing).toMatchObject({ action: 'Buy', quantity: 2, status: 'Filled', avgFillPrice: '21000.25' });
    expect(exchange.getPosition(ACCOUNT, MNQ)).toMatchObject({ netPos: 0, avgPrice: null });
  });

  it('cancels the working orders on that contract first, and only those', () => {
    const { exchange, events } = openPosition('Buy', 1);
    exchange.setQuote(ES, { price: '6000' });
    exchange.placeOrder(aLimitOrder('21050', { action: 'Sell', clOrdId: 'tp' }));
    exchange.placeOrder(aStopOrder('20950', { action: 'Sell', clOrdId: 'sl' }));
    exchange.placeOrder(aLimitOrder('5990', { contract: ES, clOrdId: 'es-entry' }));
    events.length = 0;

    exchange.liquidate(ACCOUNT, MNQ, 'flatten-3');

    expect(eventStory(events)).toEqual([
      'order:Canceled',
      'order:Canceled',
      'order:PendingNew',
      'order:Working',
      'fill',
      'order:Filled',
      'position',
    ]);
    const statuses = Object.fromEntries(exchange.listOrders(ACCOUNT)!.map((o) => [o.clOrdId, o.status]));
    expect(statuses).toMatchObject({ tp: 'Canceled', sl: 'Canceled', 'es-entry': 'Working', 'flatten-3': 'Filled' });
  });

  it('sends nothing when already flat', () => {
    const { exchange, events, changeCount } = openPosition('Buy', 1);
    exchange.placeOrder(aMarketOrder({ action: 'Sell', quantity: 1 }));
    exchange.placeOrder(aLimitOrder('20900', { clOrdId: 'resting' }));
    events.length = 0;
    const changesBefore = changeCount();

    const result = exchange.liquidate(ACCOUNT, MNQ, 'flatten-4');

    expect(result).toEqual({ accepted: false, reason: 'NoPosition', text: expect.stringContaining('already flat') });
    expect(events).toEqual([]);
    expect(changeCount()).toBe(changesBefore);
    expect(exchange.listOrders(ACCOUNT)!.find((o) => o.clOrdId === 'resting')!.status).toBe('Working');
  });

  it('answers a repeated liquidation with the first order instead of NoPosition', () => {
    const { exchange, events } = openPosition('Buy', 1);
    const first = exchange.liquidate(ACCOUNT, MNQ, 'flatten-5');
    events.length = 0;

    expect(exchange.liquidate(ACCOUNT, MNQ, 'flatten-5')).toEqual(first);
    expect(events).toEqual([]);
  });

  it('rejects an unknown account', () => {
    const { exchange } = openPosition('Buy', 1);
    expect(exchange.liquidate('nobody', MNQ, 'x')).toMatchObject({ accepted: false, reason: 'UnknownAccount' });
  });
});
