import type { FakeCatalog } from './fake-catalog';
import { FakeEntityStore } from './fake-entity-store';
import { FakeLedger, round, tradeDateOf } from './fake-ledger';
import type { OrderFaultHooks } from './fake-order-engine';
import { FakeOrderEngine } from './fake-order-engine';
import type { FakeQuotes } from './fake-quotes';
import type { FakeAccountSeed, FakeUserSeed } from './fake-seed';
import type { AccountEntity, Env, OrderEntity, OrderVersionEntity, PositionEntity, PropsEvent, VenueEntityType } from './fake-wire-types';

export type PropsListener = (events: PropsEvent[]) => void;

/** Snapshot keys of `user/syncrequest` by entity type (reference §4.7). */
const SNAPSHOT_KEYS: Record<string, string> = {
  user: 'users',
  account: 'accounts',
  accountRiskStatus: 'accountRiskStatuses',
  cashBalance: 'cashBalances',
  position: 'positions',
  fillPair: 'fillPairs',
  order: 'orders',
  command: 'commands',
  commandReport: 'commandReports',
  executionReport: 'executionReports',
  orderVersion: 'orderVersions',
  fill: 'fills',
  userPlugin: 'userPlugins',
};

/** One environment (demo or live): its own id space, accounts, orders and positions. */
export class FakeVenue {
  readonly store: FakeEntityStore;
  readonly ledger: FakeLedger;
  readonly engine: FakeOrderEngine;
  private readonly listeners: PropsListener[] = [];

  constructor(
    readonly env: Env,
    readonly catalog: FakeCatalog,
    private readonly quotes: FakeQuotes,
    faults: OrderFaultHooks,
    private readonly now: () => Date,
  ) {
    this.store = new FakeEntityStore(env);
    this.ledger = new FakeLedger(this.store, catalog, now);
    this.engine = new FakeOrderEngine(this.store, catalog, this.ledger, quotes, faults, (events) => this.publish(events), now);
  }

  onProps(listener: PropsListener): () => void {
    this.listeners.push(listener);
    return () => this.listeners.splice(this.listeners.indexOf(listener), 1);
  }

  seedUser(seed: FakeUserSeed, userId: number): void {
    const ts = this.now().toISOString();
    this.store.put('user', { id: userId, name: seed.name, timestamp: ts, email: seed.email ?? `${seed.name}@example.test`, status: 'Active', professional: false });
    const accounts = this.env === 'demo' ? seed.demoAccounts ?? [] : seed.hasLive ? seed.liveAccounts ?? [] : [];
    for (const account of accounts) this.seedAccount(account, userId);
    for (const pluginName of seed.plugins ?? []) {
      this.store.put('userPlugin', {
        id: this.store.newId('userPlugin'),
        userId,
        timestamp: ts,
        planPrice: 0,
        pluginName,
        approval: true,
        startDate: tradeDateOf(this.now()),
        paidAmount: 0,
        autorenewal: true,
        planCategories: '',
      });
    }
  }

  private seedAccount(seed: FakeAccountSeed, userId: number): void {
    const id = seed.id ?? this.store.newId('account');
    const ts = this.now().toISOString();
    this.store.put('account', {
      id,
      name: seed.name.toUpperCase(),
      userId,
      accountType: 'Customer',
      active: true,
      clearingHouseId: 2,
      riskCategoryId: 2,
      autoLiqProfileId: 2,
      marginAccountType: 'Speculator',
      legalStatus: 'Individual',
      archived: false,
      timestamp: ts,
      readonly: false,
    });
    this.store.put('accountRiskStatus', { id, adminAction: 'Normal', liquidateOnly: false, userTriggeredLiqOnly: false });
    const balance = seed.balance ?? 50000;
    this.store.put('cashBalance', { id: this.store.newId('cashBalance'), accountId: id, timestamp: ts, tradeDate: tradeDateOf(this.now()), currencyId: 1, amount: balance, realizedPnL: 0, weekRealizedPnL: 0 });
  }

  accountsOf(userId: number): AccountEntity[] {
    return this.store.all('account').filter((a) => a.userId === userId);
  }

  /** Entities of `type` the user may see: own user record, own accounts and what hangs off them. */
  visible(userId: number, type: VenueEntityType): object[] {
    if (type === 'user') return this.store.all('user').filter((u) => u.id === userId);
    if (type === 'userPlugin') return this.store.all('userPlugin').filter((p) => p.userId === userId);
    const own = new Set(this.accountsOf(userId).map((a) => a.id));
    return this.store.all(type).filter((e) => own.has(this.store.accountOf(type, e) ?? -1));
  }

