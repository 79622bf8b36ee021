import fc from 'fast-check';
import { closingAction, EnterPolicy, OrderPlan, PlanSide, PlanStep, planEnter, planExit, planReduce } from './order-plan';

const policy = (overrides: Partial<EnterPolicy> = {}): EnterPolicy => ({ sameSide: 'add', opposite: 'reverse', maxQuantity: null, ...overrides });

const close = (action: 'Buy' | 'Sell', quantity: number): PlanStep => ({ kind: 'close', action, quantity });
const reduce = (action: 'Buy' | 'Sell', quantity: number): PlanStep => ({ kind: 'reduce', action, quantity });
const open = (action: 'Buy' | 'Sell', quantity: number, purpose: 'open' | 'add' = 'open'): PlanStep => ({ kind: 'open', action, quantity, purpose });

/** The position after each step, starting from netPos (Buy adds, Sell subtracts). */
function positionsAfter(netPos: number, plan: OrderPlan): number[] {
  const path: number[] = [];
  let pos = netPos;
  for (const step of plan.steps) {
    pos += step.action === 'Buy' ? step.quantity : -step.quantity;
    path.push(pos);
  }
  return path;
}
const finalPosition = (netPos: number, plan: OrderPlan) => positionsAfter(netPos, plan).at(-1) ?? netPos;
const sideSign = (side: PlanSide) => (side === 'LONG' ? 1 : -1);

