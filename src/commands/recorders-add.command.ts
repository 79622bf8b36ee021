import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { CreateRecorderDto } from '../modules/recorders/dto/recorder.dto';
import { RecordersService } from '../modules/recorders/recorders.service';
import { validated, wholeNumber } from './cli-input';

interface Options {
  name?: string;
  symbol?: string;
  quantity?: number;
  takeProfitTicks?: number;
  stopLossTicks?: number;
  priceSource?: string;
}

@Command({ name: 'recorders:add', description: 'add a recorder (strategy) and print its webhook URL' })
export class RecordersAddCommand extends CommandRunner {
  constructor(
    private readonly recorders: RecordersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async run(_args: string[], options: Options): Promise<void> {
    const dto = validated(CreateRecorderDto, { ...options, quantity: options.quantity ?? 1 });
    const recorder = await this.recorders.create(dto);
    const base = this.config.publicUrl ?? `http://localhost:${this.config.port}`;
    console.log(`recorder "${recorder.name}" added: ${recorder.id}`);
    console.log(`webhook URL: ${base}/webhook/${recorder.webhookToken}`);
  }

  @Option({ flags: '--name <name>', description: 'recorder name', required: true })
  parseName(value: string): string {
    return value;
  }

  @Option({ flags: '--symbol <symbol>', description: 'default symbol, e.g. MNQ1!', required: true })
  parseSymbol(value: string): string {
    return value;
  }

  @Option({ flags: '--quantity <contracts>', description: 'contracts per entry when the alert gives none (default 1)' })
  parseQuantity(value: string): number {
    return wholeNumber('--quantity')(value);
  }

  @Option({ flags: '--take-profit-ticks <ticks>', description: 'take profit in ticks' })
  parseTakeProfit(value: string): number {
    return wholeNumber('--take-profit-ticks')(value);
  }

  @Option({ flags: '--stop-loss-ticks <ticks>', description: 'stop loss in ticks' })
  parseStopLoss(value: string): number {
    return wholeNumber('--stop-loss-ticks')(value);
  }

  @Option({ flags: '--price-source <source>', description: 'prices of the virtual book: alert (default) or tradingview (needs JT_TV_QUOTES=on on the server)' })
  parsePriceSource(value: string): string {
    return value;
  }
}
