import * as fs from 'fs';
import { Command, CommandRunner, Option } from 'nest-commander';
import { explainAlert } from '../modules/webhooks/alert-explanation';
import { CliInputError, wholeNumber } from './cli-input';

interface ExplainOptions {
  quantity?: number;
  position?: number;
  dca?: boolean;
  sameSide?: string;
}

@Command({
  name: 'alert:explain',
  arguments: '<file>',
  description: 'read one alert body (any dialect) and print its dialect, the normalized signal and what it would do from flat, long and short',
})
export class AlertExplainCommand extends CommandRunner {
  async run([file]: string[], options: ExplainOptions): Promise<void> {
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) throw new CliInputError(`no such file: ${file ?? '(none given)'}`);
    const sameSide = options.sameSide ?? 'ignore';
    if (sameSide !== 'ignore' && sameSide !== 'reenter') throw new CliInputError(`--same-side must be ignore or reenter, got "${sameSide}"`);
    const explanation = explainAlert(fs.readFileSync(file, 'utf8'), {
      quantity: options.quantity ?? 1,
      position: options.position ?? 2,
      dcaEnabled: options.dca ?? false,
      sameSide,
    });
    console.log(JSON.stringify(explanation, null, 2));
    if (!explanation.ok) process.exitCode = 3;
  }

  @Option({ flags: '--quantity <n>', description: "the recorder's quantity, used when the alert gives none (default 1)" })
  parseQuantity(value: string): number {
    return wholeNumber('--quantity')(value);
  }

  @Option({ flags: '--position <n>', description: 'size of the long and short positions to try the alert against (default 2)' })
  parsePosition(value: string): number {
    return wholeNumber('--position')(value);
  }

  @Option({ flags: '--dca', description: 'the recorder adds on same-side alerts (and blocks opposite ones)' })
  parseDca(): boolean {
    return true;
  }

  @Option({ flags: '--same-side <rule>', description: 'ignore (default) or reenter, when DCA is off' })
  parseSameSide(value: string): string {
    return value;
  }
}
