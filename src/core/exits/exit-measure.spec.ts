import { findContractSpec } from '../contracts';
import { ExitMeasureError, measureToTicks, type MeasureContext } from './exit-measure';

const at = (root: string, side: 'LONG' | 'SHORT', entryPrice: string | null = null): MeasureContext => ({ spec: findContractSpec(root)!, side, entryPrice });

describe('an exit in any unit becomes whole ticks from the entry, rounded toward the entry', () => {
  it.each([
    ['MNQ ticks', 'MNQ', 'ticks', '7', 7],
    ['MNQ 12.5 points', 'MNQ', 'points', '12.5', 50],
    ['MNQ 50 USD per contract (0.50 a tick)', 'MNQ', 'dollars', '50', 100],
    ['MNQ 50.30 USD rounds down, never risking more', 'MNQ', 'dollars', '50.30', 100],
    ['MNQ 0.1 % of 21000 = 21 points', 'MNQ', 'percent', '0.1', 84],
    ['MNQ 0.01 % of 21000 = 2.1 points -> 8 ticks', 'MNQ', 'percent', '0.01', 8],
    ['ES 100 USD (12.50 a tick)', 'ES', 'dollars', '100', 8],
    ['CL 100 USD (10 a tick)', 'CL', 'dollars', '100', 10],
    ['CL 0.25 points (0.01 a tick)', 'CL', 'points', '0.25', 25],
    ['GC 1.05 points (0.1 a tick) -> 10', 'GC', 'points', '1.05', 10],
  ] as const)('%s', (_name, root, unit, value, ticks) => {
    expect(measureToTicks({ unit, value }, 'loss', at(root, 'LONG', root === 'MNQ' ? '21000' : '100'), 'stop loss')).toBe(ticks);
  });

  it('an absolute price is its distance from the entry, on the right side for the side traded', () => {
    expect(measureToTicks({ unit: 'price', value: '21010' }, 'profit', at('MNQ', 'LONG', '21000'), 'tp')).toBe(40);
    expect(measureToTicks({ unit: 'price', value: '20990' }, 'loss', at('MNQ', 'LONG', '21000'), 'sl')).toBe(40);
    expect(measureToTicks({ unit: 'price', value: '20990.10' }, 'profit', at('MNQ', 'SHORT', '21000'), 'tp')).toBe(39);
    expect(measureToTicks({ unit: 'price', value: '21010' }, 'loss', at('MNQ', 'SHORT', '21000'), 'sl')).toBe(40);
    expect(() => measureToTicks({ unit: 'price', value: '20990' }, 'profit', at('MNQ', 'LONG', '21000'), 'take profit')).toThrow(/take profit at 20990 must be above the entry price 21000/);
    expect(() => measureToTicks({ unit: 'price', value: '20990' }, 'loss', at('MNQ', 'SHORT', '21000'), 'stop loss')).toThrow(/must be above/);
    expect(() => measureToTicks({ unit: 'price', value: '21010' }, 'loss', at('MNQ', 'LONG', '21000'), 'stop loss')).toThrow(/must be below/);
  });

  it('refuses what cannot be placed: under one tick, 0, no entry price for percent or price', () => {
    expect(() => measureToTicks({ unit: 'dollars', value: '10' }, 'loss', at('ES', 'LONG'), 'stop loss')).toThrow(/less than one tick \(0.25\) of ES/);
    expect(() => measureToTicks({ unit: 'points', value: '0' }, 'loss', at('ES', 'LONG'), 'stop loss')).toThrow(ExitMeasureError);
    expect(() => measureToTicks({ unit: 'percent', value: '1' }, 'loss', at('ES', 'LONG', null), 'stop loss')).toThrow(/no alert price nor quote/);
    expect(() => measureToTicks({ unit: 'price', value: '5000' }, 'loss', at('ES', 'LONG', null), 'stop loss')).toThrow(/no alert price nor quote/);
  });
});
