import { Injectable } from '@nestjs/common';
import { EventBus } from '../../core/bus/event-bus';
import { Clock } from '../../core/clock';
import { newId } from '../../core/ids';
import { BrokerRegistry } from '../broker/broker-registry';

/** Flattens every open position of one account through the normal exit path. */
@Injectable()
export class FlattenService {
  constructor(
    private readonly bus: EventBus,
    private readonly registry: BrokerRegistry,
    private readonly clock: Clock,
  ) {}

  async flattenAccount(accountId: string): Promise<{ contract: string; netPos: number }[]> {
    const { broker, accountRef } = await this.registry.resolve(accountId);
    const open = (await broker.listPositions(accountRef)).filter((p) => p.netPos !== 0);
    const batch = newId();
    for (const position of open) {
      this.bus.publish({
        type: 'ExitPosition',
        ts: this.clock.nowIso(),
        accountId,
        traderId: null,
        recorderId: null,
        signalId: null,
        contract: position.contract,
        idempotencyKey: `flatten:${batch}:${position.contract}`,
        side: null,
        reason: 'manual flatten',
      });
    }
    await this.bus.whenIdle();
    return open.map((p) => ({ contract: p.contract, netPos: p.netPos }));
  }

  /** The broker's open positions of the account (what is left after a flatten). */
  async openPositions(accountId: string): Promise<{ contract: string; netPos: number }[]> {
    const { broker, accountRef } = await this.registry.resolve(accountId);
    return (await broker.listPositions(accountRef)).filter((p) => p.netPos !== 0).map((p) => ({ contract: p.contract, netPos: p.netPos }));
  }
}
