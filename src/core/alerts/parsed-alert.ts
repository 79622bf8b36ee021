/**
 * One TradingView alert after parsing, whatever dialect it came in. Nothing past the webhooks
 * module knows the dialect. Prices stay decimal strings; quantities are whole contracts.
 */
export type PositionSide = 'LONG' | 'SHORT';
export type StrategyPosition = 'LONG' | 'SHORT' | 'FLAT';

/**
 * What the alert asks for, before the broker position is known.
 * - ENTER: be on `side` (the engine opens, adds or reverses per the broker's position).
 * - CLOSE: flatten; when `side` is set only a position on that side is closed.
 * - REDUCE: take `quantity` contracts off a position on `side` (a strategy's partial exit).
 */
export type AlertDirective =
  | { kind: 'ENTER'; side: PositionSide }
  | { kind: 'CLOSE'; side?: PositionSide }
  | { kind: 'REDUCE'; side: PositionSide };

export type AlertDialect =
  | 'native'
  | 'kv'
  | 'word'
  | 'trademanager'
  | 'traderspost'
  | 'pickmytrade'
  | 'crosstrade'
  | 'threecommas'
  /** TradingView's default strategy message: "order buy @ 2 filled on MNQ1!. New strategy position is 2" */
  | 'tradingview';

/**
 * Where an exit sits, as the alert wrote it: a distance from the entry (average) price in ticks,
 * points, percent or dollars (per contract), or an absolute price. The engine turns it into a price
 * on the contract's tick grid.
 */
export type ExitMeasure = { unit: 'ticks' | 'points' | 'percent' | 'dollars'; value: string } | { unit: 'price'; value: string };

/** One take-profit leg: where, and what it takes (contracts, or percent of the position; neither = what is left). */
export interface TakeProfitLeg {
  at: ExitMeasure;
  quantity?: number | null;
  percentOfPosition?: number | null;
}

/** The exits an alert asks for; each set field beats the trader's and the recorder's settings. */
export interface AlertBrackets {
  /** up to 3 legs, nearest first */
  takeProfit?: TakeProfitLeg[] | null;
  stopLoss?: ExitMeasure | null;
  trailing?: { distance: ExitMeasure; trigger?: ExitMeasure | null; step?: ExitMeasure | null } | null;
  breakEven?: { trigger: ExitMeasure; offset?: ExitMeasure | null } | null;
}

/** How the alert sizes the entry, when it does not give contracts. */
export interface AlertSizing {
  /** dollars at risk to the stop: contracts = floor(riskDollars / stop distance in dollars) */
  riskDollars?: string | null;
  /** percent of the account balance at risk to the stop */
  riskPercent?: string | null;
  /** a reduce or close of this percent of the open position */
  percentOfPosition?: number | null;
}

export interface ParsedAlert {
  dialect: AlertDialect;
  directive: AlertDirective;
  /** the verb as sent, for audit ("buy", "sell", "close", ...) */
  orderAction: string | null;
  /** raw ticker as sent ("MNQ1!", "CME_MINI:MNQ1!"); null when the alert had none */
  symbol: string | null;
  /** decimal string, e.g. "21000.25" */
  price: string | null;
  /** contracts for this order (entry size, add size or reduce size); null when the alert gave none */
  quantity: number | null;
  /** strategy state after / before the fill, when the alert carried it */
  target: { position: StrategyPosition; size: number | null } | null;
  previous: { position: StrategyPosition; size: number | null } | null;
  takeProfitTicks: number | null;
  stopLossTicks: number | null;
  /** trailing stop and break-even in ticks, when the alert set them (absent = the recorder's) */
  exitOverrides?: {
    trailDistanceTicks?: number | null;
    trailTriggerTicks?: number | null;
    breakEvenTicks?: number | null;
    breakEvenOffsetTicks?: number | null;
  };
  /** exits in any unit (peer dialects, per-alert overrides); absent = none asked beyond the tick fields above */
  brackets?: AlertBrackets | null;
  sizing?: AlertSizing | null;
  /** an alert's own same-direction rule (PickMyTrade duplicate_position_allow / pyramid) */
  sameDirection?: 'ignore' | 'add' | null;
  /** the alert's own staleness limit in seconds (3Commas `max_lag`); only ever lowers the recorder's */
  maxLagSec?: number | null;
  /** ISO-8601 time the alert fired ({{timenow}} / time), when present and valid */
  firedAt: string | null;
  /** the alert's own id (`id`), or TradingView's {{strategy.order.id}} */
  explicitId: string | null;
  strategyOrderId: string | null;
  warnings: string[];
}

/** A body that can never succeed: the webhook answers 400 with this. */