describe('order plan: the decision matrix', () => {
  describe('enter', () => {
    const cases: Array<[string, number, PlanSide, number, EnterPolicy, PlanStep[], string | null]> = [
      // flat
      ['flat, enter long: buy to open', 0, 'LONG', 2, policy(), [open('Buy', 2)], null],
      ['flat, enter short: sell to open', 0, 'SHORT', 2, policy(), [open('Sell', 2)], null],
      ['flat, enter above the max: open only the max', 0, 'LONG', 5, policy({ maxQuantity: 3 }), [open('Buy', 3)], 'capped_by_max_quantity'],
      ['flat, enter exactly the max', 0, 'SHORT', 3, policy({ maxQuantity: 3 }), [open('Sell', 3)], null],
      ['flat, max 0: nothing', 0, 'LONG', 2, policy({ maxQuantity: 0 }), [], 'max_quantity_zero'],
      ['flat, zero quantity: nothing', 0, 'LONG', 0, policy(), [], 'zero_quantity'],
      // same side, add (DCA)
      ['long, enter long, add: buy more', 2, 'LONG', 1, policy(), [open('Buy', 1, 'add')], null],
      ['short, enter short, add: sell more', -2, 'SHORT', 3, policy(), [open('Sell', 3, 'add')], null],
      ['long 2 of max 3, add 2: add only 1', 2, 'LONG', 2, policy({ maxQuantity: 3 }), [open('Buy', 1, 'add')], 'capped_by_max_quantity'],
      ['short 1 of max 3, add 2: add 2', -1, 'SHORT', 2, policy({ maxQuantity: 3 }), [open('Sell', 2, 'add')], null],
      ['long at max: nothing', 3, 'LONG', 1, policy({ maxQuantity: 3 }), [], 'at_max_quantity'],
      ['short at max: nothing', -3, 'SHORT', 1, policy({ maxQuantity: 3 }), [], 'at_max_quantity'],
      ['long above max (max lowered): nothing', 5, 'LONG', 1, policy({ maxQuantity: 3 }), [], 'at_max_quantity'],
      ['long, add zero: nothing', 2, 'LONG', 0, policy(), [], 'zero_quantity'],
      // same side, ignore
      ['long, enter long, ignore: nothing', 2, 'LONG', 1, policy({ sameSide: 'ignore' }), [], 'same_side_ignored'],
      ['short, enter short, ignore: nothing', -2, 'SHORT', 1, policy({ sameSide: 'ignore' }), [], 'same_side_ignored'],
      // same side, re-enter
      ['long 2, re-enter long 1: sell 2 then buy 1', 2, 'LONG', 1, policy({ sameSide: 'reenter' }), [close('Sell', 2), open('Buy', 1)], 'same_side_reentered'],
      ['short 2, re-enter short 3: buy 2 then sell 3', -2, 'SHORT', 3, policy({ sameSide: 'reenter' }), [close('Buy', 2), open('Sell', 3)], 'same_side_reentered'],
      ['long 5, re-enter capped at 3: close 5, open 3', 5, 'LONG', 4, policy({ sameSide: 'reenter', maxQuantity: 3 }), [close('Sell', 5), open('Buy', 3)], 'same_side_reentered'],
      // opposite side, reverse
      ['long 2, enter short 1: sell 2 then sell 1', 2, 'SHORT', 1, policy(), [close('Sell', 2), open('Sell', 1)], 'reversed'],
      ['short 3, enter long 2: buy 3 then buy 2', -3, 'LONG', 2, policy(), [close('Buy', 3), open('Buy', 2)], 'reversed'],
      ['short 1, enter long 4 with max 2: buy 1 then buy 2', -1, 'LONG', 4, policy({ maxQuantity: 2 }), [close('Buy', 1), open('Buy', 2)], 'reversed'],
      ['long 1, reverse with max 0: close only', 1, 'SHORT', 1, policy({ maxQuantity: 0 }), [close('Sell', 1)], 'reversed'],
      // opposite side, block (DCA on)
      ['long, enter short, block: nothing', 2, 'SHORT', 1, policy({ opposite: 'block' }), [], 'opposite_blocked'],
      ['short, enter long, block: nothing', -2, 'LONG', 1, policy({ opposite: 'block' }), [], 'opposite_blocked'],
    ];

    it.each(cases)('%s', (_story, netPos, side, quantity, p, steps, note) => {
      expect(planEnter(netPos, side, quantity, p)).toEqual({ steps, note });
    });
  });

  describe('exit', () => {
    const cases: Array<[string, number, PlanSide | null, PlanStep[], string | null]> = [
      ['flat: nothing to do', 0, null, [], 'already_flat'],
      ['flat, exit long: nothing to do', 0, 'LONG', [], 'already_flat'],
      ['long 2: sell 2', 2, null, [close('Sell', 2)], null],
      ['short 3: buy 3', -3, null, [close('Buy', 3)], null],
      ['long 2, exit long: sell 2', 2, 'LONG', [close('Sell', 2)], null],
      ['short 1, exit short: buy 1', -1, 'SHORT', [close('Buy', 1)], null],
      ['long, exit short only: nothing', 2, 'SHORT', [], 'not_short'],
      ['short, exit long only: nothing', -2, 'LONG', [], 'not_long'],
    ];
    it.each(cases)('%s', (_story, netPos, side, steps, note) => {
      expect(planExit(netPos, side)).toEqual({ steps, note });
    });
  });

  describe('reduce', () => {
    const cases: Array<[string, number, PlanSide, number, PlanStep[], string | null]> = [
      ['long 3, reduce 1: sell 1', 3, 'LONG', 1, [reduce('Sell', 1)], null],
      ['short 3, reduce 2: buy 2', -3, 'SHORT', 2, [reduce('Buy', 2)], null],
      ['long 3, reduce 3: sell 3', 3, 'LONG', 3, [reduce('Sell', 3)], null],
      ['short 3, reduce 5: buy only 3, never flip', -3, 'SHORT', 5, [reduce('Buy', 3)], 'reduce_capped_at_position'],
      ['flat: nothing', 0, 'LONG', 1, [], 'already_flat'],
      ['long, reduce short: nothing', 2, 'SHORT', 1, [], 'not_short'],
      ['short, reduce long: nothing', -2, 'LONG', 1, [], 'not_long'],
      ['reduce zero: nothing', 2, 'LONG', 0, [], 'zero_quantity'],
    ];
    it.each(cases)('%s', (_story, netPos, side, quantity, steps, note) => {
      expect(planReduce(netPos, side, quantity)).toEqual({ steps, note });
    });
  });

  it('closingAction: a short is closed by buying, a long by selling', () => {
    expect(closingAction(-1)).toBe('Buy');
    expect(closingAction(-7)).toBe('Buy');
    expect(closingAction(1)).toBe('Sell');
    expect(closingAction(7)).toBe('Sell');
  });
});

