import { EventBus } from '../../core/bus/event-bus';
import { TradeIntent } from '../../core/bus/events';
import { Clock } from '../../core/clock';

/** Works an intent, then says so (IntentSettled) whatever came of it, when a signal caused it. */
export async function settled<T>(bus: EventBus, clock: Clock, intent: TradeIntent, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } finally {
    if (intent.signalId) bus.publish({ type: 'IntentSettled', ts: clock.nowIso(), accountId: intent.accountId, signalId: intent.signalId, idempotencyKey: intent.idempotencyKey });
  }
}
