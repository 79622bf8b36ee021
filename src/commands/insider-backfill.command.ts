import { Command, CommandRunner } from 'nest-commander';
import { isTicker, TICKER_MESSAGE } from '../modules/insider/dto/watch.dto';
import { BackfillService, UnknownTickerError } from '../modules/insider/poller/backfill.service';
import { CliInputError } from './cli-input';

@Command({ name: 'insider:backfill', arguments: '<ticker>', description: 'fetch, parse and score the last 90 days of Forms 3/4/5 and 13D/13G of one ticker from EDGAR' })
export class InsiderBackfillCommand extends CommandRunner {
  constructor(private readonly backfill: BackfillService) {
    super();
  }

  async run([ticker]: string[]): Promise<void> {
    if (!ticker || !isTicker(ticker)) throw new CliInputError(TICKER_MESSAGE);
    try {
      const report = await this.backfill.backfill(ticker, (done, total) => process.stdout.write(`\r${progressBar(done, total)}`));
      process.stdout.write('\n');
      console.log(`${report.ticker} (CIK ${report.cik}): ${report.found} filings in 90 days, ${report.stored} stored, ${report.failed} unreadable, ${report.alreadyStored} already stored${report.error ? `; stopped: ${report.error}` : ''}`);
    } catch (error) {
      if (error instanceof UnknownTickerError || (error as Error).name.startsWith('Edgar')) throw new CliInputError((error as Error).message);
      throw error;
    }
  }
}

export function progressBar(done: number, total: number, width = 30): string {
  const ratio = total === 0 ? 1 : done / total;
  const filled = Math.round(ratio * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} filings`;
}
