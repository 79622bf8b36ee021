import { ACCOUNT, aLimitOrder, aMarketOrder, aPaperMarket, eventStory, MNQ } from './paper-test-builders';

describe('PaperExchange event delivery', () => {
  it('delivers a subscriber’s own follow-up order after the events already waiting, to every subscriber alike', () => {
    const { exchange, events } = aPaperMarket();
    exchange.setQuote(MNQ, { price: '21000' });
    const secondSubscriber: string[] = [];
    let reacted = false;
    exchange.events$.subscribe((e) => {
      if (e.kind === 'fill' && !reacted) {
        reacted = true;
        exchange.placeOrder(aLimitOrder('21010', { action: 'Sell', clOrdId: 'tp' }));
      }
    });
    exchange.events$.subscribe((e) => secondSubscriber.push(e.kind === 'order' ? `order:${e.order.status}` : e.kind));
    events.length = 0;

    exchange.placeOrder(aMarketOrder({ clOrdId: 'entry' }));

    const story = ['order:PendingNew', 'order:Working', 'fill', 'order:Filled', 'position', 'order:PendingNew', 'order:Working'];
    expect(eventStory(events)).toEqual(story);
    expect(secondSubscriber).toEqual(story);
  });

  it('lets a subscriber read the finished state, never a half-applied one', () => {
    const { exchange } = aPaperMarket();
    exchange.setQuote(MNQ, { price: '21000' });
    const seenOnFill: number[] = [];
    exchange.events$.subscribe((e) => e.kind === 'fill' && seenOnFill.push(exchange.getPosition(ACCOUNT, MNQ)!.netPos));

    exchange.placeOrder(aMarketOrder({ quantity: 2 }));

    expect(seenOnFill).toEqual([2]);
  });

  it('signals the change before the events, so the owner saves what the events describe', () => {
    const { exchange } = aPaperMarket();
    exchange.setQuote(MNQ, { price: '21000' });
    const order: string[] = [];
    exchange.changes$.subscribe(() => order.push('change'));
    exchange.events$.subscribe((e) => order.push(e.kind));

    exchange.placeOrder(aMarketOrder());

    expect(order[0]).toBe('change');
    expect(order.filter((x) => x === 'change')).toHaveLength(1);
  });

  it('stamps events with the injected clock', () => {
    const { exchange, events, clock } = aPaperMarket();
    exchange.setQuote(MNQ, { price: '21000' });
    clock.set('2025-12-01T15:00:00.000Z');

    exchange.placeOrder(aMarketOrder());

    expect(new Set(events.map((e) => e.ts))).toEqual(new Set(['2025-12-01T15:00:00.000Z']));
  });
});
