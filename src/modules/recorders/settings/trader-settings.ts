import type { TraderSettingsDto } from '../dto/trader.dto';
import type { Trader } from '../entities/trader.entity';

/** Every setting a trader can hold for itself (null = the recorder's); the list the API, the database and the engine share (G-14). */
export const TRADER_SETTING_FIELDS = [
  'symbol', 'initialSize', 'addSize', 'maxContractsPerOrder', 'maxContractsPerPosition', 'riskDollars', 'riskPercent', 'riskMinOneContract',
  'directionFilter', 'timeZone', 'window1Start', 'window1End', 'window2Start', 'window2End', 'cooldownSec', 'maxSignalsPerDay',
  'everyNthSignal', 'inverse', 'flattenAtWindowEnd', 'takeProfitTicks', 'stopLossTicks', 'takeProfitLevels', 'trailTriggerTicks',
  'trailDistanceTicks', 'breakEvenTicks', 'breakEvenOffsetTicks',
] as const satisfies readonly (keyof Trader & keyof TraderSettingsDto)[];

export type TraderSettings = Pick<Trader, (typeof TRADER_SETTING_FIELDS)[number]>;

export const EMPTY_SETTINGS: TraderSettings = Object.fromEntries(TRADER_SETTING_FIELDS.map((f) => [f, null])) as unknown as TraderSettings;

/** The settings a request sent: undefined = not sent (unchanged), null = inherit, anything else = the trader's own. */
export function traderSettings(dto: TraderSettingsDto): Partial<TraderSettings> {
  return Object.fromEntries(TRADER_SETTING_FIELDS.filter((f) => dto[f] !== undefined).map((f) => [f, dto[f]])) as Partial<TraderSettings>;
}
