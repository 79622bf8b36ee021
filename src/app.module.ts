import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from './config/app-config';
import { Clock } from './core/clock';
import { CoreModule } from './core/core.module';
import { dataSourceOptions } from './database/data-source-options';
import { DatabaseFileModes } from './database/database-file-modes';
import { SqliteTuning } from './database/sqlite-tuning';
import { AccountsModule } from './modules/accounts/accounts.module';
import { AuthMiddleware } from './modules/auth/auth.middleware';
import { AuthModule } from './modules/auth/auth.module';
import { BrokerModule } from './modules/broker/broker.module';
import { MarketDataModule } from './modules/market-data/market-data.module';
import { TradingViewModule } from './modules/market-data/tradingview/tradingview.module';
import { ControlCenterModule } from './modules/control-center/control-center.module';
import { DashboardModule } from './modules/dashboard/dashboard.module';
import { DcaModule } from './modules/dca/dca.module';
import { ExecutionModule } from './modules/execution/execution.module';
import { InsiderModule } from './modules/insider/insider.module';
import { ExitsModule } from './modules/exits/exits.module';
import { PnlModule } from './modules/pnl/pnl.module';
import { ReconcilerModule } from './modules/reconciler/reconciler.module';
import { RecordersModule } from './modules/recorders/recorders.module';
import { SignalsModule } from './modules/signals/signals.module';
import { WebhooksModule } from './modules/webhooks/webhooks.module';

@Module({})
export class AppModule implements NestModule {
  static register(config: AppConfig, clock?: Clock): DynamicModule {
    return {
      module: AppModule,
      providers: [SqliteTuning, DatabaseFileModes],
      imports: [
        CoreModule.register(config, clock),
        TypeOrmModule.forRoot(dataSourceOptions(config)),
        ScheduleModule.forRoot(),
        AuthModule,
        SignalsModule,
        MarketDataModule,
        BrokerModule,
        ExecutionModule,
        ExitsModule,
        DcaModule,
        PnlModule,
        ReconcilerModule,
        AccountsModule,
        RecordersModule,
        TradingViewModule,
        WebhooksModule,
        ControlCenterModule,
        DashboardModule,
        InsiderModule,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(AuthMiddleware).forRoutes('*');
  }
}
