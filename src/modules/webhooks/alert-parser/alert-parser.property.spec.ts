import fc from 'fast-check';
import { AlertParseError, ParsedAlert } from '../parsed-alert';
import { parseAlert } from './alert-parser';

/** Any body either parses or fails with AlertParseError; no body ever turns flat into an entry. */

const asStringOrNumber = (n: number): fc.Arbitrary<string | number> =>
  fc.constantFrom<string | number>(n, String(n), ` ${n} `, `${n}.0`);
const size = fc.integer({ min: 0, max: 20 }).chain(asStringOrNumber);
const signedSize = fc.integer({ min: -20, max: 20 }).chain(asStringOrNumber);

const action = fc.constantFrom(
  'buy', 'sell', 'long', 'short', 'BUY', 'Sell', 'close', 'exit', 'flat', 'closelong', 'close_short',
  '', '{{strategy.order.action}}', 'hold',
);
const positionWord = fc.constantFrom('long', 'short', 'flat', 'LONG', 'Flat', '', '{{strategy.market_position}}');

const nativeBody = fc.record(
  {
    action,
    ticker: fc.constantFrom('MNQ1!', 'CME_MINI:MNQ1!', 'ESZ2025', ''),
    price: fc.oneof(fc.constantFrom('21000.25', ' 4321.5 ', '', 'abc'), fc.double({ min: 1, max: 50000, noNaN: true })),
    contracts: fc.oneof(size, fc.constantFrom('', '2.5', '-1', 'x')),
    market_position: positionWord,
    market_position_size: size,
    prev_market_position: positionWord,
    prev_market_position_size: size,
    position_size: signedSize,
    tp: fc.oneof(size, fc.constant('')),
    time: fc.constantFrom('2025-03-14T14:30:05Z', 'yesterday', ''),
    order_id: fc.constantFrom('Long', 'TP1', ''),
  },
  { requiredKeys: [] },
);

function parseOrExpectedError(body: string): ParsedAlert | null {
  try {
    return parseAlert(body);
  } catch (error) {
    if (!(error instanceof AlertParseError)) throw error;
    // the entry point wraps parser defects as "could not be read": none may happen
    expect(error.message).not.toMatch(/^The alert could not be read/);
    return null;
  }
}

const toKv = (body: Record<string, unknown>): string =>
  Object.entries(body).map(([key, value]) => `${key}=${String(value)}`).join(';\n');

const isFlat = (word: unknown): boolean => typeof word === 'string' && word.trim().toLowerCase() === 'flat';

describe('parseAlert properties', () => {
  it('random native bodies: only AlertParseError, and market_position flat never yields ENTER', () => {
    let flatParsed = 0;
    fc.assert(
      fc.property(nativeBody, (body) => {
        const alert = parseOrExpectedError(JSON.stringify(body));
        if (alert && isFlat(body.market_position)) {
          flatParsed += 1;
          expect(alert.directive.kind).not.toBe('ENTER');
        }
      }),
      { numRuns: 2000 },
    );
    expect(flatParsed).toBeGreaterThan(50); // the generator must reach the interesting case
  });

  it('the same bodies as key=value text behave the same way', () => {
    fc.assert(
      fc.property(nativeBody, (body) => {
        const alert = parseOrExpectedError(toKv(body));
        if (alert && isFlat(body.market_position)) expect(alert.directive.kind).not.toBe('ENTER');
      }),
      { numRuns: 1000 },
    );
  });

  it('an entry or reduce never goes against the strategy target side (no wrong side)', () => {
    fc.assert(
      fc.property(nativeBody, (body) => {
        const alert = parseOrExpectedError(JSON.stringify(body));
        if (!alert || alert.directive.kind === 'CLOSE' || !alert.target) return;
        expect(alert.directive.side).toBe(alert.target.position);
      }),
      { numRuns: 2000 },
    );
  });

  it('quantities are always whole, positive contracts or null', () => {
    fc.assert(
      fc.property(nativeBody, (body) => {
        const alert = parseOrExpectedError(JSON.stringify(body));
        if (alert && alert.quantity !== null) {
          expect(Number.isInteger(alert.quantity) && alert.quantity > 0).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('arbitrary text and JSON never throw anything but AlertParseError', () => {
    const anyBody = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.json().map(String),
      fc.dictionary(fc.constantFrom('action', 'data', 'sentiment', 'token', 'ticker', 'qty', 'Amount'), fc.jsonValue())
        .map((record) => JSON.stringify(record)),
      fc.string({ maxLength: 80 }).map((text) => `Strat: ${text}, Price = ${text}, Ticker = MNQ1!`),
    );
    fc.assert(
      fc.property(anyBody, (body) => {
        parseOrExpectedError(body);
      }),
      { numRuns: 3000 },
    );
  });
});
