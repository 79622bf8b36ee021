import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { FlattenService } from '../modules/execution/flatten.service';
import { runningServer } from '../runtime/server-marker';
import { CliInputError } from './cli-input';
import { postToRunningServer } from './running-server-client';

type FlattenResult = { flattened: { contract: string; netPos: number }[]; remaining: { contract: string; netPos: number }[] };

/**
 * Flattens an account. With a server running on this data directory the server does it (it owns
 * the paper exchange and the broker sessions); otherwise this process does.
 */
@Command({ name: 'flatten', description: 'close every open position of an account with market orders' })
export class FlattenCommand extends CommandRunner {
  constructor(
    private readonly flatten: FlattenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async run(_args: string[], options: { account?: string }): Promise<void> {
    const accountId = options.account as string;
    const server = runningServer(this.config.dataDir);
    const result = server ? await postToRunningServer<FlattenResult>(this.config, server.port, `/api/accounts/${accountId}/flatten`) : { flattened: await this.flatten.flattenAccount(accountId), remaining: await this.flatten.openPositions(accountId) };
    for (const p of result.flattened) console.log(`closed ${p.contract}: was ${p.netPos}`);
    if (result.flattened.length === 0) console.log('already flat: nothing sent');
    if (result.remaining.length) {
      console.error(`NOT FLAT: ${result.remaining.map((p) => `${p.contract} ${p.netPos}`).join(', ')}`);
      process.exitCode = 1;
    } else {
      console.log('confirmed flat at the broker');
    }
  }

  @Option({ flags: '--account <id>', description: 'account id', required: true })
  parseAccount(value: string): string {
    if (!/^[0-9a-f-]{36}$/i.test(value)) throw new CliInputError(`--account must be an account id (UUID), got "${value}"`);
    return value;
  }
}
