import { Module } from '@nestjs/common';
import { RecordersModule } from '../recorders/recorders.module';
import { WebhookController } from './webhook.controller';
import { WebhookGate } from './webhook-gate.service';
import { SignalDrain } from './signal-drain.service';
import { RecentSignalKeys } from './recent-signal-keys';
import { SignalRecovery } from './signal-recovery.service';
import { WebhookService } from './webhook.service';

@Module({
  imports: [RecordersModule],
  controllers: [WebhookController],
  providers: [RecentSignalKeys, WebhookService, WebhookGate, SignalDrain, SignalRecovery],
})
export class WebhooksModule {}
