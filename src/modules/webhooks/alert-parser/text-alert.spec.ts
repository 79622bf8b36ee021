import { AlertParseError } from '../parsed-alert';
import { parseAlert } from './alert-parser';
import { TRADEMANAGER_STRATEGY_TEMPLATE, aStrategyFill, render } from './alert-test-builders';

function errorOf(run: () => unknown): AlertParseError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AlertParseError);
    return error as AlertParseError;
  }
  throw new Error('expected an AlertParseError');
}

describe('plain-text alerts: a lone action word', () => {
  it.each([
    ['buy', { kind: 'ENTER', side: 'LONG' }, null],
    ['SELL 2', { kind: 'ENTER', side: 'SHORT' }, 2],
    ['long 3.0', { kind: 'ENTER', side: 'LONG' }, 3],
    ['close', { kind: 'CLOSE' }, null],
    ['closelong', { kind: 'CLOSE', side: 'LONG' }, null],
    ['  exit_short\n', { kind: 'CLOSE', side: 'SHORT' }, null],
  ])('%j', (body, directive, quantity) => {
    const alert = parseAlert(body, { defaultSymbol: 'MNQZ2025' });
    expect(alert).toMatchObject({ dialect: 'word', directive, quantity, symbol: 'MNQZ2025' });
  });

  it('without a default symbol the symbol is left to the caller', () => {
    expect(parseAlert('buy').symbol).toBeNull();
  });

  it('a fractional quantity is refused', () => {
    expect(errorOf(() => parseAlert('buy 1.5')).field).toBe('quantity');
  });

  it('an unknown word lists the accepted ones', () => {
    const error = errorOf(() => parseAlert('hodl'));
    expect(error.field).toBe('action');
    expect(error.message).toMatch(/"hodl".*Accepted: buy, long, sell, short/);
  });

  it('an unrendered placeholder as the whole message is a strategy template on an indicator alert', () => {
    for (const body of ['{{strategy.order.action}}', '"{{strategy.order.action}}"', '{{strategy.order.action}} 2']) {
      const error = errorOf(() => parseAlert(body));
      expect(error.field).toBe('action');
      expect(error.message).toMatch(/strategy template attached to an indicator alert/);
    }
  });
});

describe('plain-text alerts: key=value pairs (same keys as native)', () => {
  it('pairs separated by commas', () => {
    const alert = parseAlert('action=buy, ticker=MNQ1!, qty=2, price=21000.25');
    expect(alert).toMatchObject({
      dialect: 'kv', directive: { kind: 'ENTER', side: 'LONG' }, symbol: 'MNQ1!', quantity: 2, price: '21000.25',
    });
  });

  it('pairs separated by semicolons and new lines, keys in any case, quoted values', () => {
    const alert = parseAlert('Action=sell;\nTicker="MNQ1!";\r\nmarket_position=long\nmarket_position_size=2\ncontracts=1;');
    expect(alert).toMatchObject({
      dialect: 'kv', directive: { kind: 'REDUCE', side: 'LONG' }, symbol: 'MNQ1!', quantity: 1,
      target: { position: 'LONG', size: 2 },
    });
  });

  it('market_position=flat closes', () => {
    expect(parseAlert('action=sell; market_position=flat; ticker=MNQ1!').directive).toEqual({ kind: 'CLOSE', side: 'LONG' });
  });

  it('a segment that is not a pair is refused and the message quoted', () => {
    const error = errorOf(() => parseAlert('action=buy, please hurry'));
    expect(error.message).toMatch(/"please hurry" is not a key=value pair/);
    expect(error.message).toMatch(/starts with: "action=buy, please hurry"/);
  });

  it('a CrossTrade command is read as CrossTrade (its dated instrument included), never as native key=value pairs', () => {
    const body = 'key=s3cret; command=PLACE; account=sim101; instrument=NQ 12-24; action=SELL; qty=1; flatten_first=true;';
    expect(parseAlert(body)).toMatchObject({ dialect: 'crosstrade', symbol: 'NQZ24', directive: { kind: 'ENTER', side: 'SHORT' }, quantity: 1 });
  });
});

