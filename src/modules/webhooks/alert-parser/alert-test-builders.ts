/**
 * Test builders for alert-parser specs: the message templates traders paste into TradingView and
 * a renderer that fills `{{placeholders}}` the way TradingView does (plain text substitution).
 */

/** Placeholder values for one strategy fill, keyed by placeholder name. */
export type Rendered = Record<string, string | number>;

export function render(template: string, values: Rendered): string {
  return template.replace(/\{\{([^}]+)\}\}/g, (placeholder, name: string) =>
    name in values ? String(values[name]) : placeholder,
  );
}

/** A strategy fill as TradingView renders it; defaults describe "flat -> long 1 on MNQ1!". */
export function aStrategyFill(overrides: Partial<Rendered> = {}): Rendered {
  return {
    ticker: 'MNQ1!',
    close: '21000.25',
    timenow: '2025-03-14T14:30:05Z',
    time: '2025-03-14T14:30:00Z',
    interval: '5',
    'strategy.order.action': 'buy',
    'strategy.order.contracts': 1,
    'strategy.order.id': 'Long',
    'strategy.order.comment': 'Long entry',
    'strategy.market_position': 'long',
    'strategy.market_position_size': 1,
    'strategy.prev_market_position': 'flat',
    'strategy.prev_market_position_size': 0,
    'strategy.position_size': 1,
    ...(overrides as Rendered),
  };
}

/** Section 2.4: the original's indicator template, as existing users have it. */
export const ORIGINAL_INDICATOR_TEMPLATE =
  '{"recorder": "MyRecorder", "action": "buy", "ticker": "{{ticker}}", "price": "{{close}}"}';

/** Section 2.4: the original's strategy template, as existing users have it. */
export const ORIGINAL_STRATEGY_TEMPLATE = `{"recorder": "MyRecorder", "action": "{{strategy.order.action}}", "ticker": "{{ticker}}",
 "price": "{{close}}", "contracts": "{{strategy.order.contracts}}",
 "position_size": "{{strategy.position_size}}", "market_position": "{{strategy.market_position}}"}`;

/** Section 2.6: the recommended strategy template (every placeholder quoted). */
export const RECOMMENDED_STRATEGY_TEMPLATE = `{
  "action": "{{strategy.order.action}}",
  "ticker": "{{ticker}}",
  "contracts": "{{strategy.order.contracts}}",
  "market_position": "{{strategy.market_position}}",
  "market_position_size": "{{strategy.market_position_size}}",
  "prev_market_position": "{{strategy.prev_market_position}}",
  "prev_market_position_size": "{{strategy.prev_market_position_size}}",
  "position_size": "{{strategy.position_size}}",
  "price": "{{close}}",
  "order_id": "{{strategy.order.id}}",
  "comment": "{{strategy.order.comment}}",
  "time": "{{timenow}}",
  "bar_time": "{{time}}",
  "interval": "{{interval}}"
}`;

/** The recommended template with every numeric placeholder unquoted (rendered as JSON numbers). */
export const RECOMMENDED_TEMPLATE_UNQUOTED_NUMBERS = RECOMMENDED_STRATEGY_TEMPLATE.replace(
  /"(\{\{(?:close|strategy\.order\.contracts|strategy\.(?:prev_)?market_position_size|strategy\.position_size|interval)\}\})"/g,
  '$1',
);

/** Section 2.6: indicator templates. */
export const indicatorTemplate = (action: string): string =>
  `{"action":"${action}","ticker":"{{ticker}}","price":"{{close}}","time":"{{timenow}}"}`;

/** TradeManager's strategy template with TradingView sizes (section 6), without the outer quotes. */
export const TRADEMANAGER_STRATEGY_TEMPLATE =
  'MyStrat: {{strategy.order.action}}, Price = {{close}}, Ticker = {{ticker}}, Period = {{interval}}, ' +
  'Action = {{strategy.market_position}}, Amount = {{strategy.position_size}}';

/** TradersPost's strategy template (section 3.2). */
export const TRADERSPOST_STRATEGY_TEMPLATE = `{"ticker": "{{ticker}}", "action": "{{strategy.order.action}}",
 "sentiment": "{{strategy.market_position}}", "quantity": "{{strategy.order.contracts}}",
 "price": "{{close}}", "time": "{{timenow}}", "interval": "{{interval}}"}`;
