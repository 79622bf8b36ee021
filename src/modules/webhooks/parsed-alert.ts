export type { AlertBrackets, AlertDialect, AlertDirective, AlertSizing, ExitMeasure, ParsedAlert, PositionSide, StrategyPosition } from '../../core/alerts/parsed-alert';

/** A body that can never succeed: the webhook answers 400 with this. */
export class AlertParseError extends Error {
  constructor(
    message: string,
    readonly field: string | null = null,
    readonly hint: string | null = null,
  ) {
    super(message);
    this.name = 'AlertParseError';
  }
}
