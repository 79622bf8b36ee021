import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { Signal } from './entities/signal.entity';
import { SignalQueryDto } from './dto/signal-query.dto';
import { SignalsService } from './signals.service';

@Controller('api/signals')
export class SignalsController {
  constructor(private readonly signals: SignalsService) {}

  @Get()
  async list(@Query() query: SignalQueryDto) {
    return (await this.signals.list(query)).map(present);
  }

  /** The signal with its timeline: fired, received, parsed, intents, orders, fills. */
  @Get(':id')
  async get(@Param('id', ParseUUIDPipe) id: string) {
    const { signal, timeline } = await this.signals.get(id);
    const fired = signal.firedAt ? [{ ts: signal.firedAt, step: 'fired', accountId: null, detail: 'time the alert fired (from the alert)' }] : [];
    return {
      ...present(signal),
      rawBody: signal.rawBody,
      timeline: [...fired, ...timeline.map(({ ts, step, accountId, detail }) => ({ ts, step, accountId, detail }))],
    };
  }
}

function present(signal: Signal) {
  const { parsed, rawBody: _raw, ...rest } = signal;
  return { ...rest, alert: parsed ? JSON.parse(parsed) : null };
}
