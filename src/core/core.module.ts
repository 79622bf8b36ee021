import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AccountLanes } from './account-lanes';
import { EventBus } from './bus/event-bus';
import { Clock } from './clock';

/** The shared kernel every module may inject: config, clock, event bus. */
@Global()
@Module({})
export class CoreModule {
  static register(config: AppConfig, clock: Clock = new Clock()): DynamicModule {
    return {
      module: CoreModule,
      providers: [{ provide: APP_CONFIG, useValue: config }, { provide: Clock, useValue: clock }, EventBus, AccountLanes],
      exports: [APP_CONFIG, Clock, EventBus, AccountLanes],
    };
  }
}
