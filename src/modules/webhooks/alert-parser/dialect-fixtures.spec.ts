import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import { AlertParseError, ParsedAlert } from '../parsed-alert';
import { parseAlert } from './alert-parser';

/**
 * Every fixture under test/fixtures/alerts/<dialect>/ (written by us in each peer's format) read
 * by the real parser: what it asks for, or the exact field a refusal names. A fixture without a
 * row here fails, so a new fixture cannot go unchecked.
 */

const FIXTURES = join(__dirname, '../../../../test/fixtures/alerts');
const read = (dialect: string, file: string): string => readFileSync(join(FIXTURES, dialect, file), 'utf8');

type Expected = Partial<Pick<ParsedAlert, 'directive' | 'quantity' | 'symbol' | 'takeProfitTicks' | 'stopLossTicks' | 'maxLagSec' | 'price' | 'brackets' | 'sameDirection' | 'sizing'>>;
type Refused = { field: string; message: RegExp };

const ACCEPTED: Record<string, Record<string, Expected>> = {
  traderspost: {
    'entry-points-brackets.json': {
      directive: { kind: 'ENTER', side: 'LONG' }, quantity: 1, price: '21000',
      brackets: { takeProfit: [{ at: { unit: 'points', value: '10' } }], stopLoss: { unit: 'points', value: '5' } },
    },
    'entry-short-price-trailing.json': {
      directive: { kind: 'ENTER', side: 'SHORT' }, quantity: 2,
      brackets: { takeProfit: [{ at: { unit: 'price', value: '20990' } }], trailing: { distance: { unit: 'points', value: '4' } } },
    },
    'entry-risk-dollars.json': {
      directive: { kind: 'ENTER', side: 'LONG' }, quantity: null, sizing: { riskDollars: '50' },
      brackets: { stopLoss: { unit: 'points', value: '5' } },
    },
    'sell-flat.json': { directive: { kind: 'CLOSE', side: 'LONG' } },
    'exit-partial.json': { directive: { kind: 'CLOSE' }, quantity: 1 },
    'strategy-reduce-long.json': { directive: { kind: 'REDUCE', side: 'LONG' }, quantity: 1 },
  },
  pickmytrade: {
    'indicator-buy-dollar-brackets.json': {
      directive: { kind: 'ENTER', side: 'LONG' }, quantity: 1,
      brackets: { takeProfit: [{ at: { unit: 'dollars', value: '20' } }], stopLoss: { unit: 'dollars', value: '10' } },
    },
    'sell-price-brackets.json': {
      directive: { kind: 'ENTER', side: 'SHORT' }, quantity: 2,
      brackets: { takeProfit: [{ at: { unit: 'price', value: '20990' } }], stopLoss: { unit: 'price', value: '21005' } },
    },
    'pyramid-buy.json': { directive: { kind: 'ENTER', side: 'LONG' }, quantity: 1, sameDirection: 'add' },
    'close.json': { directive: { kind: 'CLOSE' }, quantity: null },
  },
  crosstrade: {
    'place-buy.txt': { directive: { kind: 'ENTER', side: 'LONG' }, quantity: 2, symbol: 'MNQZ26' },
    'place-sell.json': { directive: { kind: 'ENTER', side: 'SHORT' }, quantity: 2, symbol: 'MNQ1!' },
    'place-sell-flatten-first-brackets.txt': { directive: { kind: 'ENTER', side: 'SHORT' }, quantity: 1, takeProfitTicks: 40, stopLossTicks: 20 },
    'place-buy-percent-points-brackets.txt': {
      directive: { kind: 'ENTER', side: 'LONG' }, takeProfitTicks: null, stopLossTicks: null,
      brackets: { takeProfit: [{ at: { unit: 'percent', value: '0.05' } }], stopLoss: { unit: 'points', value: '5' } },
    },
    'place-sell-price-dollar-brackets.txt': {
      directive: { kind: 'ENTER', side: 'SHORT' },
      brackets: { takeProfit: [{ at: { unit: 'price', value: '20990.00' } }], stopLoss: { unit: 'dollars', value: '25' } },
    },
    'place-sync-exit-long.txt': { directive: { kind: 'CLOSE', side: 'LONG' } },
    'place-sync-partial-exit.txt': { directive: { kind: 'REDUCE', side: 'LONG' }, quantity: 1 },
    'place-sync-reverse.txt': { directive: { kind: 'ENTER', side: 'LONG' }, quantity: 1 },
    'closeposition-all.txt': { directive: { kind: 'CLOSE' }, quantity: null, symbol: 'MNQZ26' },
    'closeposition-qty.txt': { directive: { kind: 'CLOSE' }, quantity: 1 },
    'flatten.txt': { directive: { kind: 'CLOSE' }, quantity: null },
  },
  threecommas: {
    'entry-long.json': { directive: { kind: 'ENTER', side: 'LONG' }, quantity: 2, symbol: 'MNQ1!', price: '21000.25', maxLagSec: 300 },
    'exit-long.json': { directive: { kind: 'CLOSE', side: 'LONG' }, maxLagSec: 300 },
    'reverse-to-long.json': { directive: { kind: 'ENTER', side: 'LONG' }, quantity: 1 },
    'partial-exit.json': { directive: { kind: 'REDUCE', side: 'LONG' }, quantity: 1 },
  },
  tradingview: {
    'open-long.txt': { directive: { kind: 'ENTER', side: 'LONG' }, quantity: 2, symbol: 'MNQ1!' },
    'close-long.txt': { directive: { kind: 'CLOSE', side: 'LONG' } },
    'reverse-to-short.txt': { directive: { kind: 'ENTER', side: 'SHORT' }, quantity: 1 },
    'partial-exit.txt': { directive: { kind: 'REDUCE', side: 'LONG' }, quantity: 1 },
    'cover-part-of-short.txt': { directive: { kind: 'REDUCE', side: 'SHORT' }, quantity: 1 },
  },
};

