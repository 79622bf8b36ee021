import { EventBus } from '../../core/bus/event-bus';
import { CashBalancesService } from './cash-balances.service';

describe('CashBalancesService', () => {
  it("keeps each account's last reported Tradovate cash, in dollars", async () => {
    const bus = new EventBus();
    const cash = new CashBalancesService(bus);
    cash.onModuleInit();
    expect(cash.balanceOf('acc-1')).toBeNull();
    const report = (amount: string) => bus.publish({ type: 'CashBalanceUpdated', ts: '2026-11-30T15:00:00.000Z', accountId: 'acc-1', balance: { accountRef: '123', amount, realizedPnl: null } });
    report('50000');
    report('49875.5');
    await bus.whenIdle();
    expect(cash.balanceOf('acc-1')).toBe('49875.50');
    expect(cash.balanceOf('acc-2')).toBeNull();
    bus.onModuleDestroy();
  });
});
