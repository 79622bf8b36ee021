import { InjectDataSource } from '@nestjs/typeorm';
import { Command, CommandRunner } from 'nest-commander';
import { DataSource } from 'typeorm';

@Command({ name: 'migrate', description: 'apply database migrations (they also run at every start)' })
export class MigrateCommand extends CommandRunner {
  constructor(@InjectDataSource() private readonly db: DataSource) {
    super();
  }

  async run(): Promise<void> {
    const pending = await this.db.runMigrations();
    const applied = await this.db.query('SELECT COUNT(*) AS n FROM migrations');
    console.log(`database up to date: ${pending.length} migration(s) applied now, ${applied[0].n} in total`);
  }
}
