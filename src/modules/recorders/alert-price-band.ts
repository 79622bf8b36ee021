import { compareDecimal, divideDecimal, formatDecimal, multiplyDecimal, subtractDecimal } from '../../core/money';

/**
 * Whether an alert price is close enough to the venue's last price to move the market (the paper
 * exchange, P&L marks, exit triggers). A price further off than `bandPct` percent prices only the
 * recorder's virtual book. Answers why not, or null when it may be used as a quote.
 */
export function outsidePriceBand(alertPrice: string, lastPrice: string | null, bandPct: number): string | null {
  if (lastPrice === null || compareDecimal(lastPrice, '0') <= 0) return null;
  const distance = subtractDecimal(alertPrice, lastPrice);
  const absolute = compareDecimal(distance, '0') < 0 ? multiplyDecimal(distance, '-1') : distance;
  const pct = divideDecimal(multiplyDecimal(absolute, '100'), lastPrice, 2, 'nearest');
  if (compareDecimal(pct, bandPct) <= 0) return null;
  return `alert price ${alertPrice} is ${formatDecimal(pct)}% from the last price ${lastPrice} (band JT_ALERT_PRICE_BAND_PCT ${bandPct}%): used for the virtual book only, not as a quote`;
}
