import { PaperExchange, PAPER_HISTORY_LIMIT } from './paper-exchange';
import type { PaperExchangeSnapshot } from './paper-exchange-snapshot';
import {
  ACCOUNT,
  aContractBook,
  aLimitOrder,
  aMarketOrder,
  aPaperMarket,
  aPinnedClock,
  aStopOrder,
  eventStory,
  MNQ,
  recording,
} from './paper-test-builders';

describe('PaperExchange snapshot and restore', () => {
  /** A day of trading: quotes, an average, a partial close, a working TP and SL, a rejection. */
  const aTradedMarket = () => {
    const market = aPaperMarket({ maxPosition: 5 });
    const { exchange } = market;
    exchange.addAccount('paper-2');
    exchange.setQuote(MNQ, { price: '21000.25', bid: '21000', ask: '21000.5' });
    exchange.placeOrder(aMarketOrder({ quantity: 2, clOrdId: 'entry' }));
    exchange.setQuote(MNQ, { price: '21001' });
    exchange.placeOrder(aMarketOrder({ quantity: 1, clOrdId: 'add' }));
    exchange.placeOrder(aLimitOrder('21020', { action: 'Sell', quantity: 3, clOrdId: 'tp' }));
    exchange.placeOrder(aStopOrder('20980', { action: 'Sell', quantity: 3, clOrdId: 'sl' }));
    exchange.placeOrder(aMarketOrder({ quantity: 9, clOrdId: 'too-big' }));
    exchange.placeOrder(aMarketOrder({ accountRef: 'paper-2', action: 'Sell', clOrdId: 'other' }));
    return market;
  };

  const throughJson = (snapshot: PaperExchangeSnapshot): PaperExchangeSnapshot => JSON.parse(JSON.stringify(snapshot));

  it('survives a restart exactly, through JSON', () => {
    const { exchange } = aTradedMarket();
    const before = exchange.snapshot();

    const restored = PaperExchange.restore(throughJson(before), aContractBook(), aPinnedClock());

    expect(restored.snapshot()).toEqual(before);
    expect(restored.getPosition(ACCOUNT, MNQ)).toEqual(exchange.getPosition(ACCOUNT, MNQ));
    expect(restored.listOrders(ACCOUNT)).toEqual(exchange.listOrders(ACCOUNT));
    expect(restored.listFills(ACCOUNT)).toEqual(exchange.listFills(ACCOUNT));
    expect(restored.lastQuote(MNQ)).toEqual({ contract: MNQ, price: '21001', bid: null, ask: null });
    expect(restored.listAccounts()).toEqual([
      { id: ACCOUNT, maxPosition: 5 },
      { id: 'paper-2', maxPosition: null },
    ]);
  });

  it('keeps working orders working: they fill on the first crossing quote after restart', () => {
    const restored = recording(PaperExchange.restore(throughJson(aTradedMarket().exchange.snapshot()), aContractBook(), aPinnedClock()));

    restored.exchange.setQuote(MNQ, { price: '21020' });

    expect(eventStory(restored.events)).toEqual(['fill', 'order:Filled', 'position']);
    expect(restored.exchange.getPosition(ACCOUNT, MNQ)).toMatchObject({ netPos: 0, avgPrice: null });
    expect(restored.exchange.listOrders(ACCOUNT)!.find((o) => o.clOrdId === 'sl')!.status).toBe('Working');
  });

  it('continues the id counters instead of reusing ids', () => {
    const { exchange } = aTradedMarket();
    const ordersBefore = exchange.snapshot().counters;
    const restored = PaperExchange.restore(throughJson(exchange.snapshot()), aContractBook(), aPinnedClock());

    const result = restored.placeOrder(aMarketOrder({ clOrdId: 'after-restart', action: 'Sell' }));

    expect(result).toEqual({ accepted: true, brokerOrderId: String(ordersBefore.nextOrderId) });
    expect(restored.listFills(ACCOUNT)!.at(-1)!.brokerFillId).toBe(String(ordersBefore.nextFillId));
  });

  it('still recognises clOrdIds placed before the restart', () => {
    const { exchange } = aTradedMarket();
    const restored = PaperExchange.restore(throughJson(exchange.snapshot()), aContractBook(), aPinnedClock());

    expect(restored.placeOrder(aMarketOrder({ clOrdId: 'entry' }))).toEqual({ accepted: true, brokerOrderId: '1' });
    expect(restored.placeOrder(aMarketOrder({ clOrdId: 'too-big' }))).toMatchObject({ reason: 'MaxPosLimitReached' });
  });

  it('keeps the exact average across a restart so later adds stay exact', () => {
    const { exchange } = aPaperMarket();
    for (const price of ['21000', '21000.25', '21000.25']) {
      exchange.setQuote(MNQ, { price });
      exchange.placeOrder(aMarketOrder());
    }
    expect(exchange.getPosition(ACCOUNT, MNQ)!.avgPrice).toBe('21000.166666666667');

    const restored = PaperExchange.restore(throughJson(exchange.snapshot()), aContractBook(), aPinnedClock());
    restored.setQuote(MNQ, { price: '21000' });
    restored.placeOrder(aMarketOrder({ clOrdId: 'fourth' }));
    restored.placeOrder(aMarketOrder({ clOrdId: 'fifth' }));

    expect(restored.getPosition(ACCOUNT, MNQ)).toMatchObject({ netPos: 5, avgPrice: '21000.1' });
  });

  it('hands out a copy: changing the snapshot does not change the exchange', () => {
    const { exchange } = aTradedMarket();
    const snapshot = exchange.snapshot();
    snapshot.accounts[0].maxPosition = 99;
    snapshot.orders.length = 0;

    expect(exchange.snapshot()).not.toEqual(snapshot);
    expect(exchange.listAccounts()[0].maxPosition).toBe(5);
  });

  it('signals a change after every call that changed state, and not after reads', () => {
    const { exchange, changeCount } = aPaperMarket();
    const start = changeCount();

    exchange.setQuote(MNQ, { price: '21000' });
    exchange.placeOrder(aMarketOrder());
    exchange.getPosition(ACCOUNT, MNQ);
    exchange.listOrders(ACCOUNT);
    exchange.snapshot();

    expect(changeCount() - start).toBe(2);
  });

  it('keeps only the last fills and finished orders per account, and every working order', () => {
    const { exchange } = aPaperMarket();
    exchange.setQuote(MNQ, { price: '21000' });
    exchange.placeOrder(aLimitOrder('20000', { clOrdId: 'resting' }));
    for (let i = 0; i < PAPER_HISTORY_LIMIT + 5; i++) {
      exchange.placeOrder(aMarketOrder({ action: i % 2 === 0 ? 'Buy' : 'Sell' }));
    }

    const snapshot = exchange.snapshot();
    expect(snapshot.fills).toHaveLength(PAPER_HISTORY_LIMIT);
    expect(snapshot.fills[0].brokerFillId).toBe('6');
    expect(snapshot.orders.filter((o) => o.status === 'Filled')).toHaveLength(PAPER_HISTORY_LIMIT);
    expect(snapshot.orders.find((o) => o.clOrdId === 'resting')!.status).toBe('Working');
    expect(exchange.getPosition(ACCOUNT, MNQ)!.netPos).toBe(1);
  });

  it('refuses a snapshot of another version', () => {
    const snapshot = { ...aTradedMarket().exchange.snapshot(), version: 2 } as unknown as PaperExchangeSnapshot;
    expect(() => PaperExchange.restore(snapshot, aContractBook(), aPinnedClock())).toThrow(/version 2/);
  });
});
