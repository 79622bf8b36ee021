import fc from 'fast-check';
import type { BrokerFill, OrderAction } from '../broker.port';
import { ACCOUNT, aLimitOrder, aMarketOrder, aPaperMarket, MNQ } from './paper-test-builders';

type Step =
  | { kind: 'quote'; ticks: number; spread: number | null }
  | { kind: 'market'; action: OrderAction; quantity: number }
  | { kind: 'limit'; action: OrderAction; quantity: number; ticks: number }
  | { kind: 'cancel'; orderId: number }
  | { kind: 'liquidate' };

const price = (ticks: number) => (84000 + ticks / 4).toFixed(2);
const action = fc.constantFrom<OrderAction>('Buy', 'Sell');
const quantity = fc.integer({ min: 1, max: 4 });
const ticks = fc.integer({ min: -40, max: 40 });

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('quote' as const), ticks, spread: fc.option(fc.integer({ min: 1, max: 3 })) }),
  fc.record({ kind: fc.constant('market' as const), action, quantity }),
  fc.record({ kind: fc.constant('limit' as const), action, quantity, ticks }),
  fc.record({ kind: fc.constant('cancel' as const), orderId: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ kind: fc.constant('liquidate' as const) }),
);

describe('PaperExchange invariants', () => {
  it('the net position is the signed sum of the fills, and avgPrice is null exactly when flat', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), fc.option(fc.integer({ min: 0, max: 6 })), (steps, maxPosition) => {
        const { exchange, events } = aPaperMarket({ maxPosition });
        const fills: BrokerFill[] = [];
        events.length = 0;
        exchange.events$.subscribe((e) => e.kind === 'fill' && fills.push(e.fill));

        steps.forEach((s, i) => {
          if (s.kind === 'quote') {
            const half = s.spread ?? 0;
            exchange.setQuote(MNQ, s.spread === null
              ? { price: price(s.ticks) }
              : { price: price(s.ticks), bid: price(s.ticks - half), ask: price(s.ticks + half) });
          }
          if (s.kind === 'market') exchange.placeOrder(aMarketOrder({ action: s.action, quantity: s.quantity }));
          if (s.kind === 'limit') exchange.placeOrder(aLimitOrder(price(s.ticks), { action: s.action, quantity: s.quantity }));
          if (s.kind === 'cancel') exchange.cancelOrder(ACCOUNT, String(s.orderId));
          if (s.kind === 'liquidate') exchange.liquidate(ACCOUNT, MNQ, `liq-${i}`);

          const position = exchange.getPosition(ACCOUNT, MNQ)!;
          const signedSum = fills.reduce((sum, f) => sum + (f.action === 'Buy' ? f.quantity : -f.quantity), 0);
          expect(position.netPos).toBe(signedSum);
          expect(position.avgPrice === null).toBe(position.netPos === 0);

          const lastPositionEvent = [...events].reverse().find((e) => e.kind === 'position');
          if (lastPositionEvent?.kind === 'position') expect(lastPositionEvent.position).toEqual(position);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('every fill follows its order’s Working event and precedes its Filled event and position', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        const { exchange, events } = aPaperMarket();
        steps.forEach((s, i) => {
          if (s.kind === 'quote') exchange.setQuote(MNQ, { price: price(s.ticks) });
          if (s.kind === 'market') exchange.placeOrder(aMarketOrder({ action: s.action, quantity: s.quantity }));
          if (s.kind === 'limit') exchange.placeOrder(aLimitOrder(price(s.ticks), { action: s.action }));
          if (s.kind === 'liquidate') exchange.liquidate(ACCOUNT, MNQ, `liq-${i}`);
        });
        events.forEach((e, i) => {
          if (e.kind !== 'fill') return;
          const id = e.fill.brokerOrderId;
          const working = events.findIndex((x) => x.kind === 'order' && x.order.brokerOrderId === id && x.order.status === 'Working');
          expect(working).toBeGreaterThanOrEqual(0);
          expect(working).toBeLessThan(i);
          expect(events[i + 1]).toMatchObject({ kind: 'order', order: { brokerOrderId: id, status: 'Filled' } });
          expect(events[i + 2]).toMatchObject({ kind: 'position' });
        });
      }),
      { numRuns: 200 },
    );
  });
});
