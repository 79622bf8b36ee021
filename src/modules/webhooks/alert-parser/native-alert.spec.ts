import { AlertParseError, ParsedAlert } from '../parsed-alert';
import { parseAlert } from './alert-parser';
import {
  ORIGINAL_INDICATOR_TEMPLATE,
  ORIGINAL_STRATEGY_TEMPLATE,
  RECOMMENDED_STRATEGY_TEMPLATE,
  RECOMMENDED_TEMPLATE_UNQUOTED_NUMBERS,
  aStrategyFill,
  indicatorTemplate,
  render,
} from './alert-test-builders';

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

describe('native alerts: templates existing users already have', () => {
  it('section 2.4 indicator template parses unchanged', () => {
    const alert = parseAlert(render(ORIGINAL_INDICATOR_TEMPLATE, aStrategyFill()));
    expect(alert).toMatchObject({
      dialect: 'native', directive: { kind: 'ENTER', side: 'LONG' }, orderAction: 'buy',
      symbol: 'MNQ1!', price: '21000.25', quantity: null, target: null,
    });
  });

  it('section 2.4 strategy template parses unchanged', () => {
    const alert = parseAlert(render(ORIGINAL_STRATEGY_TEMPLATE, aStrategyFill()));
    expect(alert).toMatchObject({
      directive: { kind: 'ENTER', side: 'LONG' }, quantity: 1, target: { position: 'LONG', size: 1 },
    });
  });

  it('section 2.6 recommended strategy template fills every field', () => {
    const alert = parseAlert(render(RECOMMENDED_STRATEGY_TEMPLATE, aStrategyFill()));
    expect(alert).toEqual({
      dialect: 'native', directive: { kind: 'ENTER', side: 'LONG' }, orderAction: 'buy',
      symbol: 'MNQ1!', price: '21000.25', quantity: 1,
      target: { position: 'LONG', size: 1 }, previous: { position: 'FLAT', size: 0 },
      takeProfitTicks: null, stopLossTicks: null, firedAt: '2025-03-14T14:30:05.000Z',
      explicitId: null, strategyOrderId: 'Long', warnings: [],
    });
  });

  it('section 2.6 indicator templates: buy, sell and close', () => {
    const fillValues = aStrategyFill();
    expect(parseAlert(render(indicatorTemplate('buy'), fillValues)).directive).toEqual({ kind: 'ENTER', side: 'LONG' });
    expect(parseAlert(render(indicatorTemplate('sell'), fillValues)).directive).toEqual({ kind: 'ENTER', side: 'SHORT' });
    expect(parseAlert(render(indicatorTemplate('close'), fillValues)).directive).toEqual({ kind: 'CLOSE' });
  });

  it('placeholders rendered as strings and as JSON numbers read the same', () => {
    const values = aStrategyFill({
      'strategy.order.action': 'sell', 'strategy.order.contracts': 1, 'strategy.market_position_size': 2,
      'strategy.prev_market_position': 'long', 'strategy.prev_market_position_size': 3,
      'strategy.position_size': 2, close: '21000.5',
    });
    const quoted = parseAlert(render(RECOMMENDED_STRATEGY_TEMPLATE, values));
    const unquoted = parseAlert(render(RECOMMENDED_TEMPLATE_UNQUOTED_NUMBERS, values));
    expect(RECOMMENDED_TEMPLATE_UNQUOTED_NUMBERS).toContain('"contracts": {{strategy.order.contracts}}');
    expect(unquoted).toEqual(quoted);
    expect(quoted).toMatchObject({ directive: { kind: 'REDUCE', side: 'LONG' }, quantity: 1, price: '21000.5' });
  });
});

