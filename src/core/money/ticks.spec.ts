import fc from 'fast-check';
import { findContractSpec, type ContractSpec } from '../contracts/contract-specs';
import { compareDecimal, multiplyDecimal, subtractDecimal } from './decimal';
import {
  addTicks,
  averagePrice,
  isOnTick,
  OffTickPriceError,
  pnlTicks,
  pnlUsd,
  pointValueUsd,
  priceDecimals,
  priceToTicks,
  roundPriceToTick,
  sumUsd,
  ticksToPrice,
  ticksToUsd,
} from './ticks';

const spec = (root: string): ContractSpec => {
  const found = findContractSpec(root);
  if (!found) throw new Error(`test needs ${root} in the contract table`);
  return found;
};
const MNQ = spec('MNQ');
const ES = spec('ES');
const YM = spec('YM');
const CL = spec('CL');
const GC = spec('GC');
const ZN = spec('ZN');
const ZB = spec('ZB');
const SIXE = spec('6E');

describe('tick math', () => {
  describe('priceToTicks', () => {
    it('counts ticks exactly, from strings and numbers', () => {
      expect(priceToTicks('21000.25', MNQ)).toBe(84001);
      expect(priceToTicks(21000.25, MNQ)).toBe(84001);
      expect(priceToTicks('71.23', CL)).toBe(7123);
      expect(priceToTicks('110.015625', ZN)).toBe(7041);
      expect(priceToTicks('1.08525', SIXE)).toBe(21705);
      expect(priceToTicks('-37.63', CL)).toBe(-3763);
    });

    it('throws on a price between ticks, naming the price and the tick size', () => {
      expect(() => priceToTicks('21000.13', MNQ)).toThrow(OffTickPriceError);
      expect(() => priceToTicks('21000.13', MNQ)).toThrow(/21000\.13.*tick size 0\.25/);
      expect(() => priceToTicks('110.01', ZN)).toThrow(/110\.01.*tick size 0\.015625/);
    });

    it('tells on-tick from off-tick prices', () => {
      expect(isOnTick('2650.1', GC)).toBe(true);
      expect(isOnTick('2650.15', GC)).toBe(false);
    });
  });

  describe('ticksToPrice', () => {
    it("prints exactly the tick size's decimals", () => {
      expect(ticksToPrice(84001, MNQ)).toBe('21000.25');
      expect(ticksToPrice(84000, ES)).toBe('21000.00');
      expect(ticksToPrice(42000, YM)).toBe('42000');
      expect(ticksToPrice(7123, CL)).toBe('71.23');
      expect(ticksToPrice(21705, SIXE)).toBe('1.08525');
      expect(ticksToPrice(7041, ZN)).toBe('110.015625');
      expect(ticksToPrice(26501, GC)).toBe('2650.1');
      expect(priceDecimals(ZB)).toBe(5);
    });

    it('rejects a fractional tick count', () => {
      expect(() => ticksToPrice(1.5, MNQ)).toThrow(/whole number/);
    });
  });

  describe('roundPriceToTick (G-16)', () => {
    it.each([
      ['21000.13', 'nearest', '21000.25'],
      ['21000.12', 'nearest', '21000.00'],
      ['21000.125', 'nearest', '21000.25'],
      ['21000.13', 'down', '21000.00'],
      ['21000.01', 'up', '21000.25'],
      ['21000.25', 'up', '21000.25'],
      ['21000.25', 'down', '21000.25'],
    ] as const)('MNQ %s rounded %s is %s', (price, mode, expected) => {
      expect(roundPriceToTick(price, MNQ, mode)).toBe(expected);
    });

    it('defaults to nearest and accepts numbers', () => {
      expect(roundPriceToTick(21000.13, MNQ)).toBe('21000.25');
    });

    it('rounds a fractional DCA average onto the grid of each product', () => {
      expect(roundPriceToTick('2650.1666', GC)).toBe('2650.2');
      expect(roundPriceToTick('71.2349', CL)).toBe('71.23');
      expect(roundPriceToTick('110.02', ZN)).toBe('110.015625');
      expect(roundPriceToTick('1.08527', SIXE, 'up')).toBe('1.08530');
    });

    it('rounds negative prices toward the named infinity', () => {
      expect(roundPriceToTick('-37.635', CL, 'down')).toBe('-37.64');
      expect(roundPriceToTick('-37.635', CL, 'up')).toBe('-37.63');
    });
  });

  describe('addTicks', () => {
    it('moves an on-tick price by signed ticks', () => {
      expect(addTicks('21000.00', 8, MNQ)).toBe('21002.00');
      expect(addTicks('2650.1', -25, GC)).toBe('2647.6');
      expect(addTicks('110', 3, ZN)).toBe('110.046875');
    });

    it('refuses an off-tick start so a target never lands between ticks', () => {
      expect(() => addTicks('21000.1', 4, MNQ)).toThrow(OffTickPriceError);
    });
  });

  describe('P&L', () => {
    it('gives signed ticks per contract for both sides', () => {
      expect(pnlTicks('LONG', '21000.00', '21002.50', MNQ)).toBe(10);
      expect(pnlTicks('SHORT', '21000.00', '21002.50', MNQ)).toBe(-10);
      expect(pnlTicks('SHORT', '71.50', '71.20', CL)).toBe(30);
    });

    it('converts ticks to exact dollars', () => {
      expect(ticksToUsd(10, 3, MNQ)).toBe('15.00');
      expect(ticksToUsd(1, 1, ZN)).toBe('15.625');
      expect(ticksToUsd(-30, 2, CL)).toBe('-600.00');
      expect(ticksToUsd(0, 5, ES)).toBe('0.00');
    });

    it('prices P&L from an off-tick average entry exactly', () => {
      expect(pnlUsd('LONG', '21000.125', '21001.00', 3, MNQ)).toBe('5.25');
      expect(pnlUsd('SHORT', '2650.15', '2649.1', 2, GC)).toBe('210.00');
    });

    it('knows every point value from the table', () => {
      expect(pointValueUsd(MNQ)).toBe('2.00');
      expect(pointValueUsd(spec('MYM'))).toBe('0.50');
      expect(pointValueUsd(SIXE)).toBe('125000.00');
    });

    it('sums dollars without float drift', () => {
      expect(sumUsd(['0.1', '0.2'])).toBe('0.30');
      expect(sumUsd(Array(1000).fill('0.10'))).toBe('100.00');
      expect(sumUsd([])).toBe('0.00');
    });
  });

  describe('averagePrice', () => {
    it('weights by quantity and keeps the exact value', () => {
      expect(averagePrice([{ price: '21000.00', quantity: 1 }, { price: '21000.25', quantity: 1 }], MNQ)).toBe(
        '21000.125',
      );
      expect(averagePrice([{ price: '21000.25', quantity: 2 }], MNQ)).toBe('21000.25');
      expect(averagePrice([{ price: '21000', quantity: 2 }], ES)).toBe('21000.00');
    });

    it('rounds a repeating average to 8 decimals', () => {
      const fills = [
        { price: '2650.1', quantity: 1 },
        { price: '2650.2', quantity: 1 },
        { price: '2650.2', quantity: 1 },
      ];
      expect(averagePrice(fills, GC)).toBe('2650.16666667');
    });

    it('rejects empty fills and bad quantities', () => {
      expect(() => averagePrice([], MNQ)).toThrow(/no fills/);
      expect(() => averagePrice([{ price: '1', quantity: 0 }], MNQ)).toThrow(/positive whole number/);
      expect(() => averagePrice([{ price: '1', quantity: 1.5 }], MNQ)).toThrow(/positive whole number/);
    });
  });

  describe('properties', () => {
    const tickCount = fc.integer({ min: -10_000_000, max: 10_000_000 });
    const anySpec = fc.constantFrom(MNQ, ES, YM, CL, GC, ZN, ZB, SIXE, spec('NG'), spec('HG'), spec('SI'));

    it('ticksToPrice then priceToTicks round-trips for every product', () => {
      fc.assert(
        fc.property(tickCount, anySpec, (ticks, s) => {
          expect(priceToTicks(ticksToPrice(ticks, s), s)).toBe(ticks);
        }),
      );
    });

    it('rounding is idempotent and lands within half a tick', () => {
      fc.assert(
        fc.property(fc.integer({ min: -1e9, max: 1e9 }), anySpec, (hundredMillionths, s) => {
          const raw = (hundredMillionths / 1e4).toFixed(4);
          const rounded = roundPriceToTick(raw, s);
          expect(roundPriceToTick(rounded, s)).toBe(rounded);
          expect(isOnTick(rounded, s)).toBe(true);
          // |rounded - raw| * 2 <= tick size
          const distance = subtractDecimal(rounded, raw);
          const twice = multiplyDecimal(compareDecimal(distance, 0) < 0 ? subtractDecimal(0, distance) : distance, 2);
          expect(compareDecimal(twice, s.tickSize)).toBeLessThanOrEqual(0);
          const down = roundPriceToTick(raw, s, 'down');
          const up = roundPriceToTick(raw, s, 'up');
          expect(compareDecimal(down, raw)).toBeLessThanOrEqual(0);
          expect(compareDecimal(up, raw)).toBeGreaterThanOrEqual(0);
          // down and up are the two ticks around raw (the same tick when raw is on one)
          expect(compareDecimal(subtractDecimal(up, down), s.tickSize)).toBeLessThanOrEqual(0);
        }),
      );
    });

    it('summing many trade P&Ls equals the P&L of the summed ticks (no drift)', () => {
      const trade = fc.tuple(fc.integer({ min: -5000, max: 5000 }), fc.integer({ min: 1, max: 50 }));
      fc.assert(
        fc.property(fc.array(trade, { maxLength: 200 }), anySpec, (trades, s) => {
          const perTrade = trades.map(([ticks, qty]) => ticksToUsd(ticks, qty, s));
          const totalTicks = trades.reduce((sum, [ticks, qty]) => sum + ticks * qty, 0);
          expect(sumUsd(perTrade)).toBe(ticksToUsd(totalTicks, 1, s));
        }),
      );
    });

    it('a long and a short over the same prices mirror each other', () => {
      fc.assert(
        fc.property(tickCount, tickCount, (entry, exit) => {
          const a = ticksToPrice(entry, ZN);
          const b = ticksToPrice(exit, ZN);
          expect(pnlTicks('LONG', a, b, ZN)).toBe(exit - entry);
          expect(pnlTicks('SHORT', a, b, ZN) + pnlTicks('LONG', a, b, ZN)).toBe(0);
        }),
      );
    });
  });
});