describe('TradeManager text alerts (section 6)', () => {
  it('toggle template without the outer quotes', () => {
    const alert = parseAlert('MyStrat: BUY, Price = 21000.25, Ticker = MNQ1!, Period = 5');
    expect(alert).toMatchObject({
      dialect: 'trademanager', directive: { kind: 'ENTER', side: 'LONG' }, orderAction: 'BUY',
      symbol: 'MNQ1!', price: '21000.25', quantity: null, target: null,
    });
  });

  it('the same message with the outer quotes the TradeManager UI shows', () => {
    const quoted = parseAlert('"MyStrat: BUY, Price = 21000.25, Ticker = MNQ1!, Period = 5, Action = long, Amount = 2"');
    expect(quoted).toMatchObject({
      dialect: 'trademanager', directive: { kind: 'ENTER', side: 'LONG' }, symbol: 'MNQ1!',
      price: '21000.25', target: { position: 'LONG', size: 2 },
    });
  });

  it('the strategy template rendered: a sell that leaves the strategy long is a reduce', () => {
    const values = aStrategyFill({ 'strategy.order.action': 'sell', 'strategy.position_size': 1 });
    const alert = parseAlert(render(TRADEMANAGER_STRATEGY_TEMPLATE, values));
    expect(alert).toMatchObject({ directive: { kind: 'REDUCE', side: 'LONG' }, target: { position: 'LONG', size: 1 } });
  });

  it('the strategy template rendered: Action = flat closes the side being sold', () => {
    const values = aStrategyFill({
      'strategy.order.action': 'sell', 'strategy.market_position': 'flat', 'strategy.position_size': 0,
    });
    expect(parseAlert(`"${render(TRADEMANAGER_STRATEGY_TEMPLATE, values)}"`).directive).toEqual({ kind: 'CLOSE', side: 'LONG' });
  });

  it('Amount gives the side when Action is missing', () => {
    const alert = parseAlert('Scalper: sell, Ticker = MNQ1!, Price = 21000, Amount = -2');
    expect(alert).toMatchObject({ directive: { kind: 'ENTER', side: 'SHORT' }, target: { position: 'SHORT', size: 2 } });
  });

  it('an unrendered verb or Action names the field', () => {
    const unrendered = parseAlert.bind(null, TRADEMANAGER_STRATEGY_TEMPLATE);
    expect(errorOf(unrendered).message).toMatch(/strategy template attached to an indicator alert/);
    const error = errorOf(() => parseAlert('MyStrat: BUY, Price = 1, Ticker = MNQ1!, Action = {{strategy.market_position}}'));
    expect(error.field).toBe('Action');
  });

  it('a non-numeric price names the field', () => {
    expect(errorOf(() => parseAlert('MyStrat: BUY, Price = n/a, Ticker = MNQ1!')).field).toBe('Price');
  });

  it('an entry with an exit typed into the message is refused, never opened without it; unknown other keys only warn', () => {
    const error = errorOf(() => parseAlert('MyStrat: BUY, Price = 21000, Ticker = MNQ1!, SL = 20990, TP = 21050'));
    expect(error).toMatchObject({ field: 'SL' });
    expect(error.message).toMatch(/also TP/);
    expect(errorOf(() => parseAlert('MyStrat: SELL, Price = 21000, Ticker = MNQ1!, Stop Loss = 21010')).field).toBe('Stop Loss');
    expect(parseAlert('MyStrat: BUY, Price = 21000, Ticker = MNQ1!, Note = hi').warnings).toEqual([expect.stringMatching(/"Note" is not used/)]);
    const close = parseAlert('MyStrat: SELL, Price = 21000, Ticker = MNQ1!, Action = flat, TP = 21050');
    expect(close.directive).toEqual({ kind: 'CLOSE', side: 'LONG' });
    expect(close.warnings).toContainEqual(expect.stringMatching(/TP .*opens nothing/));
  });
});

describe('text that is nothing we know', () => {
  it('is refused, quoting the first 120 characters', () => {
    const body = `Price crossed the 20-day average upward on ${'MNQ1! '.repeat(40)}`;
    const error = errorOf(() => parseAlert(body));
    expect(error.message).toContain(`"${body.slice(0, 120)}..."`);
    expect(error.message).not.toContain(body.slice(0, 121));
  });
});
