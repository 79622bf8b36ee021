import fc from 'fast-check';
import {
  addDecimal,
  compareDecimal,
  divideDecimal,
  divideToInteger,
  formatDecimal,
  InvalidDecimalError,
  multiplyDecimal,
  roundDecimal,
  significantDecimals,
  subtractDecimal,
  sumDecimal,
  toDecimal,
} from './decimal';

describe('decimal', () => {
  describe('parsing', () => {
    it.each([
      ['21000.25', 2100025n, 2],
      [21000.25, 2100025n, 2],
      ['3.0', 30n, 1],
      [' 2 ', 2n, 0],
      ['-0.5', -5n, 1],
      ['+7', 7n, 0],
      ['.5', 5n, 1],
      ['5.', 5n, 0],
      [0.1, 1n, 1],
      [1e-7, 1n, 7],
      [1e21, 10n ** 21n, 0],
    ])('reads %p exactly', (input, units, scale) => {
      expect(toDecimal(input)).toEqual({ units, scale });
    });

    it.each([NaN, Infinity, -Infinity, '', '   ', '.', '-', 'abc', '1.2.3', '1,000', '1e5', '0x10', '12abc', '$5'])(
      'rejects %p with a clear error',
      (input) => {
        expect(() => toDecimal(input)).toThrow(InvalidDecimalError);
        expect(() => toDecimal(input)).toThrow(/Not a valid decimal number/);
      },
    );

    it('rejects values that are not strings or numbers', () => {
      expect(() => toDecimal(null as unknown as string)).toThrow(InvalidDecimalError);
      expect(() => toDecimal({} as unknown as string)).toThrow(InvalidDecimalError);
    });
  });

  describe('formatting', () => {
    it('trims trailing zeros down to the minimum decimals', () => {
      expect(formatDecimal('3.000')).toBe('3');
      expect(formatDecimal('3.000', { minDecimals: 2 })).toBe('3.00');
      expect(formatDecimal('15.625', { minDecimals: 2 })).toBe('15.625');
      expect(formatDecimal('-0.05')).toBe('-0.05');
      expect(formatDecimal('-0.00', { minDecimals: 2 })).toBe('0.00');
    });

    it('never uses exponent notation', () => {
      expect(formatDecimal(1e21)).toBe('1000000000000000000000');
      expect(formatDecimal(1e-7)).toBe('0.0000001');
    });

    it('rounds to the maximum decimals, ties away from zero', () => {
      expect(formatDecimal('1.123456785', { maxDecimals: 8 })).toBe('1.12345679');
      expect(formatDecimal('-1.125', { maxDecimals: 2 })).toBe('-1.13');
    });

    it('counts significant decimals', () => {
      expect(significantDecimals('0.250')).toBe(2);
      expect(significantDecimals('1')).toBe(0);
      expect(significantDecimals('0.015625')).toBe(6);
    });
  });

  describe('arithmetic', () => {
    it('adds 0.1 and 0.2 to exactly 0.3', () => {
      expect(formatDecimal(addDecimal('0.1', '0.2'))).toBe('0.3');
      expect(compareDecimal(addDecimal(0.1, 0.2), '0.3')).toBe(0);
    });

    it('subtracts, multiplies and sums exactly', () => {
      expect(formatDecimal(subtractDecimal('21000.25', '21000.5'))).toBe('-0.25');
      expect(formatDecimal(multiplyDecimal('15.625', '3'))).toBe('46.875');
      expect(formatDecimal(sumDecimal(Array(10).fill('0.1')))).toBe('1');
    });

    it('compares values of different scales', () => {
      expect(compareDecimal('3.0', 3)).toBe(0);
      expect(compareDecimal('2.99', '3')).toBe(-1);
      expect(compareDecimal('-1', '-1.5')).toBe(1);
    });

    it('divides with each rounding mode', () => {
      expect(formatDecimal(divideDecimal('10', '3', 2, 'nearest'))).toBe('3.33');
      expect(formatDecimal(divideDecimal('10', '3', 2, 'up'))).toBe('3.34');
      expect(formatDecimal(divideDecimal('-10', '3', 2, 'up'))).toBe('-3.33');
      expect(formatDecimal(divideDecimal('-10', '3', 2, 'down'))).toBe('-3.34');
      expect(formatDecimal(divideDecimal('1', '-8', 2, 'nearest'))).toBe('-0.13');
      expect(() => divideDecimal('1', '0', 2, 'nearest')).toThrow(/Division by zero/);
    });

    it('divides to a whole number only when exact', () => {
      expect(divideToInteger('21000.25', '0.25')).toBe(84001n);
      expect(divideToInteger('21000.13', '0.25')).toBeNull();
    });

    it('rounds half away from zero when nearest', () => {
      expect(formatDecimal(roundDecimal('2.5', 0, 'nearest'))).toBe('3');
      expect(formatDecimal(roundDecimal('-2.5', 0, 'nearest'))).toBe('-3');
      expect(formatDecimal(roundDecimal('2.49', 0, 'nearest'))).toBe('2');
    });
  });

  describe('properties', () => {
    const cents = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n });

    it('format then parse round-trips', () => {
      fc.assert(
        fc.property(cents, fc.integer({ min: 0, max: 12 }), (units, scale) => {
          const value = { units, scale };
          expect(compareDecimal(toDecimal(formatDecimal(value)), value)).toBe(0);
        }),
      );
    });

    it('(a + b) - b equals a', () => {
      fc.assert(
        fc.property(cents, cents, (a, b) => {
          const x = { units: a, scale: 2 };
          const y = { units: b, scale: 3 };
          expect(compareDecimal(subtractDecimal(addDecimal(x, y), y), x)).toBe(0);
        }),
      );
    });
  });
});