  /** The `user/syncrequest` response `d` (§4.7); absent or empty `entityTypes` means everything. */
  snapshot(userId: number, accountIds: Set<number>, entityTypes: string[] | undefined): Record<string, unknown> {
    const wanted = (t: string) => !entityTypes || entityTypes.length === 0 || entityTypes.includes(t);
    const out: Record<string, unknown> = { users: this.visible(userId, 'user') };
    for (const [type, key] of Object.entries(SNAPSHOT_KEYS)) {
      if (type === 'user' || !wanted(type)) continue;
      const rows = this.visible(userId, type as VenueEntityType);
      out[key] = type === 'userPlugin' ? rows : rows.filter((e) => accountIds.has(this.store.accountOf(type as VenueEntityType, e) ?? -1));
    }
    const contractIds = new Set<number>();
    for (const e of [...this.store.all('position'), ...this.store.all('order')]) if (accountIds.has(e.accountId)) contractIds.add(e.contractId);
    const infos = [...contractIds].map((id) => this.catalog.info(id)).filter((i) => i !== undefined);
    if (wanted('contract')) out.contracts = infos.map((i) => i.contract);
    if (wanted('contractMaturity')) out.contractMaturities = infos.map((i) => i.maturity);
    if (wanted('product')) out.products = [...new Map(infos.map((i) => [i.product.id, i.product])).values()];
    out.contractGroups = [{ id: 1, name: 'Default' }];
    out.currencies = [{ id: 1, name: 'USD', symbol: '$' }];
    for (const key of ['marginSnapshots', 'userAccountAutoLiqs', 'orderStrategies', 'orderStrategyLinks', 'orderStrategyTypes', 'userProperties', 'properties', 'exchanges', 'spreadDefinitions', 'userReadStatuses']) {
      out[key] = [];
    }
    return out;
  }

  cashBalanceSnapshot(accountId: number): Record<string, unknown> {
    const cash = this.ledger.cashBalanceFor(accountId);
    const openPnL = this.ledger.openPnL(accountId, (id) => this.quotes.get(id));
    const margin = this.store
      .all('position')
      .filter((p) => p.accountId === accountId && p.netPos !== 0)
      .reduce((sum, p) => sum + Math.abs(p.netPos) * (this.catalog.info(p.contractId)?.seed.initialMargin ?? 0), 0);
    const totalCashValue = cash?.amount ?? 0;
    return {
      totalCashValue,
      totalPnL: round((cash?.realizedPnL ?? 0) + openPnL, 2),
      initialMargin: margin,
      maintenanceMargin: margin,
      netLiq: round(totalCashValue + openPnL, 2),
      openPnL,
      realizedPnL: cash?.realizedPnL ?? 0,
      weekRealizedPnL: cash?.weekRealizedPnL ?? 0,
    };
  }

  // ---- read helpers for tests ----

  accountByName(name: string): AccountEntity {
    const account = this.store.all('account').find((a) => a.name === name.toUpperCase());
    if (!account) throw new Error(`fake tradovate (${this.env}): no account named ${name}`);
    return account;
  }

  position(accountName: string, contractName: string): PositionEntity | undefined {
    const contract = this.catalog.contractByName(contractName);
    return contract ? this.ledger.positionFor(this.accountByName(accountName).id, contract.id) : undefined;
  }

  orders(accountName?: string): (OrderEntity & { version?: OrderVersionEntity; clOrdId?: string; isAutomated?: boolean })[] {
    const accountId = accountName ? this.accountByName(accountName).id : undefined;
    return this.store
      .all('order')
      .filter((o) => accountId === undefined || o.accountId === accountId)
      .map((o) => {
        const versions = this.store.all('orderVersion').filter((v) => v.orderId === o.id);
        const command = this.store.all('command').find((c) => c.orderId === o.id && c.commandType === 'New');
        return { ...o, version: versions[versions.length - 1], clOrdId: command?.clOrdId, isAutomated: command?.isAutomated };
      });
  }

  private publish(events: PropsEvent[]): void {
    if (events.length === 0) return;
    for (const listener of [...this.listeners]) listener(events);
  }
}
