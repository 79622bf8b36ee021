import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, ServiceUnavailableException } from '@nestjs/common';
import { BrokerRegistry } from '../broker/broker-registry';
import { AccountsService } from './accounts.service';
import { CreateAccountDto, UpdateAccountDto } from './dto/account.dto';
import { Account } from './entities/account.entity';
import { LiveRoutingGate } from '../broker/tradovate/live-routing-gate.service';

@Controller('api/accounts')
export class AccountsController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly registry: BrokerRegistry,
    private readonly routingGate: LiveRoutingGate,
  ) {}

  @Get()
  async list() {
    return (await this.accounts.list()).map((a) => this.withRouting(a));
  }

  @Get(':id')
  async get(@Param('id', ParseUUIDPipe) id: string) {
    return this.withRouting(await this.accounts.get(id));
  }

  @Post()
  create(@Body() dto: CreateAccountDto) {
    return this.accounts.create(dto);
  }

  @Patch(':id')
  update(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateAccountDto) {
    return this.accounts.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', ParseUUIDPipe) id: string) {
    await this.accounts.get(id);
    let open: number;
    try {
      const { broker, accountRef } = await this.registry.resolve(id);
      open = (await broker.listPositions(accountRef)).filter((p) => p.netPos !== 0).length;
    } catch (error) {
      throw new ServiceUnavailableException(`cannot read the account's positions to check it is flat: ${String((error as Error).message ?? error)}`);
    }
    await this.accounts.remove(id, open);
  }

  /** Tradovate accounts carry their TradingView-routing standing (a warning when it could not be checked). */
  private withRouting(account: Account) {
    return { ...account, tradingViewRouting: this.routingGate.standing(account) };
  }
}
