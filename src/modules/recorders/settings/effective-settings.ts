import type { StoredExitRules } from '../../../core/exits/exit-plan';
import type { Recorder } from '../entities/recorder.entity';
import type { Trader } from '../entities/trader.entity';
import type { DirectionFilter } from './direction-filter';
import type { TradingWindow } from './trading-windows';

/** The settings one trader trades a recorder's signals with (or the recorder's own, for its virtual book). */
export interface EffectiveSettings {
  /** the recorder's symbol, or the trader's own ticker */
  symbol: string;
  ownTicker: boolean;
  initialSize: number;
  /** contracts per add; 0 = the entry's size */
  addSize: number;
  maxContractsPerOrder: number | null;
  maxContractsPerPosition: number | null;
  riskDollars: string | null;
  riskPercent: string | null;
  riskMinOneContract: boolean;
  directionFilter: DirectionFilter;
  timeZone: string;
  windows: TradingWindow[];
  cooldownSec: number;
  maxSignalsPerDay: number | null;
  everyNthSignal: number;
  inverse: boolean;
  flattenAtWindowEnd: boolean;
  exits: StoredExitRules;
}

/** Trader beats recorder field by field: null inherits (G-12), 0 and false are kept (G-11). The alert's own values beat both later, at the entry. */
export function effectiveSettings(recorder: Recorder, trader: Trader | null): EffectiveSettings {
  const pick = <K extends keyof Recorder & keyof Trader>(key: K): Recorder[K] => (trader && trader[key] !== null && trader[key] !== undefined ? (trader[key] as unknown as Recorder[K]) : recorder[key]);
  const w1 = { start: pick('window1Start'), end: pick('window1End') };
  const w2 = { start: pick('window2Start'), end: pick('window2End') };
  // a take profit is one setting: the trader's single target or ladder replaces the recorder's both
  const tpFromTrader = !!trader && (trader.takeProfitTicks !== null || trader.takeProfitLevels !== null);
  return {
    symbol: trader?.symbol ?? recorder.symbol,
    ownTicker: !!trader?.symbol,
    initialSize: pick('initialSize'),
    addSize: pick('addSize'),
    maxContractsPerOrder: pick('maxContractsPerOrder'),
    maxContractsPerPosition: pick('maxContractsPerPosition'),
    riskDollars: pick('riskDollars'),
    riskPercent: pick('riskPercent'),
    riskMinOneContract: pick('riskMinOneContract'),
    directionFilter: pick('directionFilter'),
    timeZone: pick('timeZone'),
    windows: [w1, w2].filter((w): w is TradingWindow => !!w.start && !!w.end),
    cooldownSec: pick('cooldownSec'),
    maxSignalsPerDay: pick('maxSignalsPerDay'),
    everyNthSignal: pick('everyNthSignal'),
    inverse: pick('inverse'),
    flattenAtWindowEnd: pick('flattenAtWindowEnd'),
    exits: {
      takeProfitTicks: tpFromTrader ? trader!.takeProfitTicks : recorder.takeProfitTicks,
      takeProfitLevels: tpFromTrader ? trader!.takeProfitLevels : recorder.takeProfitLevels,
      stopLossTicks: pick('stopLossTicks'),
      trailTriggerTicks: pick('trailTriggerTicks'),
      trailDistanceTicks: pick('trailDistanceTicks'),
      breakEvenTicks: pick('breakEvenTicks'),
      breakEvenOffsetTicks: pick('breakEvenOffsetTicks'),
    },
  };
}
