import { Logger, OnModuleInit } from '@nestjs/common';
import { OnGatewayConnection, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { EventBus } from '../../core/bus/event-bus';
import { CredentialsService } from '../auth/credentials.service';
import { SESSION_COOKIE } from '../auth/auth.middleware';

/**
 * Pushes live changes to logged-in browsers: position_update, order_update, signal, status.
 * The page re-reads /api/dashboard when told something moved.
 */
@WebSocketGateway({ cors: false })
export class LiveUpdatesGateway implements OnModuleInit, OnGatewayConnection {
  private readonly logger = new Logger('LiveUpdates');
  @WebSocketServer() server: Server;

  constructor(
    private readonly bus: EventBus,
    private readonly credentials: CredentialsService,
  ) {}

  onModuleInit(): void {
    this.bus.on('PositionChanged', 'live-positions', (e) => this.emit('position_update', e));
    this.bus.on(['OrderSent', 'OrderRejected'], 'live-orders', (e) => this.emit('order_update', e));
    this.bus.on('SignalReceived', 'live-signals', (e) => this.emit('signal', { signalId: e.signalId, recorderId: e.recorderId, contract: e.contract, ts: e.ts }));
    this.bus.on('TradeClosed', 'live-pnl', (e) => this.emit('pnl_update', e));
    this.bus.on(['TradingStateChanged', 'MarketDataStaleChanged'], 'live-status', (e) => this.emit('status', e));
    this.bus.on('InsiderSignalRaised', 'live-insider', (e) => this.emit('insider_signal', e));
  }

  handleConnection(client: Socket): void {
    const cookie = (client.handshake.headers.cookie ?? '')
      .split(';')
      .map((p) => p.trim().split('='))
      .find(([k]) => k === SESSION_COOKIE)?.[1];
    const bearer = client.handshake.auth?.token ?? client.handshake.headers.authorization?.replace(/^Bearer\s+/, '');
    const ok = this.credentials.checkSession(cookie ? decodeURIComponent(cookie) : undefined) || (typeof bearer === 'string' && this.credentials.checkApiKey(bearer));
    if (!ok) {
      this.logger.warn('refused an unauthenticated live-updates connection');
      client.disconnect(true);
    }
  }

  private emit(event: string, payload: unknown): void {
    this.server?.emit(event, payload);
  }
}
