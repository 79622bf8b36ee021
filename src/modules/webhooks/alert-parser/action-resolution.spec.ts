import { AlertParseError } from '../parsed-alert';
import { parseAlert } from './alert-parser';
import {
  ORIGINAL_STRATEGY_TEMPLATE,
  RECOMMENDED_STRATEGY_TEMPLATE,
  aStrategyFill,
  render,
} from './alert-test-builders';

/** Section 12 of alert-formats.md: the strategy's after-fill state decides, the verb cross-checks. */

const fill = (overrides: Parameters<typeof aStrategyFill>[0]) =>
  parseAlert(render(RECOMMENDED_STRATEGY_TEMPLATE, aStrategyFill(overrides)));

describe('strategy intent resolution (section 12)', () => {
  it('row 1: sell with market_position flat after a long closes the long, never opens a short', () => {
    const alert = fill({
      'strategy.order.action': 'sell', 'strategy.order.contracts': 2,
      'strategy.market_position': 'flat', 'strategy.market_position_size': 0, 'strategy.position_size': 0,
      'strategy.prev_market_position': 'long', 'strategy.prev_market_position_size': 2,
    });
    expect(alert.directive).toEqual({ kind: 'CLOSE', side: 'LONG' });
    expect(alert.target).toEqual({ position: 'FLAT', size: 0 });
    expect(alert.previous).toEqual({ position: 'LONG', size: 2 });
  });

  it('row 2: buy with market_position flat closes the short', () => {
    const alert = fill({
      'strategy.order.action': 'buy', 'strategy.market_position': 'flat',
      'strategy.market_position_size': 0, 'strategy.position_size': 0,
      'strategy.prev_market_position': 'short', 'strategy.prev_market_position_size': 1,
    });
    expect(alert.directive).toEqual({ kind: 'CLOSE', side: 'SHORT' });
  });

  it('rows 1-2 without a previous side: the verb says which side the close reduces', () => {
    const render24 = (action: string) =>
      parseAlert(render(ORIGINAL_STRATEGY_TEMPLATE, aStrategyFill({
        'strategy.order.action': action, 'strategy.position_size': 0, 'strategy.market_position': 'flat',
      })));
    expect(render24('sell').directive).toEqual({ kind: 'CLOSE', side: 'LONG' });
    expect(render24('buy').directive).toEqual({ kind: 'CLOSE', side: 'SHORT' });
  });

  it('row 3 / G-7: sell 1 of 3 while staying long reduces the long by 1, never a buy', () => {
    const alert = fill({
      'strategy.order.action': 'sell', 'strategy.order.contracts': 1,
      'strategy.market_position': 'long', 'strategy.market_position_size': 2, 'strategy.position_size': 2,
      'strategy.prev_market_position': 'long', 'strategy.prev_market_position_size': 3,
    });
    expect(alert.directive).toEqual({ kind: 'REDUCE', side: 'LONG' });
    expect(alert.quantity).toBe(1);
  });

  it('G-7 with the original template (no previous state): sell while long is still a reduce', () => {
    const alert = parseAlert(render(ORIGINAL_STRATEGY_TEMPLATE, aStrategyFill({
      'strategy.order.action': 'sell', 'strategy.order.contracts': 1,
      'strategy.position_size': 2, 'strategy.market_position': 'long',
    })));
    expect(alert.directive).toEqual({ kind: 'REDUCE', side: 'LONG' });
    expect(alert.quantity).toBe(1);
  });

  it('G-7: a partial exit the sizes reveal wins even when the verb says buy', () => {
    const alert = fill({
      'strategy.order.action': 'buy', 'strategy.order.contracts': 1,
      'strategy.market_position': 'long', 'strategy.market_position_size': 2, 'strategy.position_size': 2,
      'strategy.prev_market_position': 'long', 'strategy.prev_market_position_size': 3,
    });
    expect(alert.directive).toEqual({ kind: 'REDUCE', side: 'LONG' });
    expect(alert.warnings.join(' ')).toMatch(/disagrees/);
  });

  it('row 4: buy from flat to long 2 enters long with the target size', () => {
    const alert = fill({
      'strategy.order.contracts': 2, 'strategy.market_position_size': 2, 'strategy.position_size': 2,
    });
    expect(alert.directive).toEqual({ kind: 'ENTER', side: 'LONG' });
    expect(alert.quantity).toBe(2);
  });

  it('row 5: buy adding to a long enters the difference, warning when contracts disagrees', () => {
    const agree = fill({
      'strategy.order.contracts': 2, 'strategy.market_position_size': 3, 'strategy.position_size': 3,
      'strategy.prev_market_position': 'long', 'strategy.prev_market_position_size': 1,
    });
    expect(agree.directive).toEqual({ kind: 'ENTER', side: 'LONG' });
    expect(agree.quantity).toBe(2);
    expect(agree.warnings).toEqual([]);
    const disagree = fill({
      'strategy.order.contracts': 5, 'strategy.market_position_size': 3, 'strategy.position_size': 3,
      'strategy.prev_market_position': 'long', 'strategy.prev_market_position_size': 1,
    });
    expect(disagree.quantity).toBe(2);
    expect(disagree.warnings.join(' ')).toMatch(/contracts is 5/);
  });

  it('row 6: reversal short 1 -> long 1 enters long 1, not the 2 contracts of the order', () => {
    const alert = fill({
      'strategy.order.contracts': 2, 'strategy.market_position_size': 1, 'strategy.position_size': 1,
      'strategy.prev_market_position': 'short', 'strategy.prev_market_position_size': 1,
    });
    expect(alert.directive).toEqual({ kind: 'ENTER', side: 'LONG' });
    expect(alert.quantity).toBe(1);
  });

  it('row 6 with the original template: contracts larger than the new position reveals a reversal', () => {
    const alert = parseAlert(render(ORIGINAL_STRATEGY_TEMPLATE, aStrategyFill({
      'strategy.order.action': 'sell', 'strategy.order.contracts': 2,
      'strategy.position_size': -1, 'strategy.market_position': 'short',
    })));
    expect(alert.directive).toEqual({ kind: 'ENTER', side: 'SHORT' });
    expect(alert.quantity).toBe(1);
  });

  it('mirror for short: sell adds to a short, buy covers part of it', () => {
    const add = fill({
      'strategy.order.action': 'sell', 'strategy.order.contracts': 1,
      'strategy.market_position': 'short', 'strategy.market_position_size': 2, 'strategy.position_size': -2,
      'strategy.prev_market_position': 'short', 'strategy.prev_market_position_size': 1,
    });
    expect(add.directive).toEqual({ kind: 'ENTER', side: 'SHORT' });
    expect(add.quantity).toBe(1);
    const open = fill({
      'strategy.order.action': 'sell', 'strategy.market_position': 'short', 'strategy.position_size': -1,
    });
    expect(open.directive).toEqual({ kind: 'ENTER', side: 'SHORT' });
    expect(open.quantity).toBe(1);
  });

  it('row 7: only a signed position_size gives the side from its sign and the size from its value', () => {
    const short = parseAlert('{"ticker": "MNQ1!", "position_size": "-2"}');
    expect(short.directive).toEqual({ kind: 'ENTER', side: 'SHORT' });
    expect(short.target).toEqual({ position: 'SHORT', size: 2 });
    expect(short.quantity).toBeNull();
    const flat = parseAlert('{"ticker": "MNQ1!", "position_size": 0}');
    expect(flat.directive).toEqual({ kind: 'CLOSE' });
    expect(flat.target).toEqual({ position: 'FLAT', size: 0 });
  });

  it('row 19: buy while the strategy stays short and the size shrank reduces the short', () => {
    const alert = fill({
      'strategy.order.action': 'buy', 'strategy.order.contracts': 2,
      'strategy.market_position': 'short', 'strategy.market_position_size': 1, 'strategy.position_size': -1,
      'strategy.prev_market_position': 'short', 'strategy.prev_market_position_size': 3,
    });
    expect(alert.directive).toEqual({ kind: 'REDUCE', side: 'SHORT' });
    expect(alert.quantity).toBe(2);
  });

  it('a previous size without its side is inferred only where a fill allows just one side', () => {
    const alert = parseAlert(
      '{"action":"sell","contracts":1,"market_position":"long","market_position_size":2,"prev_position_size":3}',
    );
    expect(alert.previous).toEqual({ position: 'LONG', size: 3 });
    expect(alert.directive).toEqual({ kind: 'REDUCE', side: 'LONG' });
    const ambiguous = parseAlert('{"action":"buy","market_position":"long","prev_position_size":3}');
    expect(ambiguous.previous).toBeNull();
    expect(ambiguous.warnings.join(' ')).toMatch(/prev_position_size/);
  });

  it('a partial exit with no size at all is still a reduce, sized by the recorder (warned)', () => {
    const alert = parseAlert('{"action":"sell","market_position":"long"}');
    expect(alert.directive).toEqual({ kind: 'REDUCE', side: 'LONG' });
    expect(alert.quantity).toBeNull();
    expect(alert.warnings.join(' ')).toMatch(/partial exit/);
  });

  it('no action and no sizes while staying on the same side is refused: add or exit is unknowable', () => {
    expect(() => parseAlert('{"market_position":"long","prev_market_position":"long"}')).toThrow(AlertParseError);
  });

  it('contradictory target state is refused, naming the field', () => {
    const error = catchError(() => parseAlert('{"action":"buy","market_position":"long","position_size":-1}'));
    expect(error).toBeInstanceOf(AlertParseError);
    expect(error.field).toBe('market_position');
    expect(() => parseAlert('{"action":"buy","market_position":"long","market_position_size":0}'))
      .toThrow(/size is 0/);
  });

  it('flat wins over a stray size: the alert still closes', () => {
    const alert = parseAlert('{"action":"sell","market_position":"flat","position_size":2}');
    expect(alert.directive).toEqual({ kind: 'CLOSE', side: 'LONG' });
    expect(alert.warnings.join(' ')).toMatch(/flat wins/);
  });
});

function catchError(run: () => unknown): AlertParseError {
  try {
    run();
  } catch (error) {
    return error as AlertParseError;
  }
  throw new Error('expected an error');
}
