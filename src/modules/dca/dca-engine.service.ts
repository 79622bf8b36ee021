import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventBus } from '../../core/bus/event-bus';
import { QuoteReceived } from '../../core/bus/events';
import { AccountLadders } from './account-ladders.service';
import { BarBook } from './bar-book.service';
import { RecorderLadders } from './recorder-ladders.service';

/**
 * DCAEngine: each quote first extends the bars (ATR), then moves the ladders of the broker
 * positions held at its venue and of the recorders' virtual positions (TradingView prices only).
 */
@Injectable()
export class DcaEngine implements OnModuleInit {
  constructor(
    private readonly bus: EventBus,
    private readonly bars: BarBook,
    private readonly accounts: AccountLadders,
    private readonly recorders: RecorderLadders,
  ) {}

  onModuleInit(): void {
    this.bus.on('QuoteReceived', 'dca-quotes', (q) => this.onQuote(q));
  }

  async onQuote(quote: QuoteReceived): Promise<void> {
    this.bars.add(quote);
    await this.accounts.onQuote(quote);
    await this.recorders.onQuote(quote);
  }
}