describe('order plan invariants (properties)', () => {
  const netPos = fc.integer({ min: -20, max: 20 });
  const openPos = netPos.filter((n) => n !== 0);
  const side = fc.constantFrom<PlanSide>('LONG', 'SHORT');
  const sideOrNull = fc.constantFrom<PlanSide | null>('LONG', 'SHORT', null);
  const quantity = fc.integer({ min: 0, max: 25 });
  const anyPolicy: fc.Arbitrary<EnterPolicy> = fc.record({
    sameSide: fc.constantFrom<EnterPolicy['sameSide']>('add', 'ignore', 'reenter'),
    opposite: fc.constantFrom<EnterPolicy['opposite']>('reverse', 'block'),
    maxQuantity: fc.option(fc.integer({ min: 0, max: 20 })),
  });
  const everyPlan = fc.oneof(
    fc.tuple(netPos, side, quantity, anyPolicy).map(([n, s, q, p]) => ({ netPos: n, plan: planEnter(n, s, q, p) })),
    fc.tuple(netPos, sideOrNull).map(([n, s]) => ({ netPos: n, plan: planExit(n, s) })),
    fc.tuple(netPos, side, quantity).map(([n, s, q]) => ({ netPos: n, plan: planReduce(n, s, q) })),
  );
  const RUNS = { numRuns: 2000 };

  it('every close step closes exactly |netPos|: a SHORT with Buy, a LONG with Sell', () => {
    fc.assert(
      fc.property(everyPlan, ({ netPos: n, plan }) => {
        for (const step of plan.steps.filter((s) => s.kind === 'close')) {
          expect(step.action).toBe(n < 0 ? 'Buy' : 'Sell');
          expect(step.quantity).toBe(Math.abs(n));
        }
      }),
      RUNS,
    );
  });

  it('every reduce step is on the closing side of the position', () => {
    fc.assert(
      fc.property(everyPlan, ({ netPos: n, plan }) => {
        for (const step of plan.steps.filter((s) => s.kind === 'reduce')) expect(step.action).toBe(n < 0 ? 'Buy' : 'Sell');
      }),
      RUNS,
    );
  });

  it('no step ever has a zero, negative or fractional quantity', () => {
    fc.assert(
      fc.property(everyPlan, ({ plan }) => {
        for (const step of plan.steps) {
          expect(Number.isSafeInteger(step.quantity)).toBe(true);
          expect(step.quantity).toBeGreaterThan(0);
        }
      }),
      RUNS,
    );
  });

  it('planExit never flips: it ends flat, or (side mismatch) sends nothing', () => {
    fc.assert(
      fc.property(netPos, sideOrNull, (n, s) => {
        const plan = planExit(n, s);
        const path = positionsAfter(n, plan);
        for (const pos of path) expect(Math.sign(pos) * Math.sign(n)).toBeGreaterThanOrEqual(0);
        if (plan.steps.length > 0) expect(path.at(-1)).toBe(0);
        expect(plan.steps.length).toBeLessThanOrEqual(1);
      }),
      RUNS,
    );
  });

  it('planReduce never flips and never takes off more than is open', () => {
    fc.assert(
      fc.property(netPos, side, quantity, (n, s, q) => {
        const plan = planReduce(n, s, q);
        const path = positionsAfter(n, plan);
        for (const pos of path) {
          expect(Math.sign(pos) * Math.sign(n)).toBeGreaterThanOrEqual(0);
          expect(Math.abs(pos)).toBeLessThanOrEqual(Math.abs(n));
        }
        if (plan.steps.length > 0) expect(Math.abs(n) - Math.abs(finalPosition(n, plan))).toBe(Math.min(q, Math.abs(n)));
      }),
      RUNS,
    );
  });

  it('planExit on flat sends nothing and says already_flat', () => {
    fc.assert(
      fc.property(sideOrNull, (s) => {
        expect(planExit(0, s)).toEqual({ steps: [], note: 'already_flat' });
      }),
    );
  });

  it('planEnter against the position with reverse closes exactly |netPos| before opening on the new side', () => {
    fc.assert(
      fc.property(openPos, fc.integer({ min: 1, max: 25 }), anyPolicy, (n, q, p) => {
        const s: PlanSide = n > 0 ? 'SHORT' : 'LONG';
        const plan = planEnter(n, s, q, { ...p, opposite: 'reverse' });
        expect(plan.steps[0]).toEqual(close(closingAction(n), Math.abs(n)));
        expect(positionsAfter(n, plan)[0]).toBe(0);
        for (const step of plan.steps.slice(1)) expect(step).toMatchObject({ kind: 'open', action: s === 'LONG' ? 'Buy' : 'Sell' });
        const expectedOpen = p.maxQuantity === null ? q : Math.min(q, p.maxQuantity);
        expect(finalPosition(n, plan)).toBe(sideSign(s) * expectedOpen || 0); // || 0: no -0
      }),
      RUNS,
    );
  });

  it('planEnter only ever ends on the requested side, flat, or where it started', () => {
    fc.assert(
      fc.property(netPos, side, quantity, anyPolicy, (n, s, q, p) => {
        const plan = planEnter(n, s, q, p);
        const end = finalPosition(n, plan);
        if (plan.steps.length === 0) expect(end).toBe(n);
        else expect(Math.sign(end) === sideSign(s) || end === 0).toBe(true);
        for (const step of plan.steps.filter((x) => x.kind === 'open')) expect(step.action).toBe(s === 'LONG' ? 'Buy' : 'Sell');
        // a close, when there is one, comes first and lands flat: no order ever flips through zero
        const path = positionsAfter(n, plan);
        plan.steps.forEach((step, i) => {
          if (step.kind === 'close') {
            expect(i).toBe(0);
            expect(path[i]).toBe(0);
          }
        });
      }),
      RUNS,
    );
  });

  it('with maxQuantity, the position never ends above it (unless it already was, and then it does not grow)', () => {
    fc.assert(
      fc.property(netPos, side, quantity, anyPolicy, fc.integer({ min: 0, max: 20 }), (n, s, q, p, cap) => {
        const plan = planEnter(n, s, q, { ...p, maxQuantity: cap });
        const end = Math.abs(finalPosition(n, plan));
        if (Math.abs(n) <= cap) expect(end).toBeLessThanOrEqual(cap);
        else expect(end).toBeLessThanOrEqual(Math.max(cap, Math.abs(n)));
        for (const step of plan.steps.filter((x) => x.kind === 'open')) expect(step.quantity).toBeLessThanOrEqual(cap);
        // and the position never passes the cap on the way (open steps run after the close)
        for (const pos of positionsAfter(n, plan)) expect(Math.abs(pos)).toBeLessThanOrEqual(Math.max(cap, Math.abs(n)));
      }),
      RUNS,
    );
  });

  it('without maxQuantity, a fresh entry opens exactly the quantity asked', () => {
    fc.assert(
      fc.property(side, fc.integer({ min: 1, max: 25 }), anyPolicy, (s, q, p) => {
        const plan = planEnter(0, s, q, { ...p, maxQuantity: null });
        expect(finalPosition(0, plan)).toBe(sideSign(s) * q);
      }),
      RUNS,
    );
  });
});
