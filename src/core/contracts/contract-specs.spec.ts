import { compareDecimal, formatDecimal } from '../money/decimal';
import { pointValueUsd } from '../money/ticks';
import { CONTRACT_ROOTS, CONTRACT_SPECS, findContractSpec } from './contract-specs';
import { MONTH_CODES } from './roll-calendar';

/** USD per full point, from CME's contract specifications. */
const KNOWN_POINT_VALUES: Record<string, string> = {
  ES: '50',
  MES: '5',
  NQ: '20',
  MNQ: '2',
  YM: '5',
  MYM: '0.5',
  RTY: '50',
  M2K: '5',
  CL: '1000',
  MCL: '100',
  GC: '100',
  MGC: '10',
  SI: '5000',
  SIL: '1000',
  NG: '10000',
  HG: '25000',
  ZB: '1000',
  ZN: '1000',
  '6E': '125000',
};

const specs = [...CONTRACT_SPECS.values()];

describe('contract table', () => {
  it('holds every product we trade', () => {
    expect([...CONTRACT_SPECS.keys()].sort()).toEqual(Object.keys(KNOWN_POINT_VALUES).sort());
  });

  it.each(Object.entries(KNOWN_POINT_VALUES))('%s tick value / tick size is $%s per point', (root, perPoint) => {
    const spec = findContractSpec(root);
    expect(spec).toBeDefined();
    expect(compareDecimal(pointValueUsd(spec!), perPoint)).toBe(0);
  });

  it.each([
    ['MNQ', '0.25', '0.50'],
    ['ES', '0.25', '12.50'],
    ['CL', '0.01', '10.00'],
    ['GC', '0.1', '10.00'],
    ['ZB', '0.03125', '31.25'],
    ['ZN', '0.015625', '15.625'],
    ['6E', '0.00005', '6.25'],
  ])('%s ticks %s worth $%s', (root, tickSize, tickValue) => {
    expect(findContractSpec(root)).toMatchObject({ tickSize, tickValue });
  });

  it.each([
    ['MNQ', 'HMUZ'],
    ['ZN', 'HMUZ'],
    ['6E', 'HMUZ'],
    ['CL', 'FGHJKMNQUVXZ'],
    ['MCL', 'FGHJKMNQUVXZ'],
    ['NG', 'FGHJKMNQUVXZ'],
    ['GC', 'GJMQVZ'],
    ['MGC', 'GJMQVZ'],
    ['SI', 'HKNUZ'],
    ['HG', 'HKNUZ'],
  ])('%s lists months %s', (root, months) => {
    expect(findContractSpec(root)?.months).toBe(months);
  });

  it.each(specs.map((s) => [s.root, s] as const))('%s is well formed', (_root, spec) => {
    expect(formatDecimal(spec.tickSize)).toBe(spec.tickSize);
    expect(compareDecimal(spec.tickSize, 0)).toBe(1);
    expect(compareDecimal(spec.tickValue, 0)).toBe(1);
    expect(['CME', 'CBOT', 'NYMEX', 'COMEX']).toContain(spec.exchange);
    const monthIndexes = spec.months.split('').map((m) => MONTH_CODES.indexOf(m));
    expect(monthIndexes.every((i) => i >= 0)).toBe(true);
    expect(monthIndexes).toEqual([...new Set(monthIndexes)].sort((a, b) => a - b));
    expect(spec.roll.rollDaysBefore).toBeGreaterThan(0);
    expect(Object.isFrozen(spec)).toBe(true);
  });

  it('puts longer roots first so MGC is never read as GC (G-17)', () => {
    expect(CONTRACT_ROOTS.indexOf('MGC')).toBeLessThan(CONTRACT_ROOTS.indexOf('GC'));
    expect(CONTRACT_ROOTS.indexOf('MCL')).toBeLessThan(CONTRACT_ROOTS.indexOf('CL'));
    expect(CONTRACT_ROOTS.indexOf('SIL')).toBeLessThan(CONTRACT_ROOTS.indexOf('SI'));
  });

  it('looks roots up case-insensitively and returns undefined for strangers', () => {
    expect(findContractSpec(' mgc ')?.root).toBe('MGC');
    expect(findContractSpec('BTC')).toBeUndefined();
  });
});
