import { BadRequestException, Body, Controller, HttpCode, Post } from '@nestjs/common';
import { EventBus } from '../../core/bus/event-bus';
import { Clock } from '../../core/clock';
import { ContractSymbolError, resolveContract } from '../../core/contracts';
import { compareDecimal, priceToTicks } from '../../core/money';
import { PaperQuoteDto } from './dto/paper-quote.dto';

/** Quotes for the paper exchange: market orders fill at them, resting orders trigger on them. */
@Controller('api/paper/quotes')
export class PaperQuotesController {
  constructor(
    private readonly bus: EventBus,
    private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(200)
  quote(@Body() dto: PaperQuoteDto) {
    let contract;
    try {
      contract = resolveContract(dto.symbol, this.clock.now());
    } catch (error) {
      if (error instanceof ContractSymbolError) throw new BadRequestException(error.message);
      throw error;
    }
    if (dto.bid !== undefined && dto.ask !== undefined && compareDecimal(dto.bid, dto.ask) > 0) {
      throw new BadRequestException(`bid ${dto.bid} is above ask ${dto.ask}`);
    }
    for (const [field, value] of Object.entries({ price: dto.price, bid: dto.bid, ask: dto.ask })) {
      if (value === undefined) continue;
      try {
        priceToTicks(value, contract.spec);
      } catch {
        throw new BadRequestException(`${field} ${value} is not a multiple of ${contract.name}'s tick size ${contract.spec.tickSize}`);
      }
    }
    const price = dto.price ?? midOrSide(dto.bid, dto.ask);
    this.bus.publish({ type: 'QuoteReceived', ts: this.clock.nowIso(), contract: contract.name, price, bid: dto.bid, ask: dto.ask, source: 'api', venue: 'paper' });
    return { contract: contract.name, price, bid: dto.bid ?? null, ask: dto.ask ?? null };
  }
}

/** With only bid/ask the last price is the bid (a conservative mark). */
function midOrSide(bid?: string, ask?: string): string {
  return (bid ?? ask) as string;
}
