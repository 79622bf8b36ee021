import { Inject, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { OnGatewayConnection, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { EventBus } from '../../core/bus/event-bus';
import { CredentialsService } from '../auth/credentials.service';
import { readCookie, SESSION_COOKIE } from '../auth/auth.middleware';
import { LoginSessionsService } from '../auth/login-sessions.service';
import { isSameOriginHandshake } from '../auth/request-origin';
import { LatestPerKeyThrottle } from './pnl-throttle';

/** P&L to browsers: a few updates a second per card, whatever the quote rate (risk checks read the bus at once). */
const PNL_UPDATE_INTERVAL_MS = 250;

/**
 * Pushes live changes to logged-in browsers: position_update, order_update, signal, status.
 * The page re-reads /api/dashboard when told something moved.
 */
@WebSocketGateway({ cors: false })
export class LiveUpdatesGateway implements OnModuleInit, OnModuleDestroy, OnGatewayConnection {
  private readonly logger = new Logger('LiveUpdates');
  @WebSocketServer() server: Server;
  private readonly pnl = new LatestPerKeyThrottle<unknown>(PNL_UPDATE_INTERVAL_MS, (e) => this.emit('pnl_update', e));

  constructor(
    private readonly bus: EventBus,
    private readonly credentials: CredentialsService,
    private readonly sessions: LoginSessionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.bus.on('PositionChanged', 'live-positions', (e) => this.emit('position_update', e));
    this.bus.on(['OrderSent', 'OrderRejected'], 'live-orders', (e) => this.emit('order_update', e));
    this.bus.on('SignalReceived', 'live-signals', (e) => this.emit('signal', { signalId: e.signalId, recorderId: e.recorderId, contract: e.contract, ts: e.ts }));
    this.bus.on('PnlUpdated', 'live-pnl', (e) => this.pnl.push(`${e.book}:${e.id}`, e));
    this.bus.on(['TradingStateChanged', 'MarketDataStaleChanged'], 'live-status', (e) => this.emit('status', e));
    this.bus.on('InsiderSignalRaised', 'live-insider', (e) => this.emit('insider_signal', e));
  }

  onModuleDestroy(): void {
    this.pnl.stop();
  }

  async handleConnection(client: Socket): Promise<void> {
    if (!(await this.admits(client.handshake))) {
      this.logger.warn('refused an unauthenticated live-updates connection');
      client.disconnect(true);
    }
  }

  /** The API key, or a live session opened from our own origin (a page elsewhere could use the browser's cookie). */
  async admits(handshake: Pick<Socket['handshake'], 'headers' | 'auth'>): Promise<boolean> {
    const bearer = handshake.auth?.token ?? handshake.headers.authorization?.replace(/^Bearer\s+/, '');
    if (typeof bearer === 'string' && this.credentials.checkApiKey(bearer)) return true;
    return isSameOriginHandshake(handshake.headers, this.config.publicUrl) && (await this.sessions.check(readCookie(handshake, SESSION_COOKIE))) !== null;
  }

  private emit(event: string, payload: unknown): void {
    this.server?.emit(event, payload);
  }
}
