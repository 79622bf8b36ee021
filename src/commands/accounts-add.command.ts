import { Command, CommandRunner, Option } from 'nest-commander';
import { AccountsService } from '../modules/accounts/accounts.service';
import { CreateAccountDto } from '../modules/accounts/dto/account.dto';
import { validated, wholeNumber } from './cli-input';

interface Options {
  name?: string;
  maxPosition?: number;
}

@Command({ name: 'accounts:add', description: 'add a paper account' })
export class AccountsAddCommand extends CommandRunner {
  constructor(private readonly accounts: AccountsService) {
    super();
  }

  async run(_args: string[], options: Options): Promise<void> {
    const dto = validated(CreateAccountDto, { name: options.name, broker: 'paper', maxPosition: options.maxPosition });
    const account = await this.accounts.create(dto);
    console.log(`account "${account.name}" added: ${account.id}`);
  }

  @Option({ flags: '--name <name>', description: 'account name', required: true })
  parseName(value: string): string {
    return value;
  }

  @Option({ flags: '--max-position <contracts>', description: 'largest absolute position the paper broker allows' })
  parseMaxPosition(value: string): number {
    return wholeNumber('--max-position')(value);
  }
}
