import {
  ACCOUNT,
  aLimitOrder,
  aMarketOrder,
  aPaperMarket,
  aStopOrder,
  eventStory,
  MNQ,
  OPENING_BELL,
} from './paper-test-builders';

describe('PaperExchange orders', () => {
  describe('market orders', () => {
    it('fill at the last price when no bid/ask is known', () => {
      const { exchange } = aPaperMarket();
      exchange.setQuote(MNQ, { price: '21000.25' });

      const result = exchange.placeOrder(aMarketOrder({ action: 'Buy', quantity: 2 }));

      expect(result).toEqual({ accepted: true, brokerOrderId: '1' });
      expect(exchange.getPosition(ACCOUNT, MNQ)).toEqual({ accountRef: ACCOUNT, contract: MNQ, netPos: 2, avgPrice: '21000.25' });
      expect(exchange.listOrders(ACCOUNT)).toEqual([
        expect.objectContaining({ brokerOrderId: '1', status: 'Filled', filledQuantity: 2, avgFillPrice: '21000.25' }),
      ]);
      expect(exchange.listFills(ACCOUNT)).toEqual([
        expect.objectContaining({ brokerFillId: '1', brokerOrderId: '1', action: 'Buy', quantity: 2, price: '21000.25', ts: OPENING_BELL }),
      ]);
    });

    it('buy at the ask and sell at the bid when the book is known', () => {
      const { exchange } = aPaperMarket();
      exchange.setQuote(MNQ, { price: '21000.25', bid: '21000', ask: '21000.5' });

      exchange.placeOrder(aMarketOrder({ action: 'Buy' }));
      exchange.placeOrder(aMarketOrder({ action: 'Sell' }));

      expect(exchange.listFills(ACCOUNT)!.map((f) => [f.action, f.price])).toEqual([
        ['Buy', '21000.5'],
        ['Sell', '21000'],
      ]);
    });

    it('use the last price for the side whose quote is missing', () => {
      const { exchange } = aPaperMarket();
      exchange.setQuote(MNQ, { price: '21000.25', bid: '21000' });

      exchange.placeOrder(aMarketOrder({ action: 'Buy' }));

      expect(exchange.listFills(ACCOUNT)![0].price).toBe('21000.25');
    });

    it('tell the story a broker socket tells: PendingNew, Working, fill, Filled, position', () => {
      const { exchange, events } = aPaperMarket();
      exchange.setQuote(MNQ, { price: '21000' });

      exchange.placeOrder(aMarketOrder({ clOrdId: 'entry-1' }));

      expect(eventStory(events)).toEqual(['order:PendingNew', 'order:Working', 'fill', 'order:Filled', 'position']);
      expect(events.every((e) => e.ts === OPENING_BELL)).toBe(true);
      expect(events[2]).toMatchObject({ kind: 'fill', fill: { clOrdId: 'entry-1', brokerOrderId: '1', price: '21000' } });
      expect(events[4]).toMatchObject({ kind: 'position', position: { netPos: 1, avgPrice: '21000' } });
    });
  });

  describe('limit orders', () => {
    it('rest until a later quote crosses, then fill at the limit', () => {
      const { exchange, events } = aPaperMarket();
      exchange.setQuote(MNQ, { price: '21000' });
      const { brokerOrderId } = exchange.placeOrder(aLimitOrder('20990', { action: 'Buy' })) as { brokerOrderId: string };

      exchange.setQuote(MNQ, { price: '20995' });
      expect(exchange.listOrders(ACCOUNT)![0].status).toBe('Working');
      expect(exchange.getPosition(ACCOUNT, MNQ)!.netPos).toBe(0);

      events.length = 0;
      exchange.setQuote(MNQ, { price: '20980' });
      expect(eventStory(events)).toEqual(['fill', 'order:Filled', 'position']);
      expect(exchange.listFills(ACCOUNT)).toEqual([expect.objectContaining({ brokerOrderId, price: '20990' })]);
      expect(exchange.getPosition(ACCOUNT, MNQ)).toMatchObject({ netPos: 1, avgPrice: '20990' });
    });

    it('sell limits fill when the bid reaches the limit', () => {
      const { exchange } = aPaperMarket();
      exchange.setQuote(MNQ, { price: '21000' });
      exchange.placeOrder(aLimitOrder('21010', { action: 'Sell' }));

      exchange.setQuote(MNQ, { price: '21012', bid: '21009.75', ask: '21012' });
      expect(exchange.listOrders(ACCOUNT)![0].status).toBe('Working');

      exchange.setQuote(MNQ, { price: '21012', bid: '21010', ask: '21012' });
      expect(exchange.getPosition(ACCOUNT, MNQ)).toMatchObject({ netPos: -1, avgPrice: '21010' });
    });

    it('placed through the market fill at once at the quote, which is the same or better', () => {
      const { exchange, events } = aPaperMarket();
      exchange.setQuote(MNQ, { price: '21000', bid: '20999.75', ask: '21000' });

      exchange.placeOrder(aLimitOrder('21005', { action: 'Buy' }));

      expect(eventStory(events)).toEqual(['order:PendingNew', 'order:Working', 'fill', 'order:Filled', 'position']);
      expect(exchange.listFills(ACCOUNT)![0].price).toBe('21000');
    });

    it('placed before any quote rest until one arrives', () => {
      const { exchange } = aPaperMarket();
      expect(exchange.placeOrder(aLimitOrder('21000'))).toEqual({ accepted: true, brokerOrderId: '1' });
      expect(exchange.listOrders(ACCOUNT)![0].status).toBe('Working');
    });
  });

  describe('stop orders', () => {
    it('buy stops rest until the price reaches the stop, then fill at the quote', () => {
      const { exchange } = aPaperMarket();
      exchange.setQuote(MNQ, { price: '21000' });
      exchange.placeOrder(aStopOrder('21010', { action: 'Buy' }));

      exchange.setQuote(MNQ, { price: '21009.75' });
      expect(exchange.listOrders(ACCOUNT)![0].status).toBe('Working');

      exchange.setQuote(MNQ, { price: '21012.5' });
      expect(exchange.listFills(ACCOUNT)![0].price).toBe('21012.5');
      expect(exchange.getPosition(ACCOUNT, MNQ)).toMatchObject({ netPos: 1, avgPrice: '21012.5' });
    });

    it('sell stops trigger on the bid at or below the stop', () => {
      const { exchange } = aPaperMarket();
      exchange.setQuote(MNQ, { price: '21000' });
      exchange.placeOrder(aStopOrder('20990', { action: 'Sell' }));

      exchange.setQuote(MNQ, { price: '20990', bid: '20990.25', ask: '20990.5' });
      expect(exchange.listOrders(ACCOUNT)![0].status).toBe('Working');

      exchange.setQuote(MNQ, { price: '20990', bid: '20989.75', ask: '20990' });
      expect(exchange.listFills(ACCOUNT)![0]).toMatchObject({ action: 'Sell', price: '20989.75' });
    });

    it('trigger working orders on one contract in the order they were placed', () => {
      const { exchange } = aPaperMarket();
      exchange.setQuote(MNQ, { price: '21000' });
      exchange.placeOrder(aStopOrder('20990', { action: 'Sell', clOrdId: 'stop' }));
      exchange.placeOrder(aLimitOrder('20995', { action: 'Buy', clOrdId: 'limit' }));

      exchange.setQuote(MNQ, { price: '20985' });

      expect(exchange.listFills(ACCOUNT)!.map((f) => f.clOrdId)).toEqual(['stop', 'limit']);
    });
  });

  describe('cancel', () => {
    it('cancels a working order so a later crossing quote fills nothing', () => {
      const { exchange, events } = aPaperMarket();
      exchange.setQuote(MNQ, { price: '21000' });
      exchange.placeOrder(aLimitOrder('20990'));
      events.length = 0;

      expect(exchange.cancelOrder(ACCOUNT, '1')).toEqual({ ok: true });
      exchange.setQuote(MNQ, { price: '20980' });

      expect(eventStory(events)).toEqual(['order:Canceled']);
      expect(exchange.listFills(ACCOUNT)).toEqual([]);
      expect(exchange.getPosition(ACCOUNT, MNQ)!.netPos).toBe(0);
    });

    it('refuses to cancel a filled order, an unknown order, or on an unknown account', () => {
      const { exchange } = aPaperMarket();
      exchange.setQuote(MNQ, { price: '21000' });
      exchange.placeOrder(aMarketOrder());

      expect(exchange.cancelOrder(ACCOUNT, '1')).toMatchObject({ ok: false, reason: 'OrderNotWorking' });
      expect(exchange.cancelOrder(ACCOUNT, '99')).toMatchObject({ ok: false, reason: 'UnknownOrder' });
      expect(exchange.cancelOrder('nobody', '1')).toMatchObject({ ok: false, reason: 'UnknownAccount' });
    });

    it('does not cancel another account’s order', () => {
      const { exchange } = aPaperMarket();
      exchange.addAccount('paper-2');
      exchange.placeOrder(aLimitOrder('20990'));

      expect(exchange.cancelOrder('paper-2', '1')).toMatchObject({ ok: false, reason: 'UnknownOrder' });
      expect(exchange.listOrders(ACCOUNT)![0].status).toBe('Working');
    });
  });

  describe('idempotency', () => {
    it('answers a repeated clOrdId with the first order and places nothing new', () => {
      const { exchange, events } = aPaperMarket();
      exchange.setQuote(MNQ, { price: '21000' });
      const first = exchange.placeOrder(aMarketOrder({ clOrdId: 'sig-42' }));
      const eventCount = events.length;

      const again = exchange.placeOrder(aMarketOrder({ clOrdId: 'sig-42', quantity: 5 }));

      expect(again).toEqual(first);
      expect(events).toHaveLength(eventCount);
      expect(exchange.listOrders(ACCOUNT)).toHaveLength(1);
      expect(exchange.getPosition(ACCOUNT, MNQ)!.netPos).toBe(1);
    });

    it('repeats a rejection for a repeated clOrdId', () => {
      const { exchange } = aPaperMarket();
      const first = exchange.placeOrder(aMarketOrder({ clOrdId: 'sig-43' }));
      exchange.setQuote(MNQ, { price: '21000' });

      expect(exchange.placeOrder(aMarketOrder({ clOrdId: 'sig-43' }))).toEqual(first);
      expect(exchange.getPosition(ACCOUNT, MNQ)!.netPos).toBe(0);
    });

    it('keeps clOrdIds per account', () => {
      const { exchange } = aPaperMarket();
      exchange.addAccount('paper-2');
      exchange.setQuote(MNQ, { price: '21000' });

      exchange.placeOrder(aMarketOrder({ clOrdId: 'same' }));
      const other = exchange.placeOrder(aMarketOrder({ accountRef: 'paper-2', clOrdId: 'same' }));

      expect(other).toEqual({ accepted: true, brokerOrderId: '2' });
    });
  });

  describe('average price', () => {
    it('re-averages on adds, keeps the average on a partial close, and clears it when flat', () => {
      const { exchange } = aPaperMarket();
      exchange.setQuote(MNQ, { price: '21000' });
      exchange.placeOrder(aMarketOrder({ quantity: 1 }));
      exchange.setQuote(MNQ, { price: '21003' });
      exchange.placeOrder(aMarketOrder({ quantity: 2 }));
      expect(exchange.getPosition(ACCOUNT, MNQ)).toMatchObject({ netPos: 3, avgPrice: '21002' });

      exchange.setQuote(MNQ, { price: '21010' });
      exchange.placeOrder(aMarketOrder({ action: 'Sell', quantity: 2 }));
      expect(exchange.getPosition(ACCOUNT, MNQ)).toMatchObject({ netPos: 1, avgPrice: '21002' });

      exchange.placeOrder(aMarketOrder({ action: 'Sell', quantity: 1 }));
      expect(exchange.getPosition(ACCOUNT, MNQ)).toMatchObject({ netPos: 0, avgPrice: null });
    });

    it('is exact for averages off the tick', () => {
      const { exchange } = aPaperMarket();
      exchange.setQuote(MNQ, { price: '21000.25' });
      exchange.placeOrder(aMarketOrder({ quantity: 1 }));
      exchange.setQuote(MNQ, { price: '21000.5' });
      exchange.placeOrder(aMarketOrder({ quantity: 1 }));

      expect(exchange.getPosition(ACCOUNT, MNQ)!.avgPrice).toBe('21000.375');
    });

    it('opens the remainder at the fill price when an order flips the position', () => {
      const { exchange } = aPaperMarket();
      exchange.setQuote(MNQ, { price: '21000' });
      exchange.placeOrder(aMarketOrder({ action: 'Buy', quantity: 1 }));
      exchange.setQuote(MNQ, { price: '21020.75' });

      exchange.placeOrder(aMarketOrder({ action: 'Sell', quantity: 3 }));

      expect(exchange.getPosition(ACCOUNT, MNQ)).toMatchObject({ netPos: -2, avgPrice: '21020.75' });
    });
  });
});
