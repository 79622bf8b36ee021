import { AppConfig } from '../../config/app-config';
import { AccountDirectory } from '../accounts/account-directory.service';
import { TradersService } from '../recorders/traders.service';
import { LimitCheck, OrderLimits } from './order-limits';
import { TradingStateService } from './trading-state.service';

function limits(opts: { maxPosition?: number | null; traderMax?: number | null; halted?: string | null; maxOrderQuantity?: number } = {}) {
  const accounts = { get: async () => ({ maxPosition: opts.maxPosition ?? null }) } as unknown as AccountDirectory;
  const traders = { get: async () => ({ maxQuantity: opts.traderMax ?? null }) } as unknown as TradersService;
  const state = { accountHaltedReason: () => opts.halted ?? null } as unknown as TradingStateService;
  return new OrderLimits(accounts, traders, state, { maxOrderQuantity: opts.maxOrderQuantity ?? 100 } as AppConfig);
}

const order = (action: 'Buy' | 'Sell', quantity: number, purpose: LimitCheck['purpose'] = 'open'): LimitCheck => ({ accountId: 'a', traderId: 't', action, quantity, purpose });
const at = (netPos: number) => async () => netPos;

describe('OrderLimits: what may leave for the broker', () => {
  it('the account maxPosition and the trader maxQuantity bound the position an order makes, on either side', async () => {
    expect(await limits({ maxPosition: 2 }).check(order('Buy', 1, 'add'), at(2))).toBe('account maxPosition 2: buy 1 would make long 3');
    expect(await limits({ maxPosition: 2 }).check(order('Sell', 2), at(-1))).toBe('account maxPosition 2: sell 2 would make short 3');
    expect(await limits({ traderMax: 3 }).check(order('Buy', 2, 'add'), at(2))).toBe('trader maxQuantity 3: buy 2 would make long 4');
    expect(await limits({ traderMax: 3 }).check(order('Buy', 4), at(0))).toBe('trader maxQuantity 3: buy 4 is over it');
    expect(await limits({ maxPosition: 3, traderMax: 3 }).check(order('Buy', 1, 'add'), at(2))).toBeNull();
  });

  it('reducing orders are never blocked, not even on a halted account over its limits', async () => {
    const strict = limits({ maxPosition: 1, traderMax: 1, halted: 'fill not booked', maxOrderQuantity: 1 });
    for (const purpose of ['close', 'reduce', 'flatten'] as const) {
      expect(await strict.check(order('Sell', 5, purpose), at(5))).toBeNull();
    }
  });

  it('a halted account and the hard cap block entries; an unreadable position blocks rather than guesses', async () => {
    expect(await limits({ halted: 'fill not booked' }).check(order('Buy', 1), at(0))).toBe('account halted: fill not booked');
    expect(await limits({ maxOrderQuantity: 5 }).check(order('Buy', 6), at(0))).toBe('hard cap JT_MAX_ORDER_QUANTITY 5: buy 6 is over it');
    const unreadable = async () => {
      throw new Error('socket closed');
    };
    expect(await limits({ maxPosition: 2 }).check(order('Buy', 1), unreadable)).toBe('cannot read the broker position to check the limits: socket closed');
  });
});
