import { AlertParseError, ParsedAlert } from '../parsed-alert';
import { parseAlert } from './alert-parser';
import { TRADERSPOST_STRATEGY_TEMPLATE, aStrategyFill, render } from './alert-test-builders';

const json = (body: Record<string, unknown>): ParsedAlert => parseAlert(JSON.stringify(body));

function errorOf(run: () => unknown): AlertParseError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AlertParseError);
    return error as AlertParseError;
  }
  throw new Error('expected an AlertParseError');
}

describe('TradersPost alerts (section 11.1)', () => {
  it('buy/sell without sentiment enters that side with the quantity', () => {
    const alert = json({ ticker: 'MNQZ2025', action: 'buy', quantity: 2, signalPrice: 21450.25 });
    expect(alert).toMatchObject({
      dialect: 'traderspost', directive: { kind: 'ENTER', side: 'LONG' }, quantity: 2,
      price: '21450.25', symbol: 'MNQZ2025', target: null,
    });
    expect(json({ ticker: 'MNQZ2025', action: 'sell', orderType: 'market' }).directive)
      .toEqual({ kind: 'ENTER', side: 'SHORT' });
  });

  it('sell + sentiment flat closes the long only, quantity ignored', () => {
    const alert = json({ ticker: 'MNQZ2025', action: 'sell', sentiment: 'flat', quantity: 1 });
    expect(alert).toMatchObject({
      dialect: 'traderspost', directive: { kind: 'CLOSE', side: 'LONG' }, quantity: null,
      target: { position: 'FLAT', size: 0 },
    });
    expect(alert.warnings.join(' ')).toMatch(/quantity is ignored/);
    expect(json({ ticker: 'X', action: 'buy', sentiment: 'flat' }).directive).toEqual({ kind: 'CLOSE', side: 'SHORT' });
  });

  it('a sentiment against the verb with a quantity is a partial exit (reduce)', () => {
    expect(json({ ticker: 'X', action: 'buy', sentiment: 'bearish', quantity: 1 })).toMatchObject({
      directive: { kind: 'REDUCE', side: 'SHORT' }, quantity: 1,
    });
    expect(json({ ticker: 'X', action: 'sell', sentiment: 'bullish', quantity: '1' })).toMatchObject({
      directive: { kind: 'REDUCE', side: 'LONG' }, quantity: 1,
    });
    expect(errorOf(() => json({ ticker: 'X', action: 'sell', sentiment: 'bullish' })).field).toBe('quantity');
  });

  it('buy + bullish / sell + bearish enters that side with the target side recorded', () => {
    expect(json({ ticker: 'X', action: 'buy', sentiment: 'bullish', quantity: 1 })).toMatchObject({
      directive: { kind: 'ENTER', side: 'LONG' }, quantity: 1, target: { position: 'LONG', size: null },
    });
    expect(json({ ticker: 'X', action: 'sell', sentiment: 'bearish' }).directive).toEqual({ kind: 'ENTER', side: 'SHORT' });
  });

  it('exit closes; with a quantity it keeps it (TradersPost partial exit)', () => {
    expect(json({ ticker: 'MNQZ2025', action: 'exit' })).toMatchObject({
      dialect: 'traderspost', directive: { kind: 'CLOSE' }, quantity: null,
    });
    expect(json({ ticker: 'MNQZ2025', action: 'exit', quantity: 1 }).quantity).toBe(1);
  });

  it('row 12: exit together with sentiment is refused with the reason', () => {
    const error = errorOf(() => json({ ticker: 'X', action: 'exit', sentiment: 'flat' }));
    expect(error.field).toBe('sentiment');
    expect(error.message).toMatch(/exit always closes/);
  });

  it('add and cancel are refused instead of guessed', () => {
    expect(errorOf(() => json({ ticker: 'X', action: 'add' })).message).toMatch(/add/);
    expect(errorOf(() => json({ ticker: 'X', action: 'cancel', cancelOrderType: 'stop' })).message).toMatch(/cancel/);
  });

  it('futures take fixed quantities, or on an entry a risk to the stop; notional and position-percent sizing are refused', () => {
    expect(json({ ticker: 'X', action: 'buy', quantityType: 'fixed_quantity', quantity: 1 }).quantity).toBe(1);
    expect(json({ ticker: 'X', action: 'buy', quantityType: 'risk_percent', quantity: '0.5', stopLoss: { amount: 5 } })).toMatchObject({
      quantity: null, sizing: { riskPercent: '0.5' },
    });
    expect(errorOf(() => json({ ticker: 'X', action: 'buy', quantityType: 'risk_percent', quantity: 1 })).field).toBe('stopLoss');
    expect(errorOf(() => json({ ticker: 'X', action: 'buy', quantityType: 'risk_dollar_amount', stopLoss: { amount: 5 } })).field).toBe('quantity');
    for (const type of ['dollar_amount', 'percent_of_equity', 'percent_of_position']) {
      expect(errorOf(() => json({ ticker: 'X', action: 'exit', quantityType: type, quantity: 50 })).field).toBe('quantityType');
    }
  });

  it('takeProfit/stopLoss brackets become the entry\'s exits: amount in points (futures), percent of entry, or a price', () => {
    expect(json({ ticker: 'X', action: 'buy', takeProfit: { amount: 20 }, stopLoss: { type: 'stop', amount: 10 } }).brackets).toEqual({
      takeProfit: [{ at: { unit: 'points', value: '20' } }], stopLoss: { unit: 'points', value: '10' },
    });
    expect(json({ ticker: 'X', action: 'sell', takeProfit: { limitPrice: '20950.25' }, stopLoss: { stopPrice: 21010 } }).brackets).toEqual({
      takeProfit: [{ at: { unit: 'price', value: '20950.25' } }], stopLoss: { unit: 'price', value: '21010' },
    });
    expect(json({ ticker: 'X', action: 'buy', takeProfit: { percent: '0.5' }, stopLoss: { type: 'trailing_stop', trailAmount: 4 } }).brackets).toEqual({
      takeProfit: [{ at: { unit: 'percent', value: '0.5' } }], trailing: { distance: { unit: 'points', value: '4' } },
    });
  });

  it('a bracket the engine cannot place, two values for one leg, or a non-market entry is refused naming the field', () => {
    expect(errorOf(() => json({ ticker: 'X', action: 'buy', stopLoss: { type: 'stop_limit', stopPrice: 20990, limitPrice: 20989 } })).field).toBe('stopLoss.type');
    expect(errorOf(() => json({ ticker: 'X', action: 'buy', takeProfit: { amount: 20, percent: 1 } })).field).toBe('takeProfit.amount');
    expect(errorOf(() => json({ ticker: 'X', action: 'buy', takeProfit: { amount: -20 } })).field).toBe('takeProfit.amount');
    expect(errorOf(() => json({ ticker: 'X', action: 'buy', orderType: 'trailing_stop', trailAmount: 5 })).field).toBe('trailAmount');
    expect(errorOf(() => json({ ticker: 'X', action: 'buy', orderType: 'limit', limitPrice: 21000 })).field).toBe('orderType');
  });

  it('brackets on an exit change nothing: the exit goes without them', () => {
    const alert = json({ ticker: 'X', action: 'exit', takeProfit: { amount: 20 } });
    expect(alert).toMatchObject({ dialect: 'traderspost', directive: { kind: 'CLOSE' } });
    expect(alert.brackets).toBeUndefined();
  });

  it('empty bracket objects ask for nothing', () => {
    const alert = json({ ticker: 'X', action: 'buy', takeProfit: {}, stopLoss: { amount: 0 } });
    expect(alert.warnings).toEqual([]);
    expect(alert.brackets).toBeUndefined();
  });

  it('the TradersPost strategy template renders and resolves: a reduce keeps its side', () => {
    const values = aStrategyFill({ 'strategy.order.action': 'sell', 'strategy.market_position': 'long' });
    const alert = parseAlert(render(TRADERSPOST_STRATEGY_TEMPLATE, values));
    expect(alert).toMatchObject({
      dialect: 'traderspost', directive: { kind: 'REDUCE', side: 'LONG' }, quantity: 1,
      firedAt: '2025-03-14T14:30:05.000Z', price: '21000.25',
    });
    const flat = parseAlert(render(TRADERSPOST_STRATEGY_TEMPLATE, { ...values, 'strategy.market_position': 'flat' }));
    expect(flat.directive).toEqual({ kind: 'CLOSE', side: 'LONG' });
  });

  it('an unrendered sentiment is a strategy template on an indicator alert', () => {
    const error = errorOf(() => json({ ticker: 'X', action: 'buy', sentiment: '{{strategy.market_position}}' }));
    expect(error.field).toBe('sentiment');
    expect(error.message).toMatch(/strategy template attached to an indicator alert/);
  });

  it('sentiment together with market_position reads as native (market_position wins), with a warning', () => {
    const alert = json({ ticker: 'X', action: 'sell', sentiment: 'bearish', market_position: 'flat' });
    expect(alert.dialect).toBe('native');
    expect(alert.directive).toEqual({ kind: 'CLOSE', side: 'LONG' });
    expect(alert.warnings.join(' ')).toMatch(/market_position wins/);
  });
});

