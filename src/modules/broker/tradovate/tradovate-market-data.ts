import { Logger } from '@nestjs/common';
import { RateBudget } from './rate-budget';
import { TradovateContracts } from './tradovate-contracts';
import { describeError } from './tradovate-errors';
import { tradedPrice } from './tradovate-prices';
import { SessionToken } from './tradovate-session';
import { TradovateSocket } from './tradovate-socket';

export interface MarketQuote {
  contract: string;
  price: string;
  bid?: string;
  ask?: string;
}

interface Entries {
  Bid?: { price?: number };
  Offer?: { price?: number };
  Trade?: { price?: number };
}

/**
 * The market-data socket of one Tradovate user: `md/subscribeQuote` per contract, quote entries
 * merged (updates may carry only what changed), re-subscribed after every reconnect (the server
 * keeps no subscription across connections).
 */
export class TradovateMarketData {
  readonly socket: TradovateSocket;
  private readonly logger = new Logger('Tradovate');
  private readonly wanted = new Set<string>();
  private readonly subscribed = new Map<number, string>();
  private readonly last = new Map<number, Entries>();
  private useMdToken = true;
  /** authorizes refused in a row: one with each token means both are dead */
  private refusals = 0;
  private started = false;

  constructor(
    url: string,
    token: () => SessionToken | null,
    budget: RateBudget,
    private readonly contracts: TradovateContracts,
    private readonly publish: (quote: MarketQuote) => void,
    socketOptions: { requestTimeoutMs?: number; heartbeatMs?: number; silentTimeoutMs?: number; reconnectMinMs?: number } = {},
    /** a token proven good (a login if Tradovate refuses the current one), once the md token and the plain one were both refused */
    relogin: (() => Promise<SessionToken>) | null = null,
  ) {
    this.socket = new TradovateSocket({
      url,
      name: 'market data',
      budget,
      ...socketOptions,
      // mdAccessToken when the login gave one (reference §2.1); the plain token after it was refused
      token: async (refused) => {
        this.refusals = refused ? this.refusals + 1 : 0;
        let t = token();
        if (this.refusals >= 2 && relogin) {
          t = await relogin();
          this.refusals = 0;
        }
        if (!t) throw new Error('no Tradovate token yet');
        return this.useMdToken && t.mdAccessToken ? t.mdAccessToken : t.accessToken;
      },
    });
    this.socket.disconnected$.subscribe((why) => {
      if (/authorize/.test(why)) this.useMdToken = !this.useMdToken;
    });
    this.socket.connected$.subscribe(() => void this.resubscribe());
    this.socket.events$.subscribe((events) => events.filter((e) => e.e === 'md').forEach((e) => this.onMd(e.d)));
  }

  /** Streams quotes for this contract (once; again after each reconnect). */
  want(contract: string): void {
    if (this.wanted.has(contract)) return;
    this.wanted.add(contract);
    if (!this.started) {
      this.started = true;
      this.socket.start();
    } else if (this.socket.isReady) void this.subscribe(contract);
  }

  isWanted(contract: string): boolean {
    return this.wanted.has(contract);
  }

  stop(): void {
    this.socket.stop();
  }

  private async resubscribe(): Promise<void> {
    this.subscribed.clear();
    for (const contract of this.wanted) await this.subscribe(contract);
  }

  private async subscribe(contract: string): Promise<void> {
    try {
      const contractId = await this.contracts.idOf(contract);
      if (this.subscribed.has(contractId)) return;
      const res = await this.socket.request<{ errorText?: string; mode?: string }>('md/subscribeQuote', undefined, { symbol: contract });
      if (res?.errorText) throw new Error(res.errorText);
      this.subscribed.set(contractId, contract);
      if (res?.mode && !/real/i.test(res.mode)) this.logger.warn(`Tradovate quotes for ${contract} are in ${res.mode} mode: prices may lag`);
    } catch (error) {
      this.logger.warn(`cannot subscribe Tradovate quotes for ${contract}: ${describeError(error)}`);
    }
  }

  private onMd(d: unknown): void {
    const quotes = (d as { quotes?: Array<{ contractId: number; entries?: Entries }> } | null)?.quotes ?? [];
    for (const q of quotes) {
      const contract = this.subscribed.get(q.contractId) ?? this.contracts.knownName(q.contractId);
      if (!contract) continue;
      const merged: Entries = { ...(this.last.get(q.contractId) ?? {}) };
      for (const key of ['Bid', 'Offer', 'Trade'] as const) {
        const price = q.entries?.[key]?.price;
        if (typeof price === 'number') merged[key] = { price };
      }
      this.last.set(q.contractId, merged);
      const trade = merged.Trade?.price ?? merged.Bid?.price ?? merged.Offer?.price;
      if (trade === undefined) continue;
      try {
        this.publish({
          contract,
          price: tradedPrice(trade, contract),
          ...(merged.Bid?.price !== undefined ? { bid: tradedPrice(merged.Bid.price, contract) } : {}),
          ...(merged.Offer?.price !== undefined ? { ask: tradedPrice(merged.Offer.price, contract) } : {}),
        });
      } catch (error) {
        this.logger.debug(`quote for ${contract} ignored: ${describeError(error)}`);
      }
    }
  }
}
