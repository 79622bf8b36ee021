import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Patch, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { parseExitPlan } from '../../core/exits/exit-plan';
import { CreateRecorderDto, UpdateRecorderDto } from './dto/recorder.dto';
import { Recorder } from './entities/recorder.entity';
import { RecordersService } from './recorders.service';
import { VirtualBookService } from './virtual-book.service';
import { VirtualPositionMarksService } from './virtual-position-marks.service';

@Controller('api/recorders')
export class RecordersController {
  constructor(
    private readonly recorders: RecordersService,
    private readonly book: VirtualBookService,
    private readonly marks: VirtualPositionMarksService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async list(@Req() req: Request) {
    return (await this.recorders.list()).map((r) => this.present(r, req));
  }

  @Get(':id')
  async get(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request) {
    const recorder = await this.recorders.get(id);
    const [positions, trades] = await Promise.all([this.book.listPositions(id), this.book.listTrades(id, 50)]);
    const virtualPositions = positions.map((row) => {
      const { ledger: _l, exitWatch: _w, exitPlan, ...p } = row;
      return { ...p, exitPlan: parseExitPlan(exitPlan), ...this.marks.mark(row, recorder.priceSource) };
    });
    return { ...this.present(recorder, req), virtualPositions, virtualTrades: trades };
  }

  @Post()
  async create(@Body() dto: CreateRecorderDto, @Req() req: Request) {
    return this.present(await this.recorders.create(dto), req);
  }

  @Patch(':id')
  async update(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateRecorderDto, @Req() req: Request) {
    return this.present(await this.recorders.update(id, dto), req);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', ParseUUIDPipe) id: string) {
    await this.recorders.remove(id);
  }

  private present(recorder: Recorder, req: Request) {
    const base = this.config.publicUrl ?? `${req.protocol}://${req.get('host')}`;
    return { ...recorder, webhookUrl: `${base}/webhook/${recorder.webhookToken}` };
  }
}
