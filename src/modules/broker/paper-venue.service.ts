import { NO_TX } from '../../database/transactions';
import { Inject, Injectable, Logger, BeforeApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { EventBus } from '../../core/bus/event-bus';
import { Clock } from '../../core/clock';
import { trySpecForContract } from '../../core/positions/spec-for-contract';
import { LastQuotesService } from '../market-data/last-quotes.service';
import { BrokerRegistry } from './broker-registry';
import { PaperState } from './entities/paper-state.entity';
import { DurableBroker } from './durable-broker';
import { LatentBroker } from './latent-broker';
import { PaperBroker } from './paper/paper-broker';
import { PaperContractBook } from './paper/paper-contract-book';
import { PaperExchange } from './paper/paper-exchange';

const STATE_ID = 'default';
const SAVE_DELAY_MS = 5;

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
  private nextSave: Promise<void> | null = null;

  constructor(
    @InjectRepository(PaperState) private readonly states: Repository<PaperState>,
    private readonly registry: BrokerRegistry,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly lastQuotes: LastQuotesService,
  ) {}

  async onModuleInit(): Promise<void> {
    const book: PaperContractBook = { tickSize: (contract) => trySpecForContract(contract)?.tickSize ?? null };
    const stored = await this.states.findOneBy({ id: STATE_ID });
    const clock = () => this.clock.now();
    this.exchange = stored ? PaperExchange.restore(JSON.parse(stored.snapshot), book, clock) : new PaperExchange(book, clock);
    this.exchange.changes$.subscribe(() => void this.persisted());
    for (const quote of this.exchange.listQuotes()) if (quote.price) this.lastQuotes.restorePrice('paper', quote.contract, quote.price);
    const paper = new DurableBroker(new PaperBroker(this.exchange), () => this.persisted());
    this.registry.registerBroker(this.config.paperLatencyMs > 0 ? new LatentBroker(paper, this.config.paperLatencyMs) : paper);
    this.bus.on('QuoteReceived', 'paper-quotes', (quote) => {
      if (quote.venue !== 'paper') return;
      this.exchange.setQuote(quote.contract, { price: quote.price, bid: quote.bid, ask: quote.ask });
    });
  }

  /** Opens the account at the paper exchange if it is new, and applies its position limit. */
  ensureAccount(accountId: string, maxPosition: number | null): void {
    if (this.exchange.hasAccount(accountId)) this.exchange.setMaxPosition(accountId, maxPosition);
    else this.exchange.addAccount(accountId, maxPosition);
  }

  /**
   * Re-publishes every order and fill the exchange still holds, as a broker re-sends its state
   * after a reconnect: the book records what a crash kept from it (fills are recorded once).
   */
  resync(): void {
    const ts = this.clock.nowIso();
    for (const account of this.exchange.listAccounts()) {
      const accountId = this.registry.accountIdFor('paper', account.id);
      if (!accountId) continue;
      for (const fill of this.exchange.listFills(account.id) ?? []) this.bus.publish({ type: 'FillReceived', ts, accountId, fill });
      for (const order of this.exchange.listOrders(account.id) ?? []) this.bus.publish({ type: 'OrderUpdated', ts, accountId, order });
    }
  }

  lastQuote(contract: string) {
    return this.exchange.lastQuote(contract);
  }

  async flush(): Promise<void> {
    await this.nextSave;
    await this.saving;
  }

  /** before the database connection closes */
  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  /**
   * Group commit: changes come in bursts (a kill switch moves every account at once) and a snapshot
   * is the whole exchange, so every change made before the next snapshot waits for that one write.
   */
  persisted(): Promise<void> {
    if (!this.config.paperStateWritable) return Promise.resolve();
    if (!this.nextSave) {
      this.nextSave = new Promise<void>((resolve) => setTimeout(resolve, SAVE_DELAY_MS)).then(() => {
        this.nextSave = null;
        return this.writeSnapshot();
      });
    }
    return this.nextSave;
  }

  private writeSnapshot(): Promise<void> {
    const snapshot = JSON.stringify(this.exchange.snapshot());
    const updatedAt = this.clock.nowIso();
    this.saving = this.saving
      .then(() => this.states.save({ id: STATE_ID, snapshot, updatedAt }, NO_TX))
      .then(() => undefined)
      .catch((error: unknown) => this.logger.error(`could not save the paper exchange: ${String(error)}`));
    return this.saving;
  }
}
