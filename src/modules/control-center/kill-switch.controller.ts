import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { KillSwitchService } from '../exits/kill-switch.service';
import { KillSwitchDto } from './dto/kill-switch.dto';

@Controller('api/kill-switch')
export class KillSwitchController {
  constructor(private readonly killSwitch: KillSwitchService) {}

  @Get()
  status() {
    return this.killSwitch.status();
  }

  /** Halts trading, cancels every working order and flattens every account; reports per account. */
  @Post()
  @HttpCode(200)
  trip(@Body() dto: KillSwitchDto) {
    return this.killSwitch.trip(dto.reason?.trim() || 'manual');
  }

  @Post('rearm')
  @HttpCode(200)
  async rearm(@Body() dto: KillSwitchDto) {
    await this.killSwitch.rearm(dto.reason?.trim() || 'manual');
    return this.killSwitch.status();
  }
}
