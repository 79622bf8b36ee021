import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SignalEvent } from './entities/signal-event.entity';
import { Signal } from './entities/signal.entity';
import { SignalCompletion } from './signal-completion.service';
import { SignalIntake } from './signal-intake';
import { SignalsController } from './signals.controller';
import { SignalsService } from './signals.service';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Signal, SignalEvent])],
  controllers: [SignalsController],
  providers: [SignalsService, SignalIntake, SignalCompletion],
  exports: [SignalsService, SignalIntake, SignalCompletion],
})
export class SignalsModule {}
