import fc from 'fast-check';
import { ContractSpec, findContractSpec } from '../contracts';
import { OffTickPriceError, priceToTicks, ticksToPrice, ticksToUsd } from '../money';
import { applyFill, ClosedTrade, FLAT_LEDGER, LedgerFill, LedgerState, ledgerAvgPrice, openPnlTicks, realizedOpenUsd } from './position-ledger';

const spec = (root: string): ContractSpec => {
  const found = findContractSpec(root);
  if (!found) throw new Error(`test needs ${root} in the contract table`);
  return found;
};
const MNQ = spec('MNQ');
const ES = spec('ES');
const ZN = spec('ZN');

let clock = 0;
const buy = (quantity: number, price: string): LedgerFill => ({ action: 'Buy', quantity, price, ts: `2025-06-02T14:30:${String(clock++ % 60).padStart(2, '0')}Z` });
const sell = (quantity: number, price: string): LedgerFill => ({ ...buy(quantity, price), action: 'Sell' });

/** Apply fills in order from flat; returns the final state and every trade closed on the way. */
function book(contract: ContractSpec, fills: LedgerFill[], from: LedgerState = FLAT_LEDGER): { state: LedgerState; closed: ClosedTrade[] } {
  let state = from;
  const closed: ClosedTrade[] = [];
  for (const fill of fills) {
    const result = applyFill(state, fill, contract);
    state = result.state;
    closed.push(...result.closed);
  }
  return { state, closed };
}

