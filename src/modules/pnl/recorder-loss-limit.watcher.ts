import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EventBus } from '../../core/bus/event-bus';
import { QuoteReceived } from '../../core/bus/events';
import { Clock } from '../../core/clock';
import { roundPriceToTick } from '../../core/money';
import { planExit } from '../../core/positions/order-plan';
import { specForContract } from '../../core/positions/spec-for-contract';
import { BookReaderService } from '../execution/book-reader.service';
import { RecordersService } from '../recorders/recorders.service';
import { VirtualBookService } from '../recorders/virtual-book.service';
import { LossLimitsService } from './loss-limits.service';

/**
 * A recorder's daily loss limit on TradingView prices: once its virtual day P&L reaches it, the
 * virtual position is closed at the price that reached it, and every trader position the recorder
 * opened is flattened through the exit machine. Its entries stay refused until the next session.
 */
@Injectable()
export class RecorderLossLimitWatcher implements OnModuleInit {
  private readonly logger = new Logger('RecorderLossLimit');
  private readonly requested = new Set<string>();

  constructor(
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly recorders: RecordersService,
    private readonly virtualBook: VirtualBookService,
    private readonly book: BookReaderService,
    private readonly limits: LossLimitsService,
  ) {}

  onModuleInit(): void {
    this.bus.on('QuoteReceived', 'recorder-loss-limits', (q) => this.onQuote(q));
  }

  private async onQuote(quote: QuoteReceived): Promise<void> {
    if (quote.venue !== 'paper') return;
    for (const recorder of await this.recorders.list()) {
      if (!recorder.dailyLossLimit) continue;
      const open = (await this.virtualBook.listPositions(recorder.id)).filter((p) => p.netPos !== 0);
      if (!open.some((p) => p.contract === quote.contract)) continue;
      const reason = await this.limits.recorderBlock(recorder.id);
      if (reason) await this.flatten(recorder.id, quote, reason);
    }
  }

  private async flatten(recorderId: string, quote: QuoteReceived, reason: string): Promise<void> {
    for (const row of (await this.virtualBook.listPositions(recorderId)).filter((p) => p.netPos !== 0 && p.contract === quote.contract)) {
      await this.virtualBook.exclusive(recorderId, row.contract, async () => {
        const netPos = await this.virtualBook.netPos(recorderId, row.contract);
        if (netPos === 0) return;
        const price = roundPriceToTick(quote.price, specForContract(row.contract));
        const closed = await this.virtualBook.apply(recorderId, row.contract, planExit(netPos, netPos > 0 ? 'LONG' : 'SHORT'), price);
        this.logger.warn(`recorder ${recorderId} ${row.contract}: virtual position closed at ${price}${closed.map((t) => ` (P&L ${t.pnlUsd} USD)`).join('')}: ${reason}`);
      });
    }
    const day = this.limits.today();
    for (const position of await this.book.openPositions({ recorderId })) {
      const key = `recorder-daily-loss:${recorderId}:${day}:${position.accountId}:${position.contract}`;
      if (this.requested.has(key)) continue;
      this.requested.add(key);
      this.bus.publish({
        type: 'ExitPosition',
        ts: this.clock.nowIso(),
        accountId: position.accountId,
        traderId: null,
        recorderId,
        signalId: null,
        contract: position.contract,
        idempotencyKey: key,
        side: position.netPos > 0 ? 'LONG' : 'SHORT',
        reason,
      });
    }
  }
}
