import { Module } from '@nestjs/common';
import { RecordersModule } from '../recorders/recorders.module';
import { WebhookController } from './webhook.controller';
import { WebhookService } from './webhook.service';

@Module({
  imports: [RecordersModule],
  controllers: [WebhookController],
  providers: [WebhookService],
})
export class WebhooksModule {}
