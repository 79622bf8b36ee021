import type { ParsedAlert } from '../../../core/alerts/parsed-alert';
import { specForContract } from '../../../core/positions/spec-for-contract';
import { alertExitOverrides } from './alert-exit-overrides';

const MNQ = specForContract('MNQZ6');

function alert(brackets: ParsedAlert['brackets']): ParsedAlert {
  return {
    dialect: 'native',
    directive: { kind: 'ENTER', side: 'LONG' },
    orderAction: 'buy',
    symbol: 'MNQ1!',
    price: '21000.00',
    quantity: 1,
    target: null,
    previous: null,
    takeProfitTicks: null,
    stopLossTicks: null,
    brackets,
    firedAt: null,
    explicitId: null,
    strategyOrderId: null,
    warnings: [],
  };
}

describe('an alert’s own exits, in ticks', () => {
  const ctx = { spec: MNQ, side: 'LONG' as const, entryPrice: '21000.00' };

  it('a trailing stop in points becomes ticks on the contract (MNQ: 4 ticks a point)', () => {
    const overrides = alertExitOverrides(alert({ trailing: { distance: { unit: 'points', value: '5' }, trigger: { unit: 'ticks', value: '8' } } }), ctx);
    expect(overrides).toMatchObject({ trailDistanceTicks: 20, trailTriggerTicks: 8 });
  });

  it('a trailing stop that moves in steps is refused, never traded as one that trails every tick', () => {
    const stepped = alert({ trailing: { distance: { unit: 'ticks', value: '20' }, step: { unit: 'ticks', value: '4' } } });
    expect(() => alertExitOverrides(stepped, ctx)).toThrow(/moves in steps is not supported/);
  });
});