describe('position ledger', () => {
  describe('opening', () => {
    it('a buy from flat opens a long at the fill price', () => {
      const { state, closed } = book(MNQ, [buy(2, '21000.25')]);
      expect(state.netPos).toBe(2);
      expect(state.trade).toMatchObject({ side: 'LONG', entries: [{ price: '21000.25', quantity: 2 }], exits: [] });
      expect(ledgerAvgPrice(state, MNQ)).toBe('21000.25');
      expect(closed).toEqual([]);
    });

    it('a sell from flat opens a short', () => {
      const { state } = book(ES, [sell(1, '5000.00')]);
      expect(state.netPos).toBe(-1);
      expect(state.trade?.side).toBe('SHORT');
      expect(ledgerAvgPrice(state, ES)).toBe('5000.00');
    });

    it('remembers when the trade opened', () => {
      const fill = buy(1, '21000.00');
      expect(applyFill(FLAT_LEDGER, fill, MNQ).state.trade?.openedAt).toBe(fill.ts);
    });
  });

  describe('adding', () => {
    it('re-averages the entry price exactly', () => {
      const { state } = book(MNQ, [buy(1, '21000.00'), buy(1, '21001.00')]);
      expect(state.netPos).toBe(2);
      expect(ledgerAvgPrice(state, MNQ)).toBe('21000.50');
    });

    it('keeps an average between ticks (to 8 decimals) rather than rounding it to a tick', () => {
      const { state } = book(MNQ, [buy(1, '21000.00'), buy(2, '21000.25')]);
      expect(ledgerAvgPrice(state, MNQ)).toBe('21000.16666667');
    });

    it('adds to a short the same way', () => {
      const { state } = book(ES, [sell(1, '5000.00'), sell(3, '5001.00')]);
      expect(state.netPos).toBe(-4);
      expect(ledgerAvgPrice(state, ES)).toBe('5000.75');
    });
  });

  describe('closing', () => {
    it('MNQ long 2 @ 21000.25 sold @ 21010.25: 80 ticks, $40.00', () => {
      const { state, closed } = book(MNQ, [buy(2, '21000.25'), sell(2, '21010.25')]);
      expect(state).toEqual(FLAT_LEDGER);
      expect(closed).toHaveLength(1);
      expect(closed[0]).toMatchObject({
        side: 'LONG',
        quantity: 2,
        entryPrice: '21000.25',
        exitPrice: '21010.25',
        pnlTicks: 80,
        pnlUsd: '40.00',
      });
    });

    it('ES short 2 @ 5000.25 bought back @ 4998.75: 12 ticks, $150.00', () => {
      const { closed } = book(ES, [sell(2, '5000.25'), buy(2, '4998.75')]);
      expect(closed[0]).toMatchObject({ side: 'SHORT', quantity: 2, pnlTicks: 12, pnlUsd: '150.00' });
    });

    it('ES short stopped out above the entry is a loss', () => {
      const { closed } = book(ES, [sell(1, '5000.00'), buy(1, '5002.50')]);
      expect(closed[0]).toMatchObject({ side: 'SHORT', pnlTicks: -10, pnlUsd: '-125.00' });
    });

    it('ZN keeps the exact $15.625 tick: 3 ticks up is $46.875, 1 tick against a short is -$15.625', () => {
      expect(book(ZN, [buy(1, '110.015625'), sell(1, '110.0625')]).closed[0]).toMatchObject({ pnlTicks: 3, pnlUsd: '46.875' });
      expect(book(ZN, [sell(1, '110.5'), buy(1, '110.515625')]).closed[0]).toMatchObject({ pnlTicks: -1, pnlUsd: '-15.625' });
    });

    it('records the open and close times of the round trip', () => {
      const entry = buy(1, '21000.00');
      const exit = sell(1, '21001.00');
      expect(book(MNQ, [entry, exit]).closed[0]).toMatchObject({ openedAt: entry.ts, closedAt: exit.ts });
    });

    it('a partial close records nothing yet; the trade is booked in full when flat', () => {
      const partial = book(MNQ, [buy(3, '21000.00'), sell(1, '21002.00')]);
      expect(partial.state.netPos).toBe(2);
      expect(partial.closed).toEqual([]);
      expect(partial.state.trade?.exits).toEqual([{ price: '21002.00', quantity: 1 }]);

      const { state, closed } = book(MNQ, [sell(2, '21001.00')], partial.state);
      expect(state).toEqual(FLAT_LEDGER);
      // (84008 + 2 x 84004) - 3 x 84000 = 16 ticks
      expect(closed).toEqual([
        expect.objectContaining({ side: 'LONG', quantity: 3, entryPrice: '21000.00', exitPrice: '21001.33333333', pnlTicks: 16, pnlUsd: '8.00' }),
      ]);
    });

    it('sell 3 on long 1 closes a trade of 1 and opens short 2 at the fill price', () => {
      const opened = book(MNQ, [buy(1, '21000.00')]).state;
      const flip = sell(3, '21005.00');
      const { state, closed } = applyFill(opened, flip, MNQ);
      expect(closed).toEqual([expect.objectContaining({ side: 'LONG', quantity: 1, pnlTicks: 20, pnlUsd: '10.00', closedAt: flip.ts })]);
      expect(state.netPos).toBe(-2);
      expect(state.trade).toEqual({ side: 'SHORT', openedAt: flip.ts, entries: [{ price: '21005.00', quantity: 2 }], exits: [] });
      expect(ledgerAvgPrice(state, MNQ)).toBe('21005.00');
    });

    it('buy 4 on short 2 closes the short and opens long 2', () => {
      const { state, closed } = book(ES, [sell(2, '5000.00'), buy(4, '4999.00')]);
      expect(closed).toEqual([expect.objectContaining({ side: 'SHORT', quantity: 2, pnlTicks: 8, pnlUsd: '100.00' })]);
      expect(state.netPos).toBe(2);
      expect(state.trade?.side).toBe('LONG');
    });
  });

  describe('open P&L', () => {
    it('is 0 when flat and has no average price', () => {
      expect(openPnlTicks(FLAT_LEDGER, '21000.00', MNQ)).toBe(0);
      expect(ledgerAvgPrice(FLAT_LEDGER, MNQ)).toBeNull();
    });

    it('counts ticks x contracts from the average entry: long gains when the mark rises', () => {
      const { state } = book(MNQ, [buy(2, '21000.00')]);
      expect(openPnlTicks(state, '21001.00', MNQ)).toBe(8);
      expect(openPnlTicks(state, '20999.75', MNQ)).toBe(-2);
      expect(openPnlTicks(state, '21000.00', MNQ)).toBe(0);
    });

    it('short gains when the mark falls', () => {
      const { state } = book(ES, [sell(2, '5000.00')]);
      expect(openPnlTicks(state, '4999.00', ES)).toBe(8);
      expect(openPnlTicks(state, '5000.50', ES)).toBe(-4);
    });

    it('uses the averaged entry after adds', () => {
      const { state } = book(MNQ, [buy(1, '21000.00'), buy(1, '21001.00')]);
      // average 21000.50, mark 21001.00: 2 ticks x 2
      expect(openPnlTicks(state, '21001.00', MNQ)).toBe(4);
    });

    it('refuses a mark between ticks', () => {
      const { state } = book(MNQ, [buy(1, '21000.00')]);
      expect(() => openPnlTicks(state, '21000.10', MNQ)).toThrow(OffTickPriceError);
    });
  });

  describe('bad fills fail loudly', () => {
    it('a price between ticks is a broker bug', () => {
      expect(() => applyFill(FLAT_LEDGER, buy(1, '21000.10'), MNQ)).toThrow(OffTickPriceError);
    });

    it.each([0, -1, 1.5, Number.NaN])('quantity %p', (quantity) => {
      expect(() => applyFill(FLAT_LEDGER, buy(quantity, '21000.00'), MNQ)).toThrow(/positive whole number/);
    });
  });

  it('never changes the state it was given', () => {
    const before = book(MNQ, [buy(2, '21000.00'), sell(1, '21001.00')]).state;
    const snapshot = JSON.parse(JSON.stringify(before));
    applyFill(before, sell(3, '21002.00'), MNQ);
    applyFill(before, buy(1, '21002.00'), MNQ);
    expect(before).toEqual(snapshot);
  });
});

