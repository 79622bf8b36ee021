import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EventBus } from '../../core/bus/event-bus';
import { SignalsService } from './signals.service';

/**
 * A signal is `processed` only once every intent it caused has been worked (IntentSettled), not
 * when its intents were merely published: a stop or a crash in between leaves it `accepted`, and
 * the next start routes it again (the idempotency keys make that safe) instead of losing it.
 */
@Injectable()
export class SignalCompletion implements OnModuleInit {
  private readonly logger = new Logger('SignalCompletion');
  private readonly waiting = new Map<string, Set<string>>();

  constructor(
    private readonly bus: EventBus,
    private readonly signals: SignalsService,
  ) {}

  onModuleInit(): void {
    this.bus.on('IntentSettled', 'signal-completion', (e) => this.settle(e.signalId, e.idempotencyKey));
  }

  /** Called before the intents are published, so none can settle unseen; no intent = processed now. */
  async expect(signalId: string, idempotencyKeys: string[]): Promise<void> {
    if (idempotencyKeys.length === 0) return this.signals.markProcessed(signalId);
    this.waiting.set(signalId, new Set(idempotencyKeys));
  }

  /** Signals routed whose intents are still being worked. */
  pending(): number {
    return this.waiting.size;
  }

  private async settle(signalId: string, idempotencyKey: string): Promise<void> {
    const keys = this.waiting.get(signalId);
    if (!keys?.delete(idempotencyKey) || keys.size > 0) return;
    this.waiting.delete(signalId);
    await this.signals.markProcessed(signalId).catch((error: Error) => this.logger.error(`signal ${signalId}: could not mark it processed: ${error.message}`));
  }
}