const REFUSED: Record<string, Record<string, Refused>> = {
  traderspost: {
    'bad-exit-with-sentiment.json': { field: 'sentiment', message: /exit always closes/ },
    'bad-cancel.json': { field: 'action', message: /cancel/ },
    'bad-add.json': { field: 'action', message: /"add"/ },
    'bad-stop-limit.json': { field: 'stopLoss.type', message: /stop_limit/ },
    'bad-quantity-type.json': { field: 'quantityType', message: /fixed_quantity/ },
    'bad-risk-without-stop.json': { field: 'stopLoss', message: /sizes the entry against its stop/ },
  },
  pickmytrade: {
    'bad-update-sl.json': { field: 'update_sl', message: /would open a trade/ },
    'bad-trailing.json': { field: 'trail', message: /trailing stop/ },
    'bad-advance-ladder.json': { field: 'advance_tp_sl', message: /legs/ },
    'bad-two-take-profits.json': { field: 'dollar_tp', message: /tp and dollar_tp/ },
    'bad-netting-opposite.json': { field: 'reverse_order_close', message: /nets an opposite signal/ },
  },
  crosstrade: {
    'bad-plain-place-nets.txt': { field: 'flatten_first', message: /nets against the open position/ },
    'bad-reverse.txt': { field: 'command', message: /REVERSE .*flatten_first=true/ },
    'bad-reverseposition.txt': { field: 'command', message: /REVERSEPOSITION enters only when a position already exists/ },
    'bad-cancelorders.txt': { field: 'command', message: /CANCELORDERS/ },
    'bad-limit-order.txt': { field: 'limit_price', message: /limit order.*refused/ },
    'bad-close-percent.txt': { field: 'qty', message: /percent of the position/ },
    'bad-bracket-text.txt': { field: 'take_profit', message: /"soon".*"20 ticks"/ },
    'bad-stop-wrong-side.txt': { field: 'stop_loss', message: /wrong side of a long entry; use -20 ticks/ },
    'bad-require-market-position.txt': { field: 'require_market_position', message: /sync_strategy=true/ },
    'bad-missing-qty.txt': { field: 'qty', message: /qty is missing/ },
    'bad-instrument-month.txt': { field: 'instrument', message: /no month 13/ },
  },
  threecommas: {
    'bad-currency-type.json': { field: 'order.currency_type', message: /only "contract"/ },
    'bad-max-lag.json': { field: 'max_lag', message: /whole number/ },
    'bad-unrendered-action.json': { field: 'action', message: /strategy template attached to an indicator alert/ },
  },
  tradingview: {
    'bad-fractional.txt': { field: 'order contracts', message: /whole contracts/ },
    'bad-verb.txt': { field: 'order action', message: /"hold"/ },
  },
};

function errorOf(run: () => unknown): AlertParseError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AlertParseError);
    return error as AlertParseError;
  }
  throw new Error('expected the fixture to be refused');
}

describe.each(Object.keys(ACCEPTED))('%s fixtures', (dialect) => {
  it('every fixture file has an expectation here', () => {
    const listed = [...Object.keys(ACCEPTED[dialect]), ...Object.keys(REFUSED[dialect] ?? {})].sort();
    expect(readdirSync(join(FIXTURES, dialect)).sort()).toEqual(listed);
  });

  it.each(Object.entries(ACCEPTED[dialect]))('%s is read as asked', (file, expected) => {
    const alert = parseAlert(read(dialect, file), { defaultSymbol: 'MNQ1!' });
    expect(alert.dialect).toBe(dialect);
    expect(alert).toMatchObject(expected);
  });

  it.each(Object.entries(REFUSED[dialect] ?? {}))('%s is refused naming the field', (file, expected) => {
    const error = errorOf(() => parseAlert(read(dialect, file), { defaultSymbol: 'MNQ1!' }));
    expect(error.field).toBe(expected.field);
    expect(error.message).toMatch(expected.message);
  });
});
