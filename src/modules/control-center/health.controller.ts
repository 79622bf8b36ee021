import { Controller, Get } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../core/clock';
import { TradingStateService } from '../execution/trading-state.service';

@Controller('api')
export class HealthController {
  private readonly startedAt = new Date().toISOString();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tradingState: TradingStateService,
    private readonly clock: Clock,
  ) {}

  /** Public: is the process up and the database answering. */
  @Get('health')
  async health() {
    await this.db.query('SELECT 1');
    return { status: 'ok', time: this.clock.nowIso() };
  }

  @Get('status')
  status() {
    const halted = this.tradingState.haltedReason();
    return {
      status: 'ok',
      startedAt: this.startedAt,
      database: this.db.options.type,
      trading: halted ? { state: 'halted', reason: halted } : { state: 'active', reason: null },
    };
  }
}
