import fc from 'fast-check';
import { CONTRACT_SPECS, ContractSpec } from '../contracts';
import { isOnTick, ticksToPrice } from '../money';
import { ExitPlan, TakeProfitLeg } from './exit-plan';
import { effectiveStop, FRESH_WATCH, planLevels, WatchExit, watchQuote, WatchState } from './exit-watch';

const MNQ = CONTRACT_SPECS.get('MNQ') as ContractSpec;
const GC = CONTRACT_SPECS.get('GC') as ContractSpec;
const plan = (p: Partial<ExitPlan>): ExitPlan => ({ takeProfits: [], stopLossTicks: null, trail: null, breakEven: null, ...p });
const single = (tp: number | null, sl: number | null) => plan({ takeProfits: tp ? [{ ticks: tp, quantity: null }] : [], stopLossTicks: sl });

/** Feeds quotes one by one; returns every exit asked for and the last state. */
function run(p: ExitPlan, netPos: number, avg: string, prices: string[], spec = MNQ) {
  const levels = planLevels(p, netPos, avg, spec);
  let state: WatchState = FRESH_WATCH;
  const exits: WatchExit[] = [];
  const stops: (string | null)[] = [];
  for (const price of prices) {
    const result = watchQuote(p, levels, state, price, spec);
    state = result.state;
    exits.push(...result.exits);
    stops.push(effectiveStop(levels, state));
  }
  return { exits, state, stops, levels };
}

describe('exit levels', () => {
  it('long: take profit above, stop loss below the average', () => {
    expect(planLevels(single(40, 20), 2, '21000.00', MNQ)).toMatchObject({ takeProfits: [{ price: '21010.00' }], stopLoss: '20995.00' });
  });

  it('short: take profit below, stop loss above', () => {
    expect(planLevels(single(40, 20), -1, '21000.00', MNQ)).toMatchObject({ takeProfits: [{ price: '20990.00' }], stopLoss: '21005.00' });
  });

  it('an average between ticks gives levels on the tick (G-16)', () => {
    expect(planLevels(single(4, 4), 3, '21000.083333', MNQ)).toMatchObject({ takeProfits: [{ price: '21001.00' }], stopLoss: '20999.00' });
  });

  it('two-letter roots use their own tick (G-17: GC ticks are 0.10)', () => {
    expect(planLevels(single(10, 5), 1, '2400.0', GC)).toMatchObject({ takeProfits: [{ price: '2401.0' }], stopLoss: '2399.5' });
  });

  it('no level when not set', () => {
    expect(planLevels(single(null, null), 1, '21000.00', MNQ)).toMatchObject({ takeProfits: [], stopLoss: null });
  });
});

describe('exit watch: quotes into exits', () => {
  it('a take-profit ladder fires each leg once, in order, with its quantity; the last takes the rest', () => {
    const ladder = plan({ takeProfits: [{ ticks: 4, quantity: 2 }, { ticks: 8, quantity: 2 }, { ticks: 12, quantity: null }] });
    const { exits } = run(ladder, 5, '21000.00', ['21001.00', '21001.25', '21000.50', '21001.50', '21002.00', '21002.00', '21003.00', '21004.00']);
    expect(exits).toEqual([
      { kind: 'take_profit', level: 1, price: '21001.00', quantity: 2 },
      { kind: 'take_profit', level: 2, price: '21002.00', quantity: 2 },
      { kind: 'take_profit', level: 3, price: '21003.00', quantity: null },
    ]);
  });

  it('a gap through two legs fires both at once', () => {
    const ladder = plan({ takeProfits: [{ ticks: 4, quantity: 1 }, { ticks: 8, quantity: null }] });
    expect(run(ladder, 2, '21000.00', ['21005.00']).exits.map((e) => e.kind === 'take_profit' && e.level)).toEqual([1, 2]);
  });

  it('a fixed stop fires once for the whole position, at the stop price', () => {
    const { exits } = run(single(40, 20), -1, '21000.00', ['21004.75', '21005.00', '21006.00']);
    expect(exits).toEqual([{ kind: 'stop_loss', price: '21005.00', quantity: null }]);
  });

  it('a trailing stop waits for its trigger, then follows the best price and locks the profit', () => {
    const trail = plan({ trail: { triggerTicks: 8, distanceTicks: 4 } });
    const { exits, stops } = run(trail, 1, '21000.00', ['21001.00', '21002.00', '21003.00', '21002.50', '21002.00']);
    expect(stops).toEqual([null, '21001.00', '21002.00', '21002.00', '21002.00']);
    expect(exits).toEqual([{ kind: 'trailing_stop', price: '21002.00', quantity: null }]);
  });

  it('a short trail at once (trigger 0) starts from the entry', () => {
    const trail = plan({ trail: { triggerTicks: 0, distanceTicks: 4 } });
    const { stops, exits } = run(trail, -2, '21000.00', ['21000.50', '20999.00', '20999.50', '21000.00']);
    expect(stops).toEqual(['21001.00', '21000.00', '21000.00', '21000.00']);
    expect(exits).toEqual([{ kind: 'trailing_stop', price: '21000.00', quantity: null }]);
  });

  it('break-even: after N ticks of profit the stop moves to entry + offset', () => {
    const be = plan({ stopLossTicks: 20, breakEven: { triggerTicks: 10, offsetTicks: 1 } });
    const { stops, exits } = run(be, 1, '21000.00', ['21002.25', '21002.50', '21001.00', '21000.25']);
    expect(stops).toEqual(['20995.00', '21000.25', '21000.25', '21000.25']);
    expect(exits).toEqual([{ kind: 'break_even', price: '21000.25', quantity: null }]);
  });

  it('a break-even from an average between ticks rounds toward profit (never locks a loss)', () => {
    const be = plan({ breakEven: { triggerTicks: 4, offsetTicks: 0 } });
    expect(planLevels(be, 3, '21000.083333', MNQ).breakEvenStop).toBe('21000.25');
    expect(planLevels(be, -3, '21000.083333', MNQ).breakEvenStop).toBe('21000.00');
  });

  it('after the stop fired nothing more is asked', () => {
    const both = plan({ takeProfits: [{ ticks: 4, quantity: null }], stopLossTicks: 4 });
    expect(run(both, 1, '21000.00', ['20999.00', '21001.00', '20998.00']).exits).toHaveLength(1);
  });
});

