import { Command, CommandRunner, Option } from 'nest-commander';
import { AccountsService } from '../modules/accounts/accounts.service';
import { BookReaderService } from '../modules/execution/book-reader.service';

@Command({ name: 'positions', description: 'list open positions (from recorded fills)' })
export class PositionsCommand extends CommandRunner {
  constructor(
    private readonly book: BookReaderService,
    private readonly accounts: AccountsService,
  ) {
    super();
  }

  async run(_args: string[], options: { account?: string }): Promise<void> {
    const names = new Map((await this.accounts.list()).map((a) => [a.id, a.name]));
    const positions = await this.book.openPositions(options.account ? { accountId: options.account } : {});
    if (positions.length === 0) {
      console.log('flat: no open position');
      return;
    }
    console.table(
      positions.map((p) => ({ account: names.get(p.accountId) ?? p.accountId, accountId: p.accountId, contract: p.contract, side: p.side, quantity: p.quantity, avgPrice: p.avgPrice })),
    );
  }

  @Option({ flags: '--account <id>', description: 'only this account' })
  parseAccount(value: string): string {
    return value;
  }
}
