import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { KillSwitchReport, KillSwitchService } from '../modules/exits/kill-switch.service';
import { runningServer } from '../runtime/server-marker';
import { postToRunningServer } from './running-server-client';

/** Trips (or with --rearm re-arms) the kill switch; through the server when one is running. */
@Command({ name: 'kill-switch', description: 'halt trading, cancel every working order and flatten every account' })
export class KillSwitchCommand extends CommandRunner {
  constructor(
    private readonly killSwitch: KillSwitchService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async run(_args: string[], options: { rearm?: boolean; reason?: string }): Promise<void> {
    const reason = options.reason ?? 'cli';
    const server = runningServer(this.config.dataDir);
    if (options.rearm) {
      if (server) await postToRunningServer(this.config, server.port, '/api/kill-switch/rearm', { reason });
      else await this.killSwitch.rearm(reason);
      console.log('re-armed: trading is on');
      return;
    }
    const report: KillSwitchReport = server ? await postToRunningServer<KillSwitchReport>(this.config, server.port, '/api/kill-switch', { reason }) : await this.killSwitch.trip(reason);
    for (const a of report.accounts) {
      const closed = a.positions.map((p) => `${p.contract} ${p.before} -> ${p.result}`).join(', ') || 'no position';
      console.log(`${a.flat ? 'FLAT    ' : 'NOT FLAT'} ${a.name}: ${a.cancelledOrders} order(s) cancelled; ${closed}; ${a.ms} ms${a.error ? `; ${a.error}` : ''}`);
    }
    console.log(`${report.allFlat ? 'all accounts flat' : 'NOT ALL ACCOUNTS FLAT'} in ${report.totalMs} ms; trading halted until re-armed (kill-switch --rearm)`);
    if (!report.allFlat) process.exitCode = 1;
  }

  @Option({ flags: '--rearm', description: 'turn trading back on' })
  parseRearm(): boolean {
    return true;
  }

  @Option({ flags: '--reason <text>', description: 'why (kept in the report and the log)' })
  parseReason(value: string): string {
    return value;
  }
}
