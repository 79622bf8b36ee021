import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PriceSource } from '../../../core/market/price-source';
import type { DcaSettings } from '../../../core/dca/dca-settings';
import { jsonColumn } from './json-column';

export interface TakeProfitLevel {
  ticks: number;
  /** contracts (times each trader's multiplier); left out on the last level, which takes the rest */
  quantity?: number | null;
}

/** One strategy: a webhook token, a symbol, a size and the rules for same-side and opposite alerts. */
@Entity('recorders')
export class Recorder {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 100, unique: true })
  name: string;

  /** default symbol as the trader writes it (MNQ1!); an alert's ticker overrides it */
  @Column({ type: 'varchar', length: 40 })
  symbol: string;

  /** contracts per entry when the alert gives none */
  @Column({ type: 'integer' })
  quantity: number;

  @Column({ type: 'integer', nullable: true })
  takeProfitTicks: number | null;

  @Column({ type: 'integer', nullable: true })
  stopLossTicks: number | null;

  /** up to three take-profit legs, ascending; the last takes what is left (replaces takeProfitTicks) */
  @Column({ type: 'text', nullable: true, transformer: { to: (v: unknown) => (v == null ? null : JSON.stringify(v)), from: (v: string | null) => (v ? JSON.parse(v) : null) } })
  takeProfitLevels: TakeProfitLevel[] | null;

  /** ticks in favour before the stop starts trailing; 0 = trail at once */
  @Column({ type: 'integer', nullable: true })
  trailTriggerTicks: number | null;

  /** the trailing stop's distance behind the best price; null = no trailing stop */
  @Column({ type: 'integer', nullable: true })
  trailDistanceTicks: number | null;

  /** ticks of profit after which the stop moves to entry (+ offset); null = no break-even */
  @Column({ type: 'integer', nullable: true })
  breakEvenTicks: number | null;

  @Column({ type: 'integer', nullable: true })
  breakEvenOffsetTicks: number | null;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  /** mirrors dca.enabled (kept for existing clients and rows) */
  @Column({ type: 'boolean', default: false })
  dcaEnabled: boolean;

  /** DCA: same-side alerts add (an opposite alert is then blocked, not reversed) and the ladder of add-on levels */
  @Column({ type: 'text', nullable: true, transformer: jsonColumn })
  dca: DcaSettings | null;

  /** same-side alert with DCA off: ignore it, or close and enter fresh */
  @Column({ type: 'varchar', length: 10, default: 'ignore' })
  sameSide: 'ignore' | 'reenter';

  /** trade the contract the alert's ticker names; false = an alert for another root is refused */
  @Column({ type: 'boolean', default: false })
  followAlertTicker: boolean;

  /** an alert quantity over the caps (JT_MAX_ORDER_QUANTITY, 1000): refuse the alert, or trade the cap */
  @Column({ type: 'varchar', length: 10, default: 'refuse' })
  oversizedQuantity: 'refuse' | 'cap';

  /** prices of the virtual book: alert and API prices ('alert'), or TradingView's quote socket */
  @Column({ type: 'varchar', length: 12, default: 'alert' })
  priceSource: PriceSource;
  /** P&L: the virtual book's day loss (realized + open, dollars) that stops its entries until the next session; null = none */
  @Column({ type: 'varchar', length: 20, nullable: true })
  dailyLossLimit: string | null;

  @Column({ type: 'varchar', length: 64, unique: true })
  webhookToken: string;

  @Column({ type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ type: 'varchar', length: 30 })
  updatedAt: string;
}
