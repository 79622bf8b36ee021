import fc from 'fast-check';
import { describeExitRules, ExitRules, exitPlanFor, legQuantities } from './exit-plan';

const NONE: ExitRules = {
  takeProfitTicks: null,
  stopLossTicks: null,
  takeProfitLevels: null,
  trailTriggerTicks: null,
  trailDistanceTicks: null,
  breakEvenTicks: null,
  breakEvenOffsetTicks: null,
};
const rules = (r: Partial<ExitRules>): ExitRules => ({ ...NONE, ...r });

describe('exit plan: what an entry carries', () => {
  it('nothing set: no plan (nothing to watch)', () => {
    expect(exitPlanFor(NONE, null, '1')).toBeNull();
  });

  it("the recorder's single take profit and stop loss", () => {
    expect(exitPlanFor(rules({ takeProfitTicks: 40, stopLossTicks: 20 }), null, '1')).toEqual({
      takeProfits: [{ ticks: 40, quantity: null }],
      stopLossTicks: 20,
      trail: null,
      breakEven: null,
    });
  });

  it('the alert beats the recorder; an alert without values leaves the recorder in charge', () => {
    const recorder = rules({ takeProfitTicks: 40, stopLossTicks: 20 });
    expect(exitPlanFor(recorder, { takeProfitTicks: 12, stopLossTicks: 6 }, '1')).toMatchObject({ takeProfits: [{ ticks: 12, quantity: null }], stopLossTicks: 6 });
    expect(exitPlanFor(recorder, { takeProfitTicks: null, stopLossTicks: null }, '1')).toMatchObject({ takeProfits: [{ ticks: 40 }], stopLossTicks: 20 });
  });

  it("an alert's take profit replaces a recorder's ladder with one level for everything", () => {
    const ladder = rules({ takeProfitLevels: [{ ticks: 10, quantity: 1 }, { ticks: 20 }] });
    expect(exitPlanFor(ladder, { takeProfitTicks: 15 }, '2')?.takeProfits).toEqual([{ ticks: 15, quantity: null }]);
  });

  it('G-20: leg quantities scale with the multiplier, each at least 1, the last takes the rest', () => {
    const ladder = rules({ takeProfitLevels: [{ ticks: 10, quantity: 1 }, { ticks: 20, quantity: 1 }, { ticks: 30 }] });
    expect(exitPlanFor(ladder, null, '2')?.takeProfits).toEqual([{ ticks: 10, quantity: 2 }, { ticks: 20, quantity: 2 }, { ticks: 30, quantity: null }]);
    expect(exitPlanFor(ladder, null, '0.2')?.takeProfits.map((l) => l.quantity)).toEqual([1, 1, null]);
    expect(exitPlanFor(ladder, null, '1.5')?.takeProfits.map((l) => l.quantity)).toEqual([2, 2, null]);
  });

  it('trailing stop (0 = trail at once) and break-even, with alert overrides', () => {
    const r = rules({ trailDistanceTicks: 8, breakEvenTicks: 10, breakEvenOffsetTicks: 1 });
    expect(exitPlanFor(r, null, '1')).toMatchObject({ trail: { triggerTicks: 0, distanceTicks: 8 }, breakEven: { triggerTicks: 10, offsetTicks: 1 } });
    expect(exitPlanFor(r, { trailTriggerTicks: 4, breakEvenTicks: 6 }, '1')).toMatchObject({ trail: { triggerTicks: 4, distanceTicks: 8 }, breakEven: { triggerTicks: 6, offsetTicks: 1 } });
    expect(exitPlanFor(NONE, { trailDistanceTicks: 5 }, '1')).toMatchObject({ trail: { triggerTicks: 0, distanceTicks: 5 } });
  });

  it('a break-even offset at or past its trigger is kept one tick inside (it would stop out at once)', () => {
    expect(exitPlanFor(rules({ breakEvenTicks: 4 }), { breakEvenOffsetTicks: 9 }, '1')?.breakEven).toEqual({ triggerTicks: 4, offsetTicks: 3 });
  });

  it('legQuantities: never more than is left; the last leg takes the rest', () => {
    const legs = [{ ticks: 10, quantity: 2 }, { ticks: 20, quantity: 2 }, { ticks: 30, quantity: null }];
    expect(legQuantities(5, legs)).toEqual([2, 2, 1]);
    expect(legQuantities(3, legs)).toEqual([2, 1, 0]);
    expect(legQuantities(9, legs)).toEqual([2, 2, 5]);
  });

  it('property: the legs always sum to the position, and every configured leg is at least 1 contract', () => {
    const level = fc.record({ ticks: fc.integer({ min: 1, max: 1000 }), quantity: fc.integer({ min: 1, max: 20 }) });
    fc.assert(
      fc.property(fc.array(level, { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 200 }), fc.constantFrom('0.1', '0.5', '1', '2', '3.5'), (levels, size, multiplier) => {
        const plan = exitPlanFor(rules({ takeProfitLevels: levels }), null, multiplier);
        const legs = plan?.takeProfits ?? [];
        for (const leg of legs.slice(0, -1)) expect(leg.quantity).toBeGreaterThanOrEqual(1);
        expect(legs[legs.length - 1].quantity).toBeNull();
        const taken = legQuantities(size, legs);
        expect(taken.reduce((a, b) => a + b, 0)).toBe(size);
        expect(taken.every((q) => q >= 0)).toBe(true);
      }),
    );
  });

  it('describes the rules in one short line for the dashboard', () => {
    expect(describeExitRules(rules({ takeProfitLevels: [{ ticks: 10, quantity: 2 }, { ticks: 20 }], stopLossTicks: 12, trailTriggerTicks: 4, trailDistanceTicks: 8, breakEvenTicks: 10, breakEvenOffsetTicks: 1 }))).toBe(
      'TP 10×2 / 20 rest · SL 12 · trail 8 after 4 · BE 10 +1',
    );
    expect(describeExitRules(rules({ takeProfitTicks: 40 }))).toBe('TP 40');
    expect(describeExitRules(NONE)).toBe('');
  });
});