describe('exit watch: properties', () => {
  const specs = [...CONTRACT_SPECS.values()];
  const ladders: TakeProfitLeg[][] = [[], [{ ticks: 4, quantity: 1 }, { ticks: 9, quantity: null }], [{ ticks: 7, quantity: null }]];
  const anyPlan: fc.Arbitrary<ExitPlan> = fc.record({
    takeProfits: fc.constantFrom(...ladders),
    stopLossTicks: fc.option(fc.integer({ min: 1, max: 50 }), { nil: null }),
    trail: fc.option(fc.record({ triggerTicks: fc.integer({ min: 0, max: 20 }), distanceTicks: fc.integer({ min: 1, max: 20 }) }), { nil: null }),
    breakEven: fc.option(fc.integer({ min: 1, max: 20 }).chain((t) => fc.record({ triggerTicks: fc.constant(t), offsetTicks: fc.integer({ min: 0, max: t - 1 }) })), { nil: null }),
  });
  /** an entry average (on the tick or between ticks) and a walk of on-tick quotes around it */
  const market = fc.record({
    spec: fc.constantFrom(...specs),
    entryTicks: fc.integer({ min: 1000, max: 100000 }),
    fraction: fc.constantFrom('', '3', '25', '0833333'),
    steps: fc.array(fc.integer({ min: -6, max: 6 }), { minLength: 1, maxLength: 60 }),
    long: fc.boolean(),
  });
  const averageOf = (m: { spec: ContractSpec; entryTicks: number; fraction: string }) => {
    const onTick = ticksToPrice(m.entryTicks, m.spec);
    return m.fraction ? `${onTick}${onTick.includes('.') ? '' : '.'}${m.fraction}` : onTick;
  };

  it('a stop never loosens while the position is open', () => {
    fc.assert(
      fc.property(anyPlan, market, (p, m) => {
        const netPos = m.long ? 2 : -2;
        let ticks = m.entryTicks;
        const prices = m.steps.map((s) => ticksToPrice((ticks += s), m.spec));
        const { stops } = run(p, netPos, averageOf(m), prices, m.spec);
        const numeric = stops.filter((s): s is string => s !== null).map(Number);
        for (let i = 1; i < numeric.length; i++) {
          if (m.long) expect(numeric[i]).toBeGreaterThanOrEqual(numeric[i - 1]);
          else expect(numeric[i]).toBeLessThanOrEqual(numeric[i - 1]);
        }
      }),
    );
  });

  it('every level and every stop is on the tick (G-16), whatever the average', () => {
    fc.assert(
      fc.property(anyPlan, market, (p, m) => {
        const levels = planLevels(p, m.long ? 1 : -1, averageOf(m), m.spec);
        const prices = [...levels.takeProfits.map((l) => l.price), levels.stopLoss, levels.trailTrigger, levels.breakEvenTrigger, levels.breakEvenStop];
        for (const price of prices) if (price !== null) expect(isOnTick(price, m.spec)).toBe(true);
        let ticks = m.entryTicks;
        const { exits, stops } = run(p, m.long ? 1 : -1, averageOf(m), m.steps.map((s) => ticksToPrice((ticks += s), m.spec)), m.spec);
        for (const price of [...exits.map((e) => e.price), ...stops]) if (price !== null) expect(isOnTick(price, m.spec)).toBe(true);
      }),
    );
  });

  it('each take-profit leg fires at most once and a stop at most once', () => {
    fc.assert(
      fc.property(anyPlan, market, (p, m) => {
        let ticks = m.entryTicks;
        const { exits } = run(p, m.long ? 3 : -3, averageOf(m), m.steps.map((s) => ticksToPrice((ticks += s), m.spec)), m.spec);
        const legs = exits.filter((e) => e.kind === 'take_profit').map((e) => (e as { level: number }).level);
        expect(new Set(legs).size).toBe(legs.length);
        expect(exits.filter((e) => e.kind !== 'take_profit').length).toBeLessThanOrEqual(1);
      }),
    );
  });
});
