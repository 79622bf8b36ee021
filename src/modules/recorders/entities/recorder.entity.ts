import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PriceSource } from '../../../core/market/price-source';
import type { DcaSettings } from '../../../core/dca/dca-settings';
import { jsonColumn } from './json-column';
import type { StoredTakeProfitLevel } from '../../../core/exits/exit-plan';
import type { DirectionFilter } from '../settings/direction-filter';

export type TakeProfitLevel = StoredTakeProfitLevel;

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
  /** contracts for every entry; 0 = the alert's quantity (then `quantity`) */
  @Column({ type: 'integer', default: 0 })
  initialSize: number;

  /** contracts each add (same-side entry with DCA on) sends; 0 = the entry's size */
  @Column({ type: 'integer', default: 0 })
  addSize: number;

  /** an entry bigger than this is refused or capped (oversizedQuantity); null = none */
  @Column({ type: 'integer', nullable: true })
  maxContractsPerOrder: number | null;

  /** the position never grows past this; null = none */
  @Column({ type: 'integer', nullable: true })
  maxContractsPerPosition: number | null;

  /** size entries from a dollar risk to the stop (decimal string); null = off */
  @Column({ type: 'varchar', length: 20, nullable: true })
  riskDollars: string | null;

  /** size entries from a percent of the account balance at risk to the stop; null = off */
  @Column({ type: 'varchar', length: 20, nullable: true })
  riskPercent: string | null;

  /** a risk size under one contract trades 1 instead of being refused */
  @Column({ type: 'boolean', default: false })
  riskMinOneContract: boolean;

  @Column({ type: 'varchar', length: 5, default: 'both' })
  directionFilter: DirectionFilter;

  /** the owner's time zone the trading windows are in (IANA name) */
  @Column({ type: 'varchar', length: 64, default: 'America/New_York' })
  timeZone: string;

  /** up to two trading windows "HH:MM"; none = 24/7 */
  @Column({ type: 'varchar', length: 5, nullable: true })
  window1Start: string | null;

  @Column({ type: 'varchar', length: 5, nullable: true })
  window1End: string | null;

  @Column({ type: 'varchar', length: 5, nullable: true })
  window2Start: string | null;

  @Column({ type: 'varchar', length: 5, nullable: true })
  window2End: string | null;

  /** seconds after an entry during which new entries are blocked; 0 = none */
  @Column({ type: 'integer', default: 0 })
  cooldownSec: number;

  /** entries per exchange session day (resets 17:00 Chicago); null = no limit */
  @Column({ type: 'integer', nullable: true })
  maxSignalsPerDay: number | null;

  /** trade only entry signals N, 2N, 3N ... of the session day; 1 = every one */
  @Column({ type: 'integer', default: 1 })
  everyNthSignal: number;

  /** buy <-> sell (a close stays a close) */
  @Column({ type: 'boolean', default: false })
  inverse: boolean;

  /** when a trading window closes, flatten the open position through the exit machine */
  @Column({ type: 'boolean', default: false })
  flattenAtWindowEnd: boolean;

  @Column({ type: 'varchar', length: 64, unique: true })
  webhookToken: string;

  @Column({ type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ type: 'varchar', length: 30 })
  updatedAt: string;
}
