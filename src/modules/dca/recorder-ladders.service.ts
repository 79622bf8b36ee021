import { Injectable, Logger } from '@nestjs/common';
import { QuoteReceived } from '../../core/bus/events';
import { decideAdd, LadderState, markPending, markSkipped, settleAdd } from '../../core/dca/dca-ladder';
import { DcaSettings, hasLadder, recorderDca } from '../../core/dca/dca-settings';
import { specForContract } from '../../core/positions/spec-for-contract';
import { RecordersService } from '../recorders/recorders.service';
import { VirtualBookService } from '../recorders/virtual-book.service';
import { BarBook } from './bar-book.service';
import { DcaStats } from './dca-stats.service';
import { LadderStore } from './ladder-store.service';

/**
 * The recorder's own ladder on its virtual position, on TradingView prices (venue 'paper') only:
 * a level reached is filled virtually at that price; it only ever writes the virtual book.
 * Its exits follow: the virtual exit watch measures from the new average.
 */
@Injectable()
export class RecorderLadders {
  private readonly logger = new Logger('DcaRecorders');
  private readonly states = new Map<string, LadderState>();

  constructor(
    private readonly book: VirtualBookService,
    private readonly recorders: RecordersService,
    private readonly store: LadderStore,
    private readonly bars: BarBook,
    private readonly stats: DcaStats,
  ) {}

  async onQuote(quote: QuoteReceived): Promise<void> {
    if (quote.venue !== 'paper') return;
    for (const row of await this.book.openOn(quote.contract)) {
      const recorder = await this.recorders.get(row.recorderId).catch(() => null);
      const settings = recorder ? recorderDca(recorder) : null;
      if (!settings || !hasLadder(settings)) continue;
      await this.book.exclusive(row.recorderId, row.contract, () => this.step(row.recorderId, row.contract, settings, quote));
    }
  }

  private async step(recorderId: string, contract: string, settings: DcaSettings, quote: QuoteReceived): Promise<void> {
    // read again inside the lock: an alert or an exit may have moved the position
    const row = await this.book.get(recorderId, contract);
    if (!row || row.netPos === 0 || !row.avgPrice) return;
    const positionKey = row.positionKey ?? `legacy-${row.recorderId}`;
    const holder = `recorder:${recorderId}`;
    const k = `${holder}|${contract}`;
    let state = this.states.get(k);
    if (state?.positionKey !== positionKey) state = await this.store.load(holder, contract, positionKey);
    const decision = decideAdd({
      settings,
      state,
      netPos: row.netPos,
      avgPrice: row.avgPrice,
      price: quote.price,
      spec: specForContract(contract),
      quantityOf: (level) => level.quantity,
      cap: settings.maxQuantity,
      atrOf: (period, tf) => this.bars.atr('paper', contract, period, tf),
    });
    if (decision.kind === 'none') return void this.states.set(k, state);
    this.stats.count('recorder', 'triggered', quote.ts);
    if (decision.kind === 'skip') {
      state = markSkipped(state, decision.level);
      this.stats.count('recorder', 'skipped');
    } else {
      state = markPending(state, decision.level, decision.attempt);
      await this.store.save(holder, contract, state);
      const action = row.netPos > 0 ? 'Buy' : 'Sell';
      try {
        await this.book.apply(recorderId, contract, { steps: [{ kind: 'open', action, quantity: decision.quantity, purpose: 'add' }], note: null }, quote.price);
        state = settleAdd(state, decision.level, true, false);
        this.stats.count('recorder', 'added');
        this.logger.log(`recorder ${recorderId} ${contract}: virtual DCA level ${decision.level + 1} at ${quote.price} (level ${decision.triggerPrice}), added ${decision.quantity}`);
      } catch (error) {
        state = settleAdd(state, decision.level, false, settings.retryRejected);
        this.stats.count('recorder', 'rejected');
        this.logger.warn(`recorder ${recorderId} ${contract}: virtual DCA add at ${quote.price} not booked: ${(error as Error).message}`);
      }
    }
    this.states.set(k, state);
    await this.store.save(holder, contract, state);
  }
}
