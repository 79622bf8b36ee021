import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EventBus } from '../../core/bus/event-bus';
import { QuoteReceived } from '../../core/bus/events';
import { parseExitPlan } from '../../core/exits/exit-plan';
import { FRESH_WATCH, planLevels, WatchState, watchQuote } from '../../core/exits/exit-watch';
import { planExit, planReduce } from '../../core/positions/order-plan';
import { specForContract } from '../../core/positions/spec-for-contract';
import { venueOfPriceSource } from '../../core/market/price-source';
import { RecordersService } from './recorders.service';
import { VirtualBookService } from './virtual-book.service';

/**
 * The recorder's virtual position gets the same take profit, stop loss, trailing stop and
 * break-even as a trader's: on each price of the recorder's source (alert and paper quotes, or TradingView's quote socket), a level reached is filled virtually AT THE LEVEL PRICE
 * (the P&L TradingView shows). It only ever writes the virtual book; it never sends an order.
 */
@Injectable()
export class VirtualExitWatcher implements OnModuleInit {
  private readonly logger = new Logger('VirtualExits');

  constructor(
    private readonly bus: EventBus,
    private readonly book: VirtualBookService,
    private readonly recorders: RecordersService,
  ) {}

  onModuleInit(): void {
    this.bus.on('QuoteReceived', 'virtual-exits', (q) => this.onQuote(q));
  }

  async onQuote(quote: QuoteReceived): Promise<void> {
    // the virtual book is TradingView's view: broker market data never moves it
    if (quote.venue === 'tradovate') return;
    for (const row of await this.book.openWithExits(quote.contract)) {
      // each recorder watches the source it chose: its alerts or TradingView's quote socket, never both
      const recorder = await this.recorders.get(row.recorderId).catch(() => null);
      if (!recorder || venueOfPriceSource(recorder.priceSource) !== quote.venue) continue;
      await this.book.exclusive(row.recorderId, row.contract, () => this.watch(row.recorderId, row.contract, quote.price));
    }
  }

  private async watch(recorderId: string, contract: string, price: string): Promise<void> {
    // read again inside the lock: an alert may have moved the position since the list was read
    const row = await this.book.get(recorderId, contract);
    const plan = parseExitPlan(row?.exitPlan);
    if (!row || row.netPos === 0 || !row.avgPrice || !plan) return;
    const spec = specForContract(contract);
    const before: WatchState = row.exitWatch ? JSON.parse(row.exitWatch) : FRESH_WATCH;
    const { state, exits } = watchQuote(plan, planLevels(plan, row.netPos, row.avgPrice, spec), before, price, spec);
    if (JSON.stringify(state) === JSON.stringify(before)) return;
    let netPos = row.netPos;
    const side = netPos > 0 ? 'LONG' : 'SHORT';
    for (const exit of exits) {
      if (netPos === 0) break;
      const orders = exit.quantity === null ? planExit(netPos, side) : planReduce(netPos, side, exit.quantity);
      const closed = await this.book.apply(recorderId, contract, orders, exit.price);
      const taken = orders.steps.reduce((sum, s) => sum + s.quantity, 0);
      netPos -= Math.sign(netPos) * taken;
      const what = exit.kind === 'take_profit' ? `take profit ${exit.level}` : exit.kind.replace('_', ' ');
      this.logger.log(`recorder ${recorderId} ${contract}: virtual ${what} at ${exit.price}, ${taken} contract(s)${closed.map((t) => `; closed ${t.side} P&L ${t.pnlUsd} USD`).join('')}`);
    }
    if (netPos !== 0) await this.book.saveWatch(recorderId, contract, state);
  }
}
