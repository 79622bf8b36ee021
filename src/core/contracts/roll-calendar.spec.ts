import fc from 'fast-check';
import { CONTRACT_SPECS, type ContractSpec } from './contract-specs';
import { contractDeadline, type ContractMonth, frontMonth, monthCodeOf, monthNumber, rollDate } from './roll-calendar';

const spec = (root: string): ContractSpec => CONTRACT_SPECS.get(root) as ContractSpec;
const at = (iso: string): Date => new Date(iso.length === 10 ? `${iso}T15:00:00Z` : iso);
const day = (date: Date): string => date.toISOString().slice(0, 10);
const name = (root: string, c: ContractMonth): string => `${root}${c.monthCode}${c.year % 10}`;
const front = (root: string, iso: string, position = 1): string =>
  name(root, frontMonth(spec(root), at(iso), position));

describe('roll calendar', () => {
  describe('deadlines and roll dates per product group', () => {
    it.each([
      // equity index: third Friday, roll the Thursday 8 days earlier
      ['MNQ', 'Z', 2026, '2026-12-18', '2026-12-10'],
      ['ES', 'H', 2026, '2026-03-20', '2026-03-12'],
      // 6E: two business days before the third Wednesday
      ['6E', 'Z', 2026, '2026-12-14', '2026-12-07'],
      // Treasuries: first notice day = last business day of the prior month
      ['ZN', 'Z', 2026, '2026-11-30', '2026-11-23'],
      ['ZB', 'H', 2027, '2027-02-26', '2027-02-19'],
      // crude: 3 (MCL 4) business days before the 25th of the prior month
      ['CL', 'Z', 2026, '2026-11-20', '2026-11-15'],
      ['MCL', 'Z', 2026, '2026-11-19', '2026-11-14'],
      ['CL', 'K', 2026, '2026-04-21', '2026-04-16'], // 25 April 2026 is a Saturday
      ['MCL', 'K', 2026, '2026-04-20', '2026-04-15'],
      // NG: 3 business days before the 1st of the contract month
      ['NG', 'F', 2027, '2026-12-29', '2026-12-24'],
      // metals: first notice day = last business day of the prior month
      ['GC', 'G', 2027, '2027-01-29', '2027-01-26'],
      ['GC', 'Z', 2026, '2026-11-30', '2026-11-27'],
    ])('%s%s %i: deadline %s, roll %s', (root, monthCode, year, deadline, roll) => {
      expect(day(contractDeadline(spec(root), { monthCode, year }))).toBe(deadline);
      expect(day(rollDate(spec(root), { monthCode, year }))).toBe(roll);
    });
  });

  describe('front month (1!) and next (2!)', () => {
    it('MNQ stays on December until the Thursday roll, then moves to March', () => {
      expect(front('MNQ', '2026-11-30')).toBe('MNQZ6');
      expect(front('MNQ', '2026-11-30', 2)).toBe('MNQH7');
      expect(front('MNQ', '2026-12-09T23:59:59Z')).toBe('MNQZ6');
      expect(front('MNQ', '2026-12-10T00:00:00Z')).toBe('MNQH7');
      expect(front('MNQ', '2026-12-15')).toBe('MNQH7');
      expect(front('MNQ', '2026-12-15', 2)).toBe('MNQM7');
    });

    it('crosses the year end', () => {
      expect(front('ES', '2026-12-31')).toBe('ESH7');
      expect(front('CL', '2026-12-31')).toBe('CLG7');
      expect(front('NG', '2026-12-24')).toBe('NGG7');
      expect(front('NG', '2026-12-23')).toBe('NGF7');
    });

    it('rolls crude a month ahead of the contract month', () => {
      expect(front('CL', '2026-11-14')).toBe('CLZ6');
      expect(front('CL', '2026-11-15')).toBe('CLF7');
      expect(front('CL', '2026-11-15', 2)).toBe('CLG7');
      expect(front('MCL', '2026-11-14')).toBe('MCLF7');
    });

    it('walks metals through their listed months only', () => {
      expect(front('GC', '2026-11-26')).toBe('GCZ6');
      expect(front('GC', '2026-11-27')).toBe('GCG7');
      expect(front('GC', '2026-11-27', 2)).toBe('GCJ7');
      expect(front('SI', '2026-11-30')).toBe('SIH7');
      expect(front('HG', '2026-06-01')).toBe('HGN6');
    });

    it('rolls Treasuries and 6E before delivery and expiry', () => {
      expect(front('ZN', '2026-11-22')).toBe('ZNZ6');
      expect(front('ZN', '2026-11-23')).toBe('ZNH7');
      expect(front('6E', '2026-12-06')).toBe('6EZ6');
      expect(front('6E', '2026-12-07')).toBe('6EH7');
    });

    it('rejects a bad position or date', () => {
      expect(() => frontMonth(spec('ES'), at('2026-01-01'), 0)).toThrow(RangeError);
      expect(() => frontMonth(spec('ES'), new Date('garbage'))).toThrow(RangeError);
    });
  });

  describe('month codes', () => {
    it('maps codes and numbers both ways', () => {
      expect(monthNumber('F')).toBe(1);
      expect(monthNumber('z')).toBe(12);
      expect(monthCodeOf(6)).toBe('M');
      expect(() => monthNumber('A')).toThrow(/not a futures month code/);
      expect(() => monthCodeOf(13)).toThrow(RangeError);
    });
  });

  describe('properties over any date and product', () => {
    const anyDate = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true });
    const anySpec = fc.constantFrom(...CONTRACT_SPECS.values());
    const utcDay = (d: Date): number => Math.floor(d.getTime() / 86_400_000);

    it('the front month has not rolled yet and the listed contract before it has', () => {
      fc.assert(
        fc.property(anyDate, anySpec, (now, s) => {
          const first = frontMonth(s, now);
          const second = frontMonth(s, now, 2);
          expect(s.months).toContain(first.monthCode);
          expect(utcDay(rollDate(s, first))).toBeGreaterThan(utcDay(now));
          expect(rollDate(s, second).getTime()).toBeGreaterThan(rollDate(s, first).getTime());
          expect(contractDeadline(s, first).getTime()).toBeGreaterThan(rollDate(s, first).getTime());
          const index = s.months.indexOf(first.monthCode);
          const previous =
            index > 0
              ? { monthCode: s.months[index - 1], year: first.year }
              : { monthCode: s.months[s.months.length - 1], year: first.year - 1 };
          expect(utcDay(rollDate(s, previous))).toBeLessThanOrEqual(utcDay(now));
        }),
      );
    });

    it('every deadline falls on a business day', () => {
      fc.assert(
        fc.property(fc.integer({ min: 2000, max: 2099 }), anySpec, (year, s) => {
          for (const monthCode of s.months) {
            const weekday = contractDeadline(s, { monthCode, year }).getUTCDay();
            expect(weekday).toBeGreaterThanOrEqual(1);
            expect(weekday).toBeLessThanOrEqual(5);
          }
        }),
      );
    });
  });
});
