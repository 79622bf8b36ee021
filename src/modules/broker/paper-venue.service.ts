import { NO_TX } from '../../database/transactions';
import { Inject, Injectable, Logger, BeforeApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { EventBus } from '../../core/bus/event-bus';
import { Clock } from '../../core/clock';
import { trySpecForContract } from '../../core/positions/spec-for-contract';
import { BrokerRegistry } from './broker-registry';
import { PaperState } from './entities/paper-state.entity';
import { PaperBroker } from './paper/paper-broker';
import { PaperContractBook } from './paper/paper-contract-book';
import { PaperExchange } from './paper/paper-exchange';

const STATE_ID = 'default';
const SAVE_DELAY_MS = 20;

/**
 * Hosts the in-process paper exchange: restores it from the database, saves a snapshot after
 * every change, feeds it quotes (from alerts and POST /api/paper/quotes) and registers it as the
 * `paper` broker.
 */
@Injectable()
export class PaperVenueService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('PaperBroker');
  private exchange: PaperExchange;
  private saving: Promise<void> = Promise.resolve();
  private pending: NodeJS.Timeout | null = null;

  constructor(
    @InjectRepository(PaperState) private readonly states: Repository<PaperState>,
    private readonly registry: BrokerRegistry,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const book: PaperContractBook = { tickSize: (contract) => trySpecForContract(contract)?.tickSize ?? null };
    const stored = await this.states.findOneBy({ id: STATE_ID });
    const clock = () => this.clock.now();
    this.exchange = stored ? PaperExchange.restore(JSON.parse(stored.snapshot), book, clock) : new PaperExchange(book, clock);
    this.exchange.changes$.subscribe(() => this.save());
    this.registry.registerBroker(new PaperBroker(this.exchange));
    this.bus.on('QuoteReceived', 'paper-quotes', (quote) => {
      if (quote.source === 'broker') return;
      this.exchange.setQuote(quote.contract, { price: quote.price, bid: quote.bid, ask: quote.ask });
    });
  }

  /** Opens the account at the paper exchange if it is new, and applies its position limit. */
  ensureAccount(accountId: string, maxPosition: number | null): void {
    if (this.exchange.hasAccount(accountId)) this.exchange.setMaxPosition(accountId, maxPosition);
    else this.exchange.addAccount(accountId, maxPosition);
  }

  lastQuote(contract: string) {
    return this.exchange.lastQuote(contract);
  }

  async flush(): Promise<void> {
    if (this.pending) {
      clearTimeout(this.pending);
      this.pending = null;
      this.writeSnapshot();
    }
    await this.saving;
  }

  /** before the database connection closes */
  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  /**
   * Changes come in bursts (a kill switch moves every account at once) and a snapshot is the whole
   * exchange: one snapshot per burst, written within SAVE_DELAY_MS of the first change.
   */
  private save(): void {
    if (!this.config.paperStateWritable || this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = null;
      this.writeSnapshot();
    }, SAVE_DELAY_MS);
  }

  private writeSnapshot(): void {
    const snapshot = JSON.stringify(this.exchange.snapshot());
    const updatedAt = this.clock.nowIso();
    this.saving = this.saving
      .then(() => this.states.save({ id: STATE_ID, snapshot, updatedAt }, NO_TX))
      .then(() => undefined)
      .catch((error: unknown) => this.logger.error(`could not save the paper exchange: ${String(error)}`));
  }
}