describe('native alerts: actions (section 11.1)', () => {
  it.each(['buy', 'long', 'BUY', ' Long '])('%s enters long', (action) => {
    expect(json({ action, ticker: 'MNQ1!' }).directive).toEqual({ kind: 'ENTER', side: 'LONG' });
  });

  it.each(['sell', 'short', 'SELL'])('%s enters short', (action) => {
    expect(json({ action, ticker: 'MNQ1!' }).directive).toEqual({ kind: 'ENTER', side: 'SHORT' });
  });

  it.each(['close', 'exit', 'flat', 'flatten', 'closeall', 'CLOSE'])('%s closes any side (G-5)', (action) => {
    const alert = json({ action, ticker: 'MNQ1!', quantity: 1 });
    expect(alert.directive).toEqual({ kind: 'CLOSE' });
    expect(alert.orderAction).toBe(action);
  });

  it('G-5/G-6: close stays a close even when a stale market_position says long', () => {
    const alert = json({ action: 'close', market_position: 'long', position_size: 2 });
    expect(alert.directive).toEqual({ kind: 'CLOSE' });
    expect(alert.warnings.join(' ')).toMatch(/the close wins/);
  });

  it('G-4: a fixed close gets through even when strategy fields did not render (warned)', () => {
    const alert = json({
      action: 'close', ticker: 'MNQ1!', market_position: '', contracts: '{{strategy.order.contracts}}',
    });
    expect(alert.directive).toEqual({ kind: 'CLOSE' });
    expect(alert.target).toBeNull();
    expect(alert.warnings).toHaveLength(2);
    expect(alert.warnings.join(' ')).toMatch(/Ignored because the alert is a close/);
  });

  it.each([
    ['closelong', 'LONG'], ['close_long', 'LONG'], ['exit_long', 'LONG'],
    ['closeshort', 'SHORT'], ['close_short', 'SHORT'], ['exit_short', 'SHORT'],
  ])('G-9: %s closes only the %s side', (action, side) => {
    expect(json({ action }).directive).toEqual({ kind: 'CLOSE', side });
  });

  it('an unknown verb is refused and the accepted words are listed', () => {
    const error = errorOf(() => json({ action: 'hold', ticker: 'MNQ1!' }));
    expect(error.field).toBe('action');
    expect(error.message).toMatch(/"hold"/);
    expect(error.message).toMatch(/buy, long, sell, short, close/);
    expect(error.message).toMatch(/closelong/);
  });

  it.each([
    ['"{{strategy.order.action}}"', '{{strategy.order.action}}'],
    ['empty', ''],
  ])('row 17: an unrendered action (%s) is a strategy template on an indicator alert', (_label, action) => {
    const error = errorOf(() => json({ action, ticker: 'MNQ1!' }));
    expect(error.field).toBe('action');
    expect(error.message).toMatch(/strategy template attached to an indicator alert/);
  });

  it.each(['{{strategy.market_position}}', ''])('row 17: unrendered market_position "%s" is refused', (value) => {
    const error = errorOf(() => json({ action: 'buy', market_position: value }));
    expect(error.field).toBe('market_position');
    expect(error.message).toMatch(/strategy template attached to an indicator alert/);
  });

  it('action aliases in priority order; a blank alias does not hide the next one', () => {
    expect(json({ order_action: 'sell' }).directive).toEqual({ kind: 'ENTER', side: 'SHORT' });
    expect(json({ side: 'long' }).directive).toEqual({ kind: 'ENTER', side: 'LONG' });
    expect(json({ signal: 'sell' }).directive).toEqual({ kind: 'ENTER', side: 'SHORT' });
    expect(json({ direction: 'short' }).directive).toEqual({ kind: 'ENTER', side: 'SHORT' });
    expect(json({ action: '', side: 'buy' }).directive).toEqual({ kind: 'ENTER', side: 'LONG' });
  });

  it('order_type/type count as the action only when they hold a verb and nothing else does', () => {
    expect(json({ order_type: 'sell' }).directive).toEqual({ kind: 'ENTER', side: 'SHORT' });
    expect(json({ action: 'buy', order_type: 'sell' }).directive).toEqual({ kind: 'ENTER', side: 'LONG' });
    expect(json({ action: 'buy', order_type: 'market' }).orderAction).toBe('buy');
    expect(() => json({ type: 'market', ticker: 'MNQ1!' })).toThrow(/no action/);
  });
});

