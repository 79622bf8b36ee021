import { randomBytes } from 'crypto';
import WebSocket from 'ws';
import { TvSignIn } from './tv-auth-token';
import { decodeFrame, encodePacket, TvPacket } from './tv-framing';

export interface TvQuote {
  tvSymbol: string;
  price: string;
  bid?: string;
  ask?: string;
  delayed: boolean;
}

export interface TvSocketState {
  connected: boolean;
  /** the session is anonymous or TradingView marks the quotes delayed */
  delayed: boolean;
  problem: string | null;
}

export interface TvSocketOptions {
  url: string;
  /** TradingView refuses a socket without its own site as the Origin */
  origin: string;
  signIn: () => Promise<TvSignIn>;
  /** waits before each reconnect attempt; the last one repeats */
  backoffMs: readonly number[];
  onQuote: (quote: TvQuote) => void;
  onState: (state: TvSocketState) => void;
  log: { log: (m: string) => void; warn: (m: string) => void };
}

const QUOTE_FIELDS = ['lp', 'bid', 'ask', 'update_mode'];

/**
 * One connection to TradingView's quote socket: sign in, open a quote session, add the symbols,
 * echo heartbeats, and when the socket drops, reconnect with back-off and subscribe everything again.
 */
export class TvQuoteSocket {
  private ws: WebSocket | null = null;
  private symbols = new Set<string>();
  private session = '';
  private stopped = true;
  private attempt = 0;
  private retry: NodeJS.Timeout | null = null;
  private state: TvSocketState = { connected: false, delayed: false, problem: null };
  private signedIn: TvSignIn | null = null;
  private readonly delayedSymbols = new Set<string>();

  constructor(private readonly options: TvSocketOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.ws?.terminate();
    this.ws = null;
  }

  /** The symbols to stream (TradingView spelling); changes apply at once on a live session. */
  setSymbols(wanted: Iterable<string>): void {
    const next = new Set(wanted);
    const added = [...next].filter((s) => !this.symbols.has(s));
    const removed = [...this.symbols].filter((s) => !next.has(s));
    this.symbols = next;
    if (!this.isOpen()) return;
    if (removed.length) this.send('quote_remove_symbols', [this.session, ...removed]);
    if (added.length) this.send('quote_add_symbols', [this.session, ...added]);
  }

  private async connect(): Promise<void> {
    this.signedIn = await this.options.signIn();
    if (this.stopped) return;
    const ws = new WebSocket(this.options.url, { origin: this.options.origin, handshakeTimeout: 10_000 });
    this.ws = ws;
    ws.on('message', (data) => this.onFrame(String(data)));
    ws.on('error', (error) => this.setState({ problem: `TradingView socket error: ${error.message}` }));
    ws.on('close', () => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.session = '';
      this.setState({ connected: false, problem: this.state.problem ?? 'TradingView socket closed' });
      this.scheduleReconnect();
    });
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const { backoffMs } = this.options;
    const wait = backoffMs[Math.min(this.attempt, backoffMs.length - 1)];
    this.attempt += 1;
    this.options.log.warn(`TradingView quotes dropped; reconnecting in ${wait} ms (attempt ${this.attempt})`);
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, wait);
    this.retry.unref?.();
  }

  private onFrame(frame: string): void {
    let packets: TvPacket[];
    try {
      packets = decodeFrame(frame);
    } catch (error) {
      this.options.log.warn(`TradingView sent an unreadable frame: ${(error as Error).message}`);
      return;
    }
    for (const packet of packets) {
      if (packet.kind === 'heartbeat') this.ws?.send(encodePacket(packet.payload));
      else if (packet.kind === 'hello') this.openSession();
      else this.onMessage(packet.method, packet.params);
    }
  }

  private openSession(): void {
    const signIn = this.signedIn!;
    this.attempt = 0;
    this.session = `qs_${randomBytes(6).toString('hex')}`;
    this.delayedSymbols.clear();
    this.send('set_auth_token', [signIn.token]);
    this.send('quote_create_session', [this.session]);
    this.send('quote_set_fields', [this.session, ...QUOTE_FIELDS]);
    if (this.symbols.size) this.send('quote_add_symbols', [this.session, ...this.symbols]);
    this.setState({ connected: true, delayed: signIn.delayed, problem: signIn.delayed ? signIn.reason : null });
    this.options.log.log(`TradingView quotes connected (${signIn.delayed ? 'anonymous, DELAYED' : 'signed in, real time'}); ${this.symbols.size} symbol(s)`);
  }

  private onMessage(method: string, params: unknown[]): void {
    if (method === 'critical_error' || method === 'protocol_error') {
      this.setState({ problem: `TradingView refused the session: ${JSON.stringify(params)}` });
      return;
    }
    if (method !== 'qsd' || params[0] !== this.session) return;
    const data = params[1] as { n?: string; s?: string; errmsg?: string; v?: Record<string, unknown> } | undefined;
    if (!data?.n) return;
    if (data.s === 'error') {
      this.options.log.warn(`TradingView has no quotes for ${data.n}: ${data.errmsg ?? 'symbol error'}`);
      return;
    }
    const v = data.v ?? {};
    if (typeof v.update_mode === 'string') {
      if (v.update_mode.startsWith('delayed')) this.delayedSymbols.add(data.n);
      else this.delayedSymbols.delete(data.n);
      const delayed = [...this.delayedSymbols];
      const signIn = this.signedIn!;
      this.setState({
        delayed: signIn.delayed || delayed.length > 0,
        problem: signIn.delayed ? signIn.reason : delayed.length ? `TradingView marks ${delayed.join(', ')} delayed (no real-time data for that exchange on this TradingView account)` : null,
      });
    }
    if (typeof v.lp !== 'number') return;
    this.options.onQuote({
      tvSymbol: data.n,
      price: String(v.lp),
      ...(typeof v.bid === 'number' ? { bid: String(v.bid) } : {}),
      ...(typeof v.ask === 'number' ? { ask: String(v.ask) } : {}),
      delayed: this.signedIn!.delayed || this.delayedSymbols.has(data.n),
    });
  }

  private send(method: string, params: unknown[]): void {
    this.ws?.send(encodePacket({ m: method, p: params }));
  }

  private isOpen(): boolean {
    return this.ws?.readyState === WebSocket.OPEN && this.session !== '';
  }

  private setState(change: Partial<TvSocketState>): void {
    const next = { ...this.state, ...change };
    if (next.connected === this.state.connected && next.delayed === this.state.delayed && next.problem === this.state.problem) return;
    this.state = next;
    this.options.onState(next);
  }
}
