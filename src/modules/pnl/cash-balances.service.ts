import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventBus } from '../../core/bus/event-bus';
import { formatDecimal } from '../../core/money';

/** The cash each broker account last reported (Tradovate cashBalance), in dollars. */
@Injectable()
export class CashBalancesService implements OnModuleInit {
  private readonly balances = new Map<string, string>();

  constructor(private readonly bus: EventBus) {}

  onModuleInit(): void {
    this.bus.on('CashBalanceUpdated', 'pnl-cash', (e) => void this.balances.set(e.accountId, formatDecimal(e.balance.amount, { minDecimals: 2 })));
  }

  balanceOf(accountId: string): string | null {
    return this.balances.get(accountId) ?? null;
  }
}
