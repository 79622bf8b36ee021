import { ContractSpec } from '../../core/contracts';
import { addDecimal, formatDecimal, multiplyDecimal, roundPriceToTick, subtractDecimal } from '../../core/money';

export interface ExitLevels {
  takeProfit: string | null;
  stopLoss: string | null;
}

/**
 * Take profit and stop loss prices for a position: `ticks` away from its average price, on the
 * profitable and the losing side, rounded to the contract's tick (G-16: averages fall between ticks).
 */
export function exitLevels(netPos: number, avgPrice: string, takeProfitTicks: number | null, stopLossTicks: number | null, spec: ContractSpec): ExitLevels {
  const long = netPos > 0;
  const away = (ticks: number, up: boolean) => {
    const distance = multiplyDecimal(ticks, spec.tickSize);
    const raw = up ? addDecimal(avgPrice, distance) : subtractDecimal(avgPrice, distance);
    return roundPriceToTick(formatDecimal(raw), spec, 'nearest');
  };
  return {
    takeProfit: takeProfitTicks ? away(takeProfitTicks, long) : null,
    stopLoss: stopLossTicks ? away(stopLossTicks, !long) : null,
  };
}