describe('PickMyTrade alerts (section 11.1)', () => {
  const base = { symbol: 'NQ', date: '2025-03-14T14:30:05Z', token: 'secret-token' };

  it.each([
    ['buy', { kind: 'ENTER', side: 'LONG' }], ['long', { kind: 'ENTER', side: 'LONG' }],
    ['sell', { kind: 'ENTER', side: 'SHORT' }], ['SHORT', { kind: 'ENTER', side: 'SHORT' }],
    ['close', { kind: 'CLOSE' }], ['flat', { kind: 'CLOSE' }],
  ])('data %s', (data, directive) => {
    const alert = json({ ...base, data, quantity: '1' });
    expect(alert.dialect).toBe('pickmytrade');
    expect(alert.directive).toEqual(directive);
    expect(alert.firedAt).toBe('2025-03-14T14:30:05.000Z');
  });

  it('the published indicator sample, full of zero strings, is a plain long entry of 1', () => {
    const body = render(
      '{"symbol": "{{ticker}}", "date": "{{timenow}}", "data": "buy", "quantity": "1", "risk_percentage": "0", ' +
        '"price": "{{close}}", "tp": "0", "percentage_tp": "0", "dollar_tp": "0", "sl": "0", "dollar_sl": "0", ' +
        '"percentage_sl": "0", "trail": "0", "trail_stop": "0", "trail_trigger": "0", "trail_freq": "0", ' +
        '"update_tp": "false", "update_sl": "false", "token": "t0k3n", "duplicate_position_allow": "true", ' +
        '"reverse_order_close": "true", "multiple_accounts": [{"token": "t0k3n", "account_id": "2", ' +
        '"risk_percentage": 2, "quantity_multiplier": 0}]}',
      aStrategyFill(),
    );
    expect(parseAlert(body)).toEqual({
      dialect: 'pickmytrade', directive: { kind: 'ENTER', side: 'LONG' }, orderAction: 'buy',
      symbol: 'MNQ1!', price: '21000.25', quantity: 1, target: null, previous: null,
      takeProfitTicks: null, stopLossTicks: null, firedAt: '2025-03-14T14:30:05.000Z',
      explicitId: null, strategyOrderId: null, warnings: [], sameDirection: 'add',
    });
  });

  it('the strategy template: order_type MKT is not an action, quantity from contracts', () => {
    const template = (reverse: boolean) => render(
      '{"symbol": "NQ", "date": "{{timenow}}", "data": "{{strategy.order.action}}", ' +
        '"quantity": "{{strategy.order.contracts}}", "risk_percentage": 0, "price": "{{close}}", "tp": 0, "sl": 0, ' +
        `"order_type": "MKT", "token": "t", "pyramid": true, "reverse_order_close": ${reverse}, "account_id": "a"}`,
      aStrategyFill({ 'strategy.order.action': 'sell', 'strategy.order.contracts': 3 }),
    );
    expect(parseAlert(template(true))).toMatchObject({
      dialect: 'pickmytrade', directive: { kind: 'ENTER', side: 'SHORT' }, quantity: 3, symbol: 'NQ', sameDirection: 'add',
    });
    // false nets an opposite signal at PickMyTrade (sell 3 against long 5 = long 2): never guessed as a reversal
    const error = errorOf(() => parseAlert(template(false)));
    expect(error).toMatchObject({ field: 'reverse_order_close', hint: expect.stringMatching(/"reverse_order_close": true/) });
    expect(json({ ...base, data: 'close', reverse_order_close: false }).directive).toEqual({ kind: 'CLOSE' });
  });

  it('the close template: quantity 0 means "not given"', () => {
    expect(json({ ...base, data: 'close', quantity: 0 })).toMatchObject({ directive: { kind: 'CLOSE' }, quantity: null });
  });

  it('row 13: tp/sl are absolute prices here, never ticks; dollar_* per contract and percentage_* fill the same legs', () => {
    expect(json({ ...base, data: 'buy', quantity: 1, tp: '21050.25', sl: 20990 }).brackets).toEqual({
      takeProfit: [{ at: { unit: 'price', value: '21050.25' } }], stopLoss: { unit: 'price', value: '20990' },
    });
    expect(json({ ...base, data: 'sell', tp: 0, dollar_tp: '2', percentage_sl: '0.5' }).brackets).toEqual({
      takeProfit: [{ at: { unit: 'dollars', value: '2' } }], stopLoss: { unit: 'percent', value: '0.5' },
    });
  });

  it('risk_percentage sizes the entry against its stop; without a stop it is refused', () => {
    expect(json({ ...base, data: 'buy', quantity: 0, risk_percentage: '1', sl: 20990 }).sizing).toEqual({ riskPercent: '1' });
    expect(errorOf(() => json({ ...base, data: 'buy', risk_percentage: '1' })).field).toBe('risk_percentage');
  });

  it('pyramid / duplicate_position_allow add to a same-side position, same_direction_ignore ignores it', () => {
    expect(json({ ...base, data: 'buy', pyramid: 'true' }).sameDirection).toBe('add');
    expect(json({ ...base, data: 'buy', same_direction_ignore: true }).sameDirection).toBe('ignore');
    expect(json({ ...base, data: 'buy', pyramid: false }).sameDirection).toBeUndefined();
    expect(errorOf(() => json({ ...base, data: 'buy', pyramid: true, same_direction_ignore: true })).field).toBe('same_direction_ignore');
  });

  it('two values for one leg, trailing and break-even (units undocumented) and ladders are refused on an entry; a close ignores them', () => {
    expect(errorOf(() => json({ ...base, data: 'buy', tp: 21050, dollar_tp: 20 })).field).toBe('dollar_tp');
    for (const field of ['trail', 'trail_stop', 'trail_trigger', 'breakeven', 'breakeven_offset']) {
      expect(errorOf(() => json({ ...base, data: 'sell', [field]: '3' })).field).toBe(field);
    }
    expect(errorOf(() => json({ ...base, data: 'buy', advance_tp_sl: [{ quantity: 1, tp: 21050 }] })).field).toBe('advance_tp_sl');
    const close = json({ ...base, data: 'close', sl: 20990, trail: 1 });
    expect(close.brackets).toBeUndefined();
    expect(close.warnings).toEqual([expect.stringMatching(/trail .*opens nothing/)]);
  });

  it('an alert that only moves a stop is refused instead of opening a trade', () => {
    const error = errorOf(() => json({ ...base, data: 'buy', update_sl: true, sl: 20990 }));
    expect(error.field).toBe('update_sl');
  });

  it('an unrendered data placeholder is a strategy template on an indicator alert', () => {
    const error = errorOf(() => json({ ...base, data: '{{strategy.order.action}}' }));
    expect(error.field).toBe('data');
    expect(error.message).toMatch(/strategy template attached to an indicator alert/);
  });
});
