import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EMPTY } from 'rxjs';
import { loadConfig } from '../../src/config/app-config';
import { EventBus } from '../../src/core/bus/event-bus';
import { createHttpApp } from '../../src/http-app';
import { AccountsService } from '../../src/modules/accounts/accounts.service';
import { BrokerRegistry } from '../../src/modules/broker/broker-registry';
import { LatentBroker } from '../../src/modules/broker/latent-broker';
import { KillSwitchService } from '../../src/modules/exits/kill-switch.service';
import { medianOf, p99Of, ScenarioFigure } from './scenario-figure';

const CONTRACT = 'MNQZ6';

/**
 * Bench item 5: the kill switch over `accounts` paper accounts, each long 2 with a working take
 * profit, behind a broker answering `latencyMs` late; `runs` trips (re-armed and re-opened between).
 * Each trip must end all flat, confirmed.
 */
export async function killSwitchFigure(accounts: number, latencyMs = 50, runs = 5): Promise<ScenarioFigure> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jt-bench-ks-'));
  const config = loadConfig({ JT_DATA_DIR: dataDir, JT_API_KEY: 'bench-api-key-0123456789', JT_ADMIN_PASSWORD: 'bench-password', LOG_LEVEL: 'error', JT_RECONCILE_INTERVAL_SEC: '0' });
  const app = await createHttpApp(config, undefined, false);
  await app.init();
  try {
    const registry = app.get(BrokerRegistry);
    const bus = app.get(EventBus);
    const killSwitch = app.get(KillSwitchService);
    const ids: string[] = [];
    for (let i = 0; i < accounts; i++) ids.push((await app.get(AccountsService).create({ name: `ks ${i}`, broker: 'paper' })).id);
    const { broker: paper } = registry.forAccount(ids[0]);
    bus.publish({ type: 'QuoteReceived', ts: new Date().toISOString(), contract: CONTRACT, price: '21000.00', source: 'api', venue: 'paper' });
    // the paper broker's events are already forwarded: the slow front publishes none of its own
    const slow = new LatentBroker(paper, latencyMs);
    Object.defineProperty(slow, 'events$', { value: EMPTY });
    registry.registerBroker(slow);
    const totals: number[] = [];
    for (let run = 0; run < runs; run++) {
      await killSwitch.rearm('bench');
      // positions are opened on the paper exchange itself, without the latency
      for (const id of ids) {
        const { accountRef } = registry.forAccount(id);
        await paper.placeOrder({ accountRef, contract: CONTRACT, action: 'Buy', quantity: 2, orderType: 'Market', clOrdId: `open-${run}-${id}` });
        await paper.placeOrder({ accountRef, contract: CONTRACT, action: 'Sell', quantity: 2, orderType: 'Limit', price: '21050.00', clOrdId: `tp-${run}-${id}` });
      }
      await bus.whenIdle();
      const report = await killSwitch.trip('bench');
      const flat = report.accounts.filter((a) => a.flat).length;
      if (flat !== accounts) throw new Error(`kill switch bench: only ${flat}/${accounts} accounts confirmed flat: ${report.accounts.find((a) => !a.flat)?.error}`);
      totals.push(report.totalMs);
      await bus.whenIdle();
    }
    return {
      item: 5,
      name: `kill switch, ${accounts} accounts, broker ${latencyMs} ms`,
      unit: 'ms',
      median: medianOf(totals),
      p99: p99Of(totals),
      goal: accounts >= 100 ? '<= 750 ms (aim 300 ms)' : '<= 750 ms',
      note: `${runs} trips, each: cancel ${accounts} working orders, flatten ${accounts} positions, all confirmed flat`,
    };
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Bench item 5 at 10 and 100 accounts. */
export async function killSwitchScenario(): Promise<ScenarioFigure[]> {
  return [await killSwitchFigure(10), await killSwitchFigure(100)];
}
