import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { CommandFactory } from 'nest-commander';
import { AppModule } from './app.module';
import { loadConfigOrExit } from './config/app-config';
import { AccountsAddCommand } from './commands/accounts-add.command';
import { AlertExplainCommand } from './commands/alert-explain.command';
import { CliInputError } from './commands/cli-input';
import { FlattenCommand } from './commands/flatten.command';
import { InsiderBackfillCommand } from './commands/insider-backfill.command';
import { InsiderParseCommand } from './commands/insider-parse.command';
import { InsiderModule } from './modules/insider/insider.module';
import { KillSwitchCommand } from './commands/kill-switch.command';
import { ExitsModule } from './modules/exits/exits.module';
import { MigrateCommand } from './commands/migrate.command';
import { PositionsCommand } from './commands/positions.command';
import { RecordersAddCommand } from './commands/recorders-add.command';
import { TradersAddCommand } from './commands/traders-add.command';
import { AccountsModule } from './modules/accounts/accounts.module';
import { RecordersModule } from './modules/recorders/recorders.module';
import { keepNewFilesPrivate } from './runtime/private-files';
import { runningServer } from './runtime/server-marker';

@Module({
  imports: [AccountsModule, RecordersModule, ExitsModule, InsiderModule],
  providers: [MigrateCommand, AccountsAddCommand, RecordersAddCommand, TradersAddCommand, PositionsCommand, FlattenCommand, KillSwitchCommand, InsiderParseCommand, InsiderBackfillCommand, AlertExplainCommand],
})
class CommandsModule {}

async function main(): Promise<void> {
  keepNewFilesPrivate();
  const config = loadConfigOrExit();
  // beside a running server, the server alone writes the paper exchange's state
  config.paperStateWritable = runningServer(config.dataDir) === null;
  // a CLI process never runs the scheduled EDGAR poller; `insider:backfill` polls on its own
  config.insider.pollerEnabled = false;
  // the server's signals are the server's: a CLI process neither re-routes nor waits for them
  config.ownsSignalIntake = false;
  // nor a TradingView quote socket: a one-shot command has no virtual book to mark
  config.tradingView.enabled = false;
  try {
    await CommandFactory.run(
      { module: class CliModule {}, imports: [AppModule.register(config), CommandsModule] },
      { logger: ['error', 'warn'], errorHandler: (error) => fail(error), serviceErrorHandler: (error) => fail(error) },
    );
  } catch (error) {
    fail(error);
  }
}

function fail(error: unknown): never {
  const commander = error as { code?: string; exitCode?: number };
  if (commander?.code?.startsWith('commander.')) process.exit(commander.exitCode ?? 2);
  const known = error instanceof CliInputError || (error as { status?: number })?.status !== undefined;
  console.error(known ? `error: ${(error as Error).message}` : error);
  process.exit(known ? 2 : 1);
}

void main();
