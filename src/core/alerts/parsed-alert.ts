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

export type AlertDialect = 'native' | 'kv' | 'word' | 'trademanager' | 'traderspost' | 'pickmytrade';

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
  /** ISO-8601 time the alert fired ({{timenow}} / time), when present and valid */
  firedAt: string | null;
  /** the alert's own id (`id`), or TradingView's {{strategy.order.id}} */
  explicitId: string | null;
  strategyOrderId: string | null;
  warnings: string[];
}

/** A body that can never succeed: the webhook answers 400 with this. */
