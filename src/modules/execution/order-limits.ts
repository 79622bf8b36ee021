import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { OrderAction } from '../broker/broker.port';
import { AccountDirectory } from '../accounts/account-directory.service';
import { TradersService } from '../recorders/traders.service';
import { OrderPurpose } from './entities/order.entity';
import { TradingStateService } from './trading-state.service';

export interface LimitCheck {
  accountId: string;
  traderId: string | null;
  action: OrderAction;
  quantity: number;
  purpose: OrderPurpose;
}

const REDUCING: readonly OrderPurpose[] = ['close', 'reduce', 'flatten'];

/**
 * An account halted on its own (a fill its book could not record) and every account and trader limit, checked before an order leaves for any broker (the paper
 * exchange's own check is not the only guard: Tradovate's account risk settings are not ours).
 * Reducing orders are never blocked: a limit must not keep a position open.
 * Answers why an order is blocked, or null when it may go.
 */
@Injectable()
export class OrderLimits {
  constructor(
    private readonly accounts: AccountDirectory,
    private readonly traders: TradersService,
    private readonly tradingState: TradingStateService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async check(order: LimitCheck, readPosition: () => Promise<number>): Promise<string | null> {
    if (REDUCING.includes(order.purpose)) return null;
    const halted = this.tradingState.accountHaltedReason(order.accountId);
    if (halted) return `account halted: ${halted}`;
    const verb = `${order.action.toLowerCase()} ${order.quantity}`;
    if (order.quantity > this.config.maxOrderQuantity) {
      return `hard cap JT_MAX_ORDER_QUANTITY ${this.config.maxOrderQuantity}: ${verb} is over it`;
    }
    const account = await this.accounts.get(order.accountId);
    const trader = order.traderId ? await this.traders.get(order.traderId).catch(() => null) : null;
    const traderMax = trader?.maxQuantity ?? null;
    if (traderMax !== null && order.quantity > traderMax) return `trader maxQuantity ${traderMax}: ${verb} is over it`;
    if (account.maxPosition === null && traderMax === null) return null;
    let before: number;
    try {
      before = await readPosition();
    } catch (error) {
      return `cannot read the broker position to check the limits: ${(error as Error).message}`;
    }
    const after = before + (order.action === 'Buy' ? order.quantity : -order.quantity);
    if (Math.abs(after) <= Math.abs(before)) return null;
    const makes = `${verb} would make ${after > 0 ? 'long' : 'short'} ${Math.abs(after)}`;
    if (account.maxPosition !== null && Math.abs(after) > account.maxPosition) return `account maxPosition ${account.maxPosition}: ${makes}`;
    if (traderMax !== null && Math.abs(after) > traderMax) return `trader maxQuantity ${traderMax}: ${makes}`;
    return null;
  }
}
