import { AlertParseError } from '../parsed-alert';
import {
  isZeroLike,
  readBoolean,
  readFiredAt,
  readInteger,
  readPrice,
  readQuantity,
  readTicks,
  toFields,
} from './value-readers';

describe('value readers', () => {
  it.each([[3, 3], ['3', 3], [' 3 ', 3], ['3.0', 3], ['3.', 3], ['+3', 3], ['', null], [null, null], [undefined, null]])(
    'row 16: readInteger(%j) = %p',
    (raw, expected) => {
      expect(readInteger('quantity', raw)).toBe(expected);
    },
  );

  it.each([['2.5'], [2.5], ['-1'], [-2], ['1e3'], ['3 contracts'], [true], [{}], ['{{strategy.order.contracts}}']])(
    'readInteger(%j) is refused with the field named',
    (raw) => {
      expect(() => readInteger('quantity', raw)).toThrow(AlertParseError);
      try {
        readInteger('quantity', raw);
      } catch (error) {
        expect((error as AlertParseError).field).toBe('quantity');
      }
    },
  );

  it('signed sizes keep their sign; -0 is 0', () => {
    expect(readInteger('position_size', '-2', { signed: true })).toBe(-2);
    expect(readInteger('position_size', '-0', { signed: true })).toBe(0);
  });

  it('G-8: an explicit quantity 1 stays 1; 0 means "not given" with a warning', () => {
    const warnings: string[] = [];
    expect(readQuantity('qty', '1', warnings)).toBe(1);
    expect(readQuantity('qty', 0, warnings)).toBeNull();
    expect(warnings).toEqual([expect.stringMatching(/qty is 0/)]);
  });

  it.each([
    [21000.25, '21000.25'], ['21000.25', '21000.25'], [' 21000.50 ', '21000.50'], ['+5.25', '5.25'],
    ['.5', '0.5'], ['7.', '7'], ['-37.63', '-37.63'], [4321, '4321'],
  ])('readPrice(%j) = %s, never through a float', (raw, expected) => {
    expect(readPrice('price', raw)).toBe(expected);
  });

  it.each([['21,000.25'], ['n/a'], ['.'], ['{{close}}'], [[1]]])('readPrice(%j) is refused', (raw) => {
    expect(() => readPrice('price', raw)).toThrow(/price/);
  });

  it('ticks: 0 means no override; fractions and negatives are refused', () => {
    expect(readTicks('tp', '0')).toBeNull();
    expect(readTicks('tp', 16)).toBe(16);
    expect(() => readTicks('tp', '12.5')).toThrow(AlertParseError);
    expect(() => readTicks('sl', -4)).toThrow(AlertParseError);
  });

  it('fire times: ISO-8601 kept (normalised), anything else warned and null', () => {
    const warnings: string[] = [];
    expect(readFiredAt('time', '2025-03-14T14:30:05Z', warnings)).toBe('2025-03-14T14:30:05.000Z');
    expect(readFiredAt('time', '2025-03-14T15:30:05+01:00', warnings)).toBe('2025-03-14T14:30:05.000Z');
    expect(warnings).toEqual([]);
    for (const bad of ['2025-03-14', '1710426605', 1710426605000, '2025-13-01T00:00:00Z', '{{timenow}}']) {
      expect(readFiredAt('time', bad, warnings)).toBeNull();
    }
    expect(warnings).toHaveLength(5);
  });

  it('booleans as true/"true"; zero-like values are PickMyTrade "off"', () => {
    expect(readBoolean('update_sl', true)).toBe(true);
    expect(readBoolean('update_sl', 'TRUE')).toBe(true);
    expect(readBoolean('update_sl', 'false')).toBe(false);
    expect(readBoolean('update_sl', '')).toBe(false);
    expect(() => readBoolean('update_sl', 'maybe')).toThrow(/true or false/);
    for (const off of [0, '0', '0.0', false, 'false', '', undefined]) expect(isZeroLike(off)).toBe(true);
    for (const on of [1, '2', 'true', '21000.25']) expect(isZeroLike(on)).toBe(false);
  });

  it('keys are lower-cased; an exact lower-case key beats a differently-cased duplicate', () => {
    const fields = toFields({ Action: 'sell', action: 'buy', TICKER: 'MNQ1!' });
    expect(fields.get('action')).toBe('buy');
    expect(fields.get('ticker')).toBe('MNQ1!');
  });
});
