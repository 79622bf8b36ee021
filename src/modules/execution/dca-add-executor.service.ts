import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AccountLanes } from '../../core/account-lanes';
import { EventBus } from '../../core/bus/event-bus';
import { AddToPosition, DcaAddSettled } from '../../core/bus/events';
import { Clock } from '../../core/clock';
import { Position } from './entities/position.entity';
import { clOrdIdFor, OrderGateway } from './order-gateway.service';

/**
 * DCA adds -> one market order through the gateway, in the account's lane. An add only goes onto the
 * position its level belongs to, on its side, within the cap; then its outcome is told back
 * (DcaAddSettled) so the ladder marks the level filled only on a fill.
 */
@Injectable()
export class DcaAddExecutor implements OnModuleInit {
  private readonly logger = new Logger('DcaAdds');

  constructor(
    private readonly bus: EventBus,
    private readonly lanes: AccountLanes,
    private readonly gateway: OrderGateway,
    private readonly clock: Clock,
    @InjectRepository(Position) private readonly positions: Repository<Position>,
  ) {}

  onModuleInit(): void {
    this.bus.on('AddToPosition', 'dca-adds', (intent) => this.lanes.run(intent.accountId, () => this.execute(intent)));
  }

  async execute(intent: AddToPosition): Promise<void> {
    const clOrdId = clOrdIdFor(intent.idempotencyKey, 0);
    const sent = await this.gateway.findOrder(clOrdId);
    if (sent) return this.settle(intent, sent.status === 'filled' ? 'filled' : 'uncertain', `already sent (order ${sent.status})`);
    const book = await this.positions.findOneBy({ accountId: intent.accountId, contract: intent.contract });
    if (book?.positionKey !== intent.positionKey) return this.settle(intent, 'skipped', 'the position this level belongs to is closed');
    let netPos: number;
    try {
      netPos = await this.gateway.readPosition(intent.accountId, intent.contract);
    } catch (error) {
      return this.settle(intent, 'blocked', `cannot read the broker position: ${(error as Error).message}`);
    }
    if (netPos === 0 || (netPos > 0) !== (intent.side === 'LONG')) return this.settle(intent, 'skipped', `broker position ${netPos} is not ${intent.side}: an add never opens or reverses`);
    const quantity = intent.maxQuantity === null ? intent.quantity : Math.min(intent.quantity, intent.maxQuantity - Math.abs(netPos));
    if (quantity <= 0) return this.settle(intent, 'skipped', `broker position ${netPos} is at the cap of ${intent.maxQuantity}`);
    const ctx = { accountId: intent.accountId, contract: intent.contract, signalId: null, traderId: intent.traderId, recorderId: intent.recorderId };
    const outcome = await this.gateway.placeMarket(ctx, intent.side === 'LONG' ? 'Buy' : 'Sell', quantity, 'add', clOrdId);
    if (outcome.status === 'filled') return this.settle(intent, 'filled', null);
    if (outcome.status === 'timeout' || outcome.status === 'duplicate') return this.settle(intent, 'uncertain', outcome.status === 'duplicate' ? 'already sent' : outcome.reason);
    return this.settle(intent, outcome.status === 'blocked' ? 'blocked' : 'rejected', outcome.reason);
  }

  private settle(intent: AddToPosition, outcome: DcaAddSettled['outcome'], reason: string | null): void {
    if (outcome !== 'filled') this.logger.warn(`DCA level ${intent.level + 1} on ${intent.contract} (account ${intent.accountId}): ${outcome}${reason ? `: ${reason}` : ''}`);
    this.bus.publish({ type: 'DcaAddSettled', ts: this.clock.nowIso(), accountId: intent.accountId, contract: intent.contract, positionKey: intent.positionKey, level: intent.level, outcome, reason });
  }
}