describe('position ledger invariants (properties)', () => {
  const contract = fc.constantFrom(MNQ, ES, ZN, spec('CL'), spec('6E'));
  const fillSpec = fc.record({
    action: fc.constantFrom<'Buy' | 'Sell'>('Buy', 'Sell'),
    quantity: fc.integer({ min: 1, max: 5 }),
    ticks: fc.integer({ min: -200, max: 200 }),
  });
  const scenario = fc.record({
    contract,
    base: fc.integer({ min: 1_000, max: 10_000 }),
    fills: fc.array(fillSpec, { minLength: 1, maxLength: 30 }),
    markOffset: fc.integer({ min: -300, max: 300 }),
  });
  const RUNS = { numRuns: 400 };

  const toFill = (c: ContractSpec, base: number, f: { action: 'Buy' | 'Sell'; quantity: number; ticks: number }, i: number): LedgerFill => ({
    action: f.action,
    quantity: f.quantity,
    price: ticksToPrice(base + f.ticks, c),
    ts: new Date(Date.UTC(2025, 5, 2, 14, 30, i)).toISOString(),
  });

  /** Walks the fills, calling `check` after each with the running totals (all in integer ticks). */
  function walk(
    s: { contract: ContractSpec; base: number; fills: Array<{ action: 'Buy' | 'Sell'; quantity: number; ticks: number }> },
    check: (at: { state: LedgerState; closed: ClosedTrade[]; signedQty: number; cashTicks: number }) => void,
  ): void {
    let state = FLAT_LEDGER;
    const closed: ClosedTrade[] = [];
    let signedQty = 0;
    let cashTicks = 0; // sells bring in price x qty, buys pay it
    s.fills.forEach((f, i) => {
      const fill = toFill(s.contract, s.base, f, i);
      const result = applyFill(state, fill, s.contract);
      state = result.state;
      closed.push(...result.closed);
      const priceTicks = priceToTicks(fill.price, s.contract);
      signedQty += f.action === 'Buy' ? f.quantity : -f.quantity;
      cashTicks += (f.action === 'Sell' ? 1 : -1) * f.quantity * priceTicks;
      check({ state, closed, signedQty, cashTicks });
    });
  }

  const closedTicks = (closed: ClosedTrade[]) => closed.reduce((sum, t) => sum + t.pnlTicks, 0);

  it('netPos is the signed sum of the fills; flat exactly when there is no open trade, and the trade is on the side of netPos', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        walk(s, ({ state, signedQty }) => {
          expect(state.netPos).toBe(signedQty);
          expect(state.trade === null).toBe(state.netPos === 0);
          if (state.trade) expect(state.trade.side).toBe(state.netPos > 0 ? 'LONG' : 'SHORT');
        });
      }),
      RUNS,
    );
  });

  it('no P&L is created or lost: closed trades + the P&L of flattening at any mark = the cash flow in ticks', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        walk(s, ({ state, closed, cashTicks }) => {
          const mark = ticksToPrice(s.base + s.markOffset, s.contract);
          const markTicks = priceToTicks(mark, s.contract);
          // flatten through the ledger itself, at the mark
          const flatten =
            state.netPos === 0
              ? []
              : applyFill(state, { action: state.netPos > 0 ? 'Sell' : 'Buy', quantity: Math.abs(state.netPos), price: mark, ts: 'mark' }, s.contract).closed;
          expect(closedTicks(closed) + closedTicks(flatten)).toBe(cashTicks + state.netPos * markTicks);
        });
      }),
      RUNS,
    );
  });

  it('closed trades + open P&L at any mark = the cash flow in ticks, while the open trade has not been partly closed', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        walk(s, ({ state, closed, cashTicks }) => {
          // After a partial close, the partial's P&L is booked only when the trade goes flat, and
          // openPnlTicks covers only the contracts still open, so the two do not add up until then.
          if (state.trade && state.trade.exits.length > 0) return;
          const mark = ticksToPrice(s.base + s.markOffset, s.contract);
          const open = openPnlTicks(state, mark, s.contract);
          expect(closedTicks(closed) + open).toBe(cashTicks + state.netPos * priceToTicks(mark, s.contract));
        });
      }),
      RUNS,
    );
  });

  it('once flat, the closed trades hold the whole cash flow', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        walk(s, ({ state, closed, cashTicks }) => {
          if (state.netPos === 0) expect(closedTicks(closed)).toBe(cashTicks);
        });
      }),
      RUNS,
    );
  });

  it('every closed trade prices its ticks at the contract tick value, and its quantity is what was entered', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        walk(s, ({ closed }) => {
          for (const trade of closed) {
            expect(trade.pnlUsd).toBe(ticksToUsd(trade.pnlTicks, 1, s.contract));
            expect(Number.isSafeInteger(trade.pnlTicks)).toBe(true);
            expect(trade.quantity).toBeGreaterThan(0);
          }
        });
      }),
      RUNS,
    );
  });
});

