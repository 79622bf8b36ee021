import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadConfig } from '../src/config/app-config';
import { EventBus } from '../src/core/bus/event-bus';
import { createHttpApp } from '../src/http-app';
import { AccountsService } from '../src/modules/accounts/accounts.service';
import { BrokerRegistry } from '../src/modules/broker/broker-registry';
import { LatentBroker } from '../src/modules/broker/latent-broker';
import { EMPTY } from 'rxjs';
import { KillSwitchService } from '../src/modules/exits/kill-switch.service';
import { summary } from './figures';

/** Kill switch over `accounts` paper accounts, each long, behind a broker answering `latencyMs` late. */
export async function benchKillSwitch(accounts: number, latencyMs: number): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jt-bench-ks-'));
  const config = loadConfig({ JT_DATA_DIR: dataDir, JT_API_KEY: 'bench-api-key-0123456789', JT_ADMIN_PASSWORD: 'bench-password', LOG_LEVEL: 'error', JT_RECONCILE_INTERVAL_SEC: '0' });
  const app = await createHttpApp(config, undefined, false);
  await app.init();
  try {
    const registry = app.get(BrokerRegistry);
    const ids: string[] = [];
    for (let i = 0; i < accounts; i++) ids.push((await app.get(AccountsService).create({ name: `ks ${i}`, broker: 'paper' })).id);
    const { broker: paper } = registry.forAccount(ids[0]);
    app.get(EventBus).publish({ type: 'QuoteReceived', ts: new Date().toISOString(), contract: 'MNQZ6', price: '21000.00', source: 'api', venue: 'paper' });
    for (const id of ids) {
      const { accountRef } = registry.forAccount(id);
      await paper.placeOrder({ accountRef, contract: 'MNQZ6', action: 'Buy', quantity: 2, orderType: 'Market', clOrdId: `open-${id}` });
      await paper.placeOrder({ accountRef, contract: 'MNQZ6', action: 'Sell', quantity: 2, orderType: 'Limit', price: '21050.00', clOrdId: `tp-${id}` });
    }
    await app.get(EventBus).whenIdle();
    // the paper broker's events are already forwarded: the slow front publishes none of its own
    const slow = new LatentBroker(paper, latencyMs);
    Object.defineProperty(slow, 'events$', { value: EMPTY });
    registry.registerBroker(slow);
    const report = await app.get(KillSwitchService).trip('bench');
    const flat = report.accounts.filter((a) => a.flat).length;
    console.log(`kill switch: ${accounts} accounts long 2 + a working TP each, broker latency ${latencyMs} ms: ${flat}/${accounts} flat-confirmed, total ${report.totalMs} ms`);
    summary(`kill switch per-account time (${accounts} accounts)`, report.accounts.map((a) => a.ms));
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
