import { Command, CommandRunner, Option } from 'nest-commander';
import { CreateTraderDto } from '../modules/recorders/dto/trader.dto';
import { TradersService } from '../modules/recorders/traders.service';
import { validated, wholeNumber } from './cli-input';

interface Options {
  recorder?: string;
  account?: string;
  multiplier?: string;
  maxQuantity?: number;
}

@Command({ name: 'traders:add', description: "trade a recorder's signals on an account" })
export class TradersAddCommand extends CommandRunner {
  constructor(private readonly traders: TradersService) {
    super();
  }

  async run(_args: string[], options: Options): Promise<void> {
    const dto = validated(CreateTraderDto, { recorderId: options.recorder, accountId: options.account, multiplier: options.multiplier, maxQuantity: options.maxQuantity });
    const trader = await this.traders.create(dto);
    console.log(`trader added: ${trader.id} (multiplier ${trader.multiplier}${trader.maxQuantity ? `, max ${trader.maxQuantity}` : ''})`);
  }

  @Option({ flags: '--recorder <id>', description: 'recorder id', required: true })
  parseRecorder(value: string): string {
    return value;
  }

  @Option({ flags: '--account <id>', description: 'account id', required: true })
  parseAccount(value: string): string {
    return value;
  }

  @Option({ flags: '--multiplier <n>', description: 'contracts multiplier (default 1; 0 trades nothing)' })
  parseMultiplier(value: string): string {
    return value.trim();
  }

  @Option({ flags: '--max-quantity <contracts>', description: 'cap on order and position size' })
  parseMaxQuantity(value: string): number {
    return wholeNumber('--max-quantity')(value);
  }
}
