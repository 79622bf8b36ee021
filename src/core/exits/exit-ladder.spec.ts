import { exitPlanFor, ExitRules, legQuantities } from './exit-plan';

const THREE_LEGS: ExitRules = {
  takeProfitTicks: null,
  stopLossTicks: null,
  takeProfitLevels: [{ ticks: 10, quantity: 1 }, { ticks: 20, quantity: 1 }, { ticks: 30 }],
  trailTriggerTicks: null,
  trailDistanceTicks: null,
  breakEvenTicks: null,
  breakEvenOffsetTicks: null,
};

/** G-20: legs scale with the multiplier, each at least 1, the last takes the rest; never more than is open. */
describe('TP ladder quantities with multipliers 0.5, 1 and 3 on 1, 2 and 7 contracts', () => {
  it.each([
    // multiplier, trader's position (entry x multiplier, rounded), contracts each leg takes
    ['0.5', 1, [1, 0, 0]],
    ['0.5', 1, [1, 0, 0]],
    ['0.5', 4, [1, 1, 2]],
    ['1', 1, [1, 0, 0]],
    ['1', 2, [1, 1, 0]],
    ['1', 7, [1, 1, 5]],
    ['3', 3, [3, 0, 0]],
    ['3', 6, [3, 3, 0]],
    ['3', 21, [3, 3, 15]],
  ] as const)('multiplier %s, position %i -> legs %j', (multiplier, size, legs) => {
    const plan = exitPlanFor(THREE_LEGS, null, multiplier)!;
    expect(legQuantities(size, plan.takeProfits)).toEqual(legs);
  });

  it("an alert's ladder in percent trims the trader's entry (at least 1), the last leg the rest", () => {
    const legs = [{ ticks: 20, percentOfPosition: 50 }, { ticks: 10, percentOfPosition: 25 }, { ticks: 40 }];
    expect(legQuantities(7, exitPlanFor(THREE_LEGS, { takeProfitLegs: legs }, '3', 7)!.takeProfits)).toEqual([1, 3, 3]);
    expect(legQuantities(1, exitPlanFor(THREE_LEGS, { takeProfitLegs: legs }, '1', 1)!.takeProfits)).toEqual([1, 0, 0]);
    expect(exitPlanFor(THREE_LEGS, { takeProfitLegs: [{ ticks: 8, quantity: 1 }, { ticks: 16 }] }, '3', 6)!.takeProfits).toEqual([
      { ticks: 8, quantity: 3 },
      { ticks: 16, quantity: null },
    ]);
  });
});