describe('native alerts: fields and aliases', () => {
  it('ticker, price and quantity aliases: first present non-empty wins', () => {
    const alert = json({ action: 'buy', symbol: 'NQ1!', instrument: 'ES1!', close: 21000.25, last: '1', qty: '2', size: 5 });
    expect(alert).toMatchObject({ symbol: 'NQ1!', price: '21000.25', quantity: 2 });
    expect(json({ action: 'buy', ticker: '', symbol: 'CME_MINI:MNQ1!' }).symbol).toBe('CME_MINI:MNQ1!');
    expect(json({ action: 'buy', quantity: '', contracts: '3' }).quantity).toBe(3);
  });

  it('symbol is null when absent, or the recorder default when one is given', () => {
    expect(json({ action: 'buy' }).symbol).toBeNull();
    expect(parseAlert('{"action":"buy"}', { defaultSymbol: 'MESZ2025' }).symbol).toBe('MESZ2025');
    expect(parseAlert('{"action":"buy","ticker":"MNQ1!"}', { defaultSymbol: 'MESZ2025' }).symbol).toBe('MNQ1!');
  });

  it.each([
    ['"3"', 3], ['3', 3], ['"3.0"', 3], ['" 3 "', 3], ['"1"', 1], ['1', 1], ['""', null],
  ])('G-8 / row 16: quantity %s reads as %p', (raw, expected) => {
    expect(parseAlert(`{"action":"buy","quantity":${raw}}`).quantity).toBe(expected);
  });

  it.each([['"2.5"', /whole contracts/], ['-1', /cannot be negative/], ['"two"', /whole number/]])(
    'row 16: quantity %s is refused',
    (raw, message) => {
      const error = errorOf(() => parseAlert(`{"action":"buy","quantity":${raw}}`));
      expect(error.field).toBe('quantity');
      expect(error.message).toMatch(message);
    },
  );

  it('prices stay decimal strings, trimmed; a non-numeric price names the field', () => {
    expect(json({ action: 'buy', price: 21000.25 }).price).toBe('21000.25');
    expect(json({ action: 'buy', price: ' 21000.50 ' }).price).toBe('21000.50');
    expect(json({ action: 'buy', price: 4321 }).price).toBe('4321');
    const error = errorOf(() => json({ action: 'buy', price: 'market' }));
    expect(error.field).toBe('price');
    expect(errorOf(() => json({ action: 'buy', close: '{{close}}' })).field).toBe('close');
  });

  it('tp/sl are ticks; 0 means no override and never shadows the next key', () => {
    expect(json({ action: 'buy', tp: 0, tp_ticks: '20', sl: '8' })).toMatchObject({ takeProfitTicks: 20, stopLossTicks: 8 });
    expect(json({ action: 'buy', takeProfit: 12, stopLoss: 6 })).toMatchObject({ takeProfitTicks: 12, stopLossTicks: 6 });
    expect(json({ action: 'buy', take_profit: '0', stop_loss: '' })).toMatchObject({ takeProfitTicks: null, stopLossTicks: null });
    expect(errorOf(() => json({ action: 'buy', sl_ticks: -4 })).field).toBe('sl_ticks');
  });

  it('trailing stop and break-even overrides are ticks; 0 means no override; none set means none carried', () => {
    expect(json({ action: 'buy', trail: '8', trail_trigger: 4, breakeven: 10, be_offset: '1' }).exitOverrides).toEqual({
      trailDistanceTicks: 8, trailTriggerTicks: 4, breakEvenTicks: 10, breakEvenOffsetTicks: 1,
    });
    expect(json({ action: 'buy', trailing_stop: 6, trail_start: 0, break_even: 12, breakeven_offset: 2 }).exitOverrides).toEqual({
      trailDistanceTicks: 6, trailTriggerTicks: null, breakEvenTicks: 12, breakEvenOffsetTicks: 2,
    });
    expect(json({ action: 'buy', trail: 0, breakeven: '' }).exitOverrides).toBeUndefined();
    expect(errorOf(() => json({ action: 'buy', trail: 'wide' })).field).toBe('trail');
    expect(json({ action: 'buy', trail: 8, trail_freq: 2 }).warnings).toContainEqual(expect.stringMatching(/trail_freq is not supported yet/));
  });

  it('exits in points, dollars, percent or price and risk sizing fill brackets and sizing; 0 is off; two units for one exit are refused', () => {
    expect(json({ action: 'buy', tp_points: '12.5', sl_dollars: 50, risk_dollars: '200' })).toMatchObject({
      brackets: { takeProfit: [{ at: { unit: 'points', value: '12.5' } }], stopLoss: { unit: 'dollars', value: '50' } },
      sizing: { riskDollars: '200' },
    });
    const cases: [string, string, string][] = [
      ['tp_percent', 'takeProfit', 'percent'], ['dollar_tp', 'takeProfit', 'dollars'], ['tp_price', 'takeProfit', 'price'],
      ['sl_points', 'stopLoss', 'points'], ['percentage_sl', 'stopLoss', 'percent'], ['sl_price', 'stopLoss', 'price'],
    ];
    for (const [key, exit, unit] of cases) {
      const brackets = json({ action: 'sell', [key]: '3' }).brackets!;
      expect(exit === 'takeProfit' ? brackets.takeProfit![0].at : brackets.stopLoss).toEqual({ unit, value: '3' });
    }
    expect(json({ action: 'buy', risk_percent: '1.5' }).sizing).toEqual({ riskPercent: '1.5' });
    expect(json({ action: 'buy', tp_dollars: 0, risk_dollars: '0' })).not.toHaveProperty('brackets');
    expect(errorOf(() => json({ action: 'buy', tp_points: 10, tp_dollars: 50 })).field).toBe('tp_dollars');
    expect(errorOf(() => json({ action: 'buy', risk_dollars: 10, risk_percent: 1 })).field).toBe('risk_percent');
    expect(errorOf(() => json({ action: 'buy', sl_points: '-4' })).field).toBe('sl_points');
  });

  it('a bare `risk` (dollars or percent?) on an entry is refused, naming the field; a close only warns', () => {
    const error = errorOf(() => json({ action: 'buy', risk: 50 }));
    expect(error).toMatchObject({ field: 'risk' });
    expect(error.message).toMatch(/risk asks for a size from a risk.*refused/);
    expect(json({ action: 'close', risk: 20 }).warnings).toEqual([expect.stringMatching(/risk .*ignored: this alert opens nothing/)]);
  });

  it('id is the explicit id; order_id is only the strategy order id (it repeats on every "Long" entry)', () => {
    expect(json({ action: 'buy', id: 'abc', order_id: 'Long' })).toMatchObject({ explicitId: 'abc', strategyOrderId: 'Long' });
    expect(json({ action: 'buy', order_id: 'TP1' })).toMatchObject({ explicitId: null, strategyOrderId: 'TP1' });
    expect(json({ action: 'buy', id: 42 }).explicitId).toBe('42');
  });

  it('time/timenow must be an ISO time; anything else warns and is dropped', () => {
    expect(json({ action: 'buy', timenow: '2025-03-14T14:30:05Z' }).firedAt).toBe('2025-03-14T14:30:05.000Z');
    const bad = json({ action: 'buy', time: '14:30 yesterday' });
    expect(bad.firedAt).toBeNull();
    expect(bad.warnings.join(' ')).toMatch(/ISO-8601/);
    expect(json({ action: 'buy', time: '2025-02-30T10:00:00Z' }).firedAt).toBeNull();
  });

  it('keys are case-insensitive', () => {
    expect(json({ Action: 'SELL', Ticker: 'MNQ1!', QTY: 2 })).toMatchObject({
      directive: { kind: 'ENTER', side: 'SHORT' }, symbol: 'MNQ1!', quantity: 2,
    });
  });

  it('CrossTrade and 3Commas messages are read in their own dialect, never as native', () => {
    expect(json({ command: 'PLACE', action: 'SELL', qty: 1, flatten_first: true })).toMatchObject({ dialect: 'crosstrade', directive: { kind: 'ENTER', side: 'SHORT' }, quantity: 1 });
    expect(json({ secret: 'x', bot_uuid: 'y', action: 'sell' })).toMatchObject({ dialect: 'threecommas', directive: { kind: 'ENTER', side: 'SHORT' } });
  });
});
