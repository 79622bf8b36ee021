import { DataSource } from 'typeorm';
import { Account } from '../modules/accounts/entities/account.entity';

type AccountKind = Pick<Account, 'broker' | 'environment'>;

/** The start-up line naming the brokers really configured: "brokers: paper (in-process), tradovate demo: 2 accounts". */
export function brokerSummary(accounts: readonly AccountKind[]): string {
  const parts = ['paper (in-process)'];
  for (const environment of ['demo', 'live'] as const) {
    const count = accounts.filter((a) => a.broker === 'tradovate' && a.environment === environment).length;
    if (count > 0) parts.push(`tradovate ${environment}: ${count} account${count === 1 ? '' : 's'}`);
  }
  return `brokers: ${parts.join(', ')}`;
}

export async function describeBrokers(db: DataSource): Promise<string> {
  return brokerSummary(await db.getRepository(Account).find({ select: { broker: true, environment: true } }));
}
