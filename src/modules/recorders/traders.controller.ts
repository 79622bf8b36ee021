import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { IsOptional, IsUUID } from 'class-validator';
import { CreateTraderDto, UpdateTraderDto } from './dto/trader.dto';
import { TradersService } from './traders.service';

class TraderQueryDto {
  @IsOptional()
  @IsUUID('all', { message: 'recorderId must be a recorder id' })
  recorderId?: string;

  @IsOptional()
  @IsUUID('all', { message: 'accountId must be an account id' })
  accountId?: string;
}

@Controller('api/traders')
export class TradersController {
  constructor(private readonly traders: TradersService) {}

  @Get()
  list(@Query() query: TraderQueryDto) {
    return this.traders.list(query);
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.traders.get(id);
  }

  @Post()
  create(@Body() dto: CreateTraderDto) {
    return this.traders.create(dto);
  }

  @Patch(':id')
  update(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateTraderDto) {
    return this.traders.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', ParseUUIDPipe) id: string) {
    await this.traders.remove(id);
  }
}
