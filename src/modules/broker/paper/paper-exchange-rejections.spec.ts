import type { PlaceOrderRequest } from '../broker.port';
import { ACCOUNT, aLimitOrder, aMarketOrder, aPaperMarket, aStopOrder, eventStory, MNQ } from './paper-test-builders';

describe('PaperExchange rejections', () => {
  const withQuote = (maxPosition: number | null = null) => {
    const market = aPaperMarket({ maxPosition });
    market.exchange.setQuote(MNQ, { price: '21000' });
    market.events.length = 0;
    return market;
  };

  const cases: Array<[string, string, PlaceOrderRequest]> = [
    ['an unknown contract', 'InvalidContract', aMarketOrder({ contract: 'ZZZZ9' })],
    ['a zero quantity', 'InvalidQuantity', aMarketOrder({ quantity: 0 })],
    ['a negative quantity', 'InvalidQuantity', aMarketOrder({ quantity: -1 })],
    ['a fractional quantity', 'InvalidQuantity', aMarketOrder({ quantity: 1.5 })],
    ['a limit price off the tick', 'InvalidPrice', aLimitOrder('20990.1')],
    ['a limit without a price', 'InvalidPrice', aMarketOrder({ orderType: 'Limit' })],
    ['a limit price that is not a number', 'InvalidPrice', aLimitOrder('21k')],
    ['a stop price off the tick', 'InvalidPrice', aStopOrder('21010.3')],
    ['a stop without a stop price', 'InvalidPrice', aLimitOrder('21000', { orderType: 'Stop' })],
    ['a buy over the max position', 'MaxPosLimitReached', aMarketOrder({ quantity: 3 })],
    ['a resting order over the max position', 'MaxPosLimitReached', aLimitOrder('20990', { action: 'Sell', quantity: 3 })],
  ];

  it.each(cases)('rejects %s as %s: order PendingNew then Rejected, no fill, no position', (_, reason, req) => {
    const { exchange, events } = withQuote(2);

    const result = exchange.placeOrder(req);

    expect(result).toEqual({ accepted: false, reason, text: expect.any(String) });
    expect(eventStory(events)).toEqual(['order:PendingNew', 'order:Rejected']);
    expect(events[1]).toMatchObject({ kind: 'order', order: { status: 'Rejected', rejectReason: reason } });
    expect(exchange.listFills(ACCOUNT)).toEqual([]);
    expect(exchange.getPosition(ACCOUNT, req.contract)).toMatchObject({ netPos: 0, avgPrice: null });
  });

  it('rejects a market order before any quote as NoQuote', () => {
    const { exchange, events } = aPaperMarket();

    const result = exchange.placeOrder(aMarketOrder());

    expect(result).toMatchObject({ accepted: false, reason: 'NoQuote' });
    expect(eventStory(events)).toEqual(['order:PendingNew', 'order:Rejected']);
    expect(exchange.listFills(ACCOUNT)).toEqual([]);
  });

  it('explains a rejection in words a trader can act on', () => {
    const { exchange } = withQuote(2);

    expect(exchange.placeOrder(aLimitOrder('20990.1'))).toMatchObject({
      text: 'Limit price 20990.1 is not on the 0.25 tick of MNQZ6. Round it to the tick.',
    });
    expect(exchange.placeOrder(aMarketOrder({ quantity: 3 }))).toMatchObject({
      text: expect.stringContaining("from 0 to 3 contracts; the account's max position is 2"),
    });
  });

  it('rejects an unknown account without recording or sending anything', () => {
    const { exchange, events, changeCount } = withQuote();
    const changesBefore = changeCount();

    const result = exchange.placeOrder(aMarketOrder({ accountRef: 'nobody' }));

    expect(result).toMatchObject({ accepted: false, reason: 'UnknownAccount' });
    expect(events).toEqual([]);
    expect(changeCount()).toBe(changesBefore);
  });

  it('leaves an open position untouched when a later order is rejected', () => {
    const { exchange } = withQuote(2);
    exchange.placeOrder(aMarketOrder({ quantity: 2 }));

    exchange.placeOrder(aMarketOrder({ quantity: 1 }));

    expect(exchange.getPosition(ACCOUNT, MNQ)).toMatchObject({ netPos: 2, avgPrice: '21000' });
    expect(exchange.listFills(ACCOUNT)).toHaveLength(1);
  });

  describe('max position', () => {
    it('always allows orders that reduce or close the position', () => {
      const { exchange } = withQuote(2);
      exchange.placeOrder(aMarketOrder({ action: 'Sell', quantity: 2 }));
      exchange.setMaxPosition(ACCOUNT, 0);

      expect(exchange.placeOrder(aMarketOrder({ action: 'Buy', quantity: 1 }))).toMatchObject({ accepted: true });
      expect(exchange.placeOrder(aMarketOrder({ action: 'Buy', quantity: 1 }))).toMatchObject({ accepted: true });
      expect(exchange.getPosition(ACCOUNT, MNQ)!.netPos).toBe(0);
    });

    it('allows a flip that ends within the cap and rejects one that ends beyond it', () => {
      const { exchange } = withQuote(2);
      exchange.placeOrder(aMarketOrder({ action: 'Buy', quantity: 2 }));

      expect(exchange.placeOrder(aMarketOrder({ action: 'Sell', quantity: 5 }))).toMatchObject({ reason: 'MaxPosLimitReached' });
      expect(exchange.placeOrder(aMarketOrder({ action: 'Sell', quantity: 4 }))).toMatchObject({ accepted: true });
      expect(exchange.getPosition(ACCOUNT, MNQ)!.netPos).toBe(-2);
    });

    it('allows up to the cap exactly and applies a new cap at once', () => {
      const { exchange } = withQuote(2);
      expect(exchange.placeOrder(aMarketOrder({ quantity: 2 }))).toMatchObject({ accepted: true });

      exchange.setMaxPosition(ACCOUNT, null);
      expect(exchange.placeOrder(aMarketOrder({ quantity: 10 }))).toMatchObject({ accepted: true });
      expect(exchange.getPosition(ACCOUNT, MNQ)!.netPos).toBe(12);
    });

    it('refuses a cap that is not a whole number of contracts', () => {
      const { exchange } = withQuote();
      expect(() => exchange.setMaxPosition(ACCOUNT, 1.5)).toThrow(/whole number/);
      expect(() => exchange.setMaxPosition(ACCOUNT, -1)).toThrow(/whole number/);
    });
  });
});