describe('realized P&L of a still-open trade (partial exits)', () => {
  const [apply, realized, flat, mnq] = [applyFill, realizedOpenUsd, FLAT_LEDGER, MNQ];
  const fill = (action: 'Buy' | 'Sell', quantity: number, price: string) => ({ action, quantity, price, ts: '2026-11-30T15:00:00.000Z' });

  it('is 0.00 before anything is taken off', () => {
    expect(realized(apply(flat, fill('Buy', 3, '21000.00'), mnq).state, mnq)).toBe('0.00');
  });

  it('a take-profit leg of a long: 1 of 3 sold 10 ticks higher is +5.00', () => {
    let state = apply(flat, fill('Buy', 3, '21000.00'), mnq).state;
    state = apply(state, fill('Sell', 1, '21002.50'), mnq).state;
    expect(state.netPos).toBe(2);
    expect(realized(state, mnq)).toBe('5.00');
  });

  it('against an average between ticks, to the cent: entries 21000.00 and 21000.25, 1 sold at 21001.00 is +1.75', () => {
    let state = apply(flat, fill('Buy', 1, '21000.00'), mnq).state;
    state = apply(state, fill('Buy', 1, '21000.25'), mnq).state;
    state = apply(state, fill('Sell', 1, '21001.00'), mnq).state;
    expect(realized(state, mnq)).toBe('1.75');
  });

  it('a short covered partly higher is a loss', () => {
    let state = apply(flat, fill('Sell', 2, '21000.00'), mnq).state;
    state = apply(state, fill('Buy', 1, '21001.00'), mnq).state;
    expect(realized(state, mnq)).toBe('-2.00');
  });
});
