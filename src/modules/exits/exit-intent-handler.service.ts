import { Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { AccountLanes } from '../../core/account-lanes';
import { EventBus } from '../../core/bus/event-bus';
import { ExitPosition, ReducePosition } from '../../core/bus/events';
import { Clock } from '../../core/clock';
import { settled } from '../execution/intent-settled';
import { AdvancedExitManager, ExitResult } from './advanced-exit-manager.service';

/**
 * Exit and reduce intents (alerts, TP/SL, flatten) -> the exit manager, in the account's lane so
 * they never overlap an entry of the same account; they overtake the entries still waiting there. At start, exits a crash left open are resumed.
 */
@Injectable()
export class ExitIntentHandler implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly bus: EventBus,
    private readonly lanes: AccountLanes,
    private readonly manager: AdvancedExitManager,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.bus.on(['ExitPosition', 'ReducePosition'], 'exit-intents', (intent) => this.handle(intent));
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const machine of await this.manager.listActive()) {
      void this.lanes.run(machine.accountId, () => this.manager.resume(machine), 'exit');
    }
  }

  handle(intent: ExitPosition | ReducePosition): Promise<ExitResult> {
    return this.lanes.run(intent.accountId, () =>
      settled(this.bus, this.clock, intent, () => this.manager.exit({
        accountId: intent.accountId,
        contract: intent.contract,
        side: intent.side,
        quantity: intent.type === 'ReducePosition' ? intent.quantity : intent.quantity ?? null,
        reason: intent.type === 'ReducePosition' ? 'reduce' : intent.reason,
        requestKey: intent.idempotencyKey,
        signalId: intent.signalId,
        traderId: intent.traderId,
        recorderId: intent.recorderId,
      })),
      'exit',
    );
  }
}
