import fc from 'fast-check';
import { ParsedAlert } from './parsed-alert';
import { dedupeKeyFor } from './signal-dedupe';

const CONTENT_WINDOW_SEC = 10;

/** A native "buy 1 MNQ" alert with no id and no fire time; override what the story needs. */
const anAlert = (overrides: Partial<ParsedAlert> = {}): ParsedAlert => ({
  dialect: 'native',
  directive: { kind: 'ENTER', side: 'LONG' },
  orderAction: 'buy',
  symbol: 'MNQ1!',
  price: '21000.25',
  quantity: 1,
  target: { position: 'LONG', size: 1 },
  previous: { position: 'FLAT', size: 0 },
  takeProfitTicks: null,
  stopLossTicks: null,
  firedAt: null,
  explicitId: null,
  strategyOrderId: null,
  warnings: [],
  ...overrides,
});

describe('dedupeKeyFor: recognising TradingView resending one alert', () => {
  describe('an explicit id', () => {
    it('wins over everything else and is honoured for a day', () => {
      const key = dedupeKeyFor(anAlert({ explicitId: 'sig-42', firedAt: '2025-06-02T14:30:00Z' }), 'MNQM5', CONTENT_WINDOW_SEC);
      expect(key.basis).toBe('id');
      expect(key.windowSec).toBe(86_400);
    });

    it('makes two alerts with the same id one signal, whatever else differs', () => {
      const first = dedupeKeyFor(anAlert({ explicitId: 'sig-42' }), 'MNQM5', CONTENT_WINDOW_SEC);
      const resent = dedupeKeyFor(
        anAlert({ explicitId: 'sig-42', quantity: 3, price: '21001.00', firedAt: '2025-06-02T14:30:05Z' }),
        'MNQM5',
        CONTENT_WINDOW_SEC,
      );
      expect(resent.key).toBe(first.key);
    });

    it('keeps different ids apart even when the content is identical', () => {
      const a = dedupeKeyFor(anAlert({ explicitId: 'sig-1' }), 'MNQM5', CONTENT_WINDOW_SEC);
      const b = dedupeKeyFor(anAlert({ explicitId: 'sig-2' }), 'MNQM5', CONTENT_WINDOW_SEC);
      expect(a.key).not.toBe(b.key);
    });
  });

  describe('a fire time ({{timenow}})', () => {
    const fired = (firedAt: string, overrides: Partial<ParsedAlert> = {}) =>
      dedupeKeyFor(anAlert({ firedAt, ...overrides }), 'MNQM5', CONTENT_WINDOW_SEC);

    it('recognises a resend of the same alert (same fields, same fire time) for at least 2 minutes', () => {
      const first = fired('2025-06-02T14:30:00Z');
      const resent = fired('2025-06-02T14:30:00Z');
      expect(first.basis).toBe('fired_at');
      expect(resent.key).toBe(first.key);
      expect(first.windowSec).toBe(120);
    });

    it('uses the content window when that is longer than 2 minutes', () => {
      expect(dedupeKeyFor(anAlert({ firedAt: '2025-06-02T14:30:00Z' }), 'MNQM5', 600).windowSec).toBe(600);
    });

    it('treats the same order fired at another time as a new signal', () => {
      expect(fired('2025-06-02T14:30:00Z').key).not.toBe(fired('2025-06-02T14:30:01Z').key);
    });

    it('keeps two fills in the same second apart when the strategy position size differs (pyramiding)', () => {
      const firstAdd = fired('2025-06-02T14:30:00Z', {
        target: { position: 'LONG', size: 2 },
        previous: { position: 'LONG', size: 1 },
      });
      const secondAdd = fired('2025-06-02T14:30:00Z', {
        target: { position: 'LONG', size: 3 },
        previous: { position: 'LONG', size: 2 },
      });
      expect(firstAdd.key).not.toBe(secondAdd.key);
    });
  });

  describe('content only', () => {
    it('uses the configured window', () => {
      const key = dedupeKeyFor(anAlert(), 'MNQM5', CONTENT_WINDOW_SEC);
      expect(key.basis).toBe('content');
      expect(key.windowSec).toBe(CONTENT_WINDOW_SEC);
      expect(dedupeKeyFor(anAlert(), 'MNQM5', 45).windowSec).toBe(45);
    });

    it('recognises the same ticker, action, quantity, price and strategy state as a repeat', () => {
      const first = dedupeKeyFor(anAlert(), 'MNQM5', CONTENT_WINDOW_SEC);
      const resent = dedupeKeyFor(anAlert({ warnings: ['something'] }), 'MNQM5', CONTENT_WINDOW_SEC);
      expect(resent.key).toBe(first.key);
    });

    it('keeps the same words at another price apart (a resend is the same body; a second DCA add is not)', () => {
      const first = dedupeKeyFor(anAlert(), 'MNQM5', CONTENT_WINDOW_SEC);
      const lower = dedupeKeyFor(anAlert({ price: '20990.50' }), 'MNQM5', CONTENT_WINDOW_SEC);
      expect(lower.key).not.toBe(first.key);
    });

    it('keeps a buy and a sell, or two contracts, apart', () => {
      const buy = dedupeKeyFor(anAlert(), 'MNQM5', CONTENT_WINDOW_SEC).key;
      const sell = dedupeKeyFor(
        anAlert({ directive: { kind: 'ENTER', side: 'SHORT' }, orderAction: 'sell', target: { position: 'SHORT', size: 1 } }),
        'MNQM5',
        CONTENT_WINDOW_SEC,
      ).key;
      expect(sell).not.toBe(buy);
      expect(dedupeKeyFor(anAlert(), 'ESM5', CONTENT_WINDOW_SEC).key).not.toBe(buy);
    });
  });

  describe('properties', () => {
    const side = fc.constantFrom<'LONG' | 'SHORT'>('LONG', 'SHORT');
    const state = fc.option(
      fc.record({ position: fc.constantFrom<'LONG' | 'SHORT' | 'FLAT'>('LONG', 'SHORT', 'FLAT'), size: fc.option(fc.integer({ min: 0, max: 20 })) }),
    );
    const alert: fc.Arbitrary<ParsedAlert> = fc
      .record({
        directive: fc.oneof(
          side.map((s) => ({ kind: 'ENTER' as const, side: s })),
          side.map((s) => ({ kind: 'REDUCE' as const, side: s })),
          fc.constant({ kind: 'CLOSE' as const }),
        ),
        orderAction: fc.option(fc.constantFrom('buy', 'sell', 'close', 'exit')),
        quantity: fc.option(fc.integer({ min: 1, max: 20 })),
        target: state,
        previous: state,
        firedAt: fc.option(fc.integer({ min: 0, max: 86_399 }).map((s) => new Date(Date.UTC(2025, 5, 2) + s * 1000).toISOString())),
        explicitId: fc.option(fc.string({ minLength: 1, maxLength: 8 })),
        strategyOrderId: fc.option(fc.constantFrom('Long', 'Short', 'TP', 'SL')),
      })
      .map((fields) => anAlert(fields));

    it('is deterministic: the same alert always gives the same key, basis and window', () => {
      fc.assert(
        fc.property(alert, fc.integer({ min: 1, max: 3600 }), (a, window) => {
          const copy: ParsedAlert = JSON.parse(JSON.stringify(a));
          expect(dedupeKeyFor(copy, 'MNQM5', window)).toEqual(dedupeKeyFor(a, 'MNQM5', window));
        }),
        { numRuns: 300 },
      );
    });

    it('picks the basis id > fired_at > content, with windows day / max(120, configured) / configured', () => {
      fc.assert(
        fc.property(alert, fc.integer({ min: 1, max: 3600 }), (a, window) => {
          const key = dedupeKeyFor(a, 'MNQM5', window);
          if (a.explicitId) expect(key).toMatchObject({ basis: 'id', windowSec: 86_400 });
          else if (a.firedAt) expect(key).toMatchObject({ basis: 'fired_at', windowSec: Math.max(120, window) });
          else expect(key).toMatchObject({ basis: 'content', windowSec: window });
        }),
        { numRuns: 300 },
      );
    });

    it('without an explicit id, alerts that differ in what they ask for never share a key', () => {
      fc.assert(
        fc.property(alert, alert, (a0, b0) => {
          const a = { ...a0, explicitId: null };
          const b = { ...b0, explicitId: null };
          const asks = (x: ParsedAlert) =>
            JSON.stringify([x.directive, x.orderAction, x.quantity, x.target, x.previous, x.strategyOrderId, x.firedAt]);
          fc.pre(asks(a) !== asks(b));
          expect(dedupeKeyFor(a, 'MNQM5', CONTENT_WINDOW_SEC).key).not.toBe(dedupeKeyFor(b, 'MNQM5', CONTENT_WINDOW_SEC).key);
        }),
        { numRuns: 300 },
      );
    });
  });
});
