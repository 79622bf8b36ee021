import {
  ContractSymbolError,
  contractRoot,
  resolveContract,
  resolveContractName,
  tryResolveContract,
  UnknownContractError,
} from './symbol-resolver';

const NOV_30_2026 = new Date('2026-11-30T15:00:00Z');
const DEC_15_2026 = new Date('2026-12-15T15:00:00Z');
const nameOf = (raw: string, now = NOV_30_2026): string => resolveContract(raw, now).name;

describe('symbol resolver', () => {
  describe('every accepted spelling of MNQ', () => {
    it.each([
      'MNQ1!',
      'CME_MINI:MNQ1!',
      'CME_MINI_DL:MNQ1!',
      'MNQZ2026',
      'MNQZ26',
      'MNQZ6',
      'mnqz6',
      '  MNQZ6  ',
      'MNQ',
      'cme_mini:mnq1!',
    ])('%p on 2026-11-30 is MNQZ6', (raw) => {
      const contract = resolveContract(raw, NOV_30_2026);
      expect(contract).toMatchObject({ root: 'MNQ', monthCode: 'Z', year: 2026, name: 'MNQZ6' });
      expect(contract.spec.tickValue).toBe('0.50');
    });

    it('MNQ2! is the contract after the front month', () => {
      expect(nameOf('MNQ2!')).toBe('MNQH7');
    });

    it('MNQ1! follows the roll', () => {
      expect(resolveContract('MNQ1!', DEC_15_2026)).toMatchObject({ name: 'MNQH7', year: 2027 });
      expect(nameOf('MNQ', DEC_15_2026)).toBe('MNQH7');
    });
  });

  describe('other products', () => {
    it.each([
      ['GC1!', 'GCG7'],
      ['COMEX:GC1!', 'GCG7'],
      ['CL1!', 'CLF7'],
      ['NYMEX:CL1!', 'CLF7'],
      ['6E1!', '6EZ6'],
      ['M2K1!', 'M2KZ6'],
      ['ZN1!', 'ZNH7'],
      ['NG1!', 'NGF7'],
      ['SI1!', 'SIH7'],
      ['HG2!', 'HGK7'],
    ])('%s on 2026-11-30 is %s', (raw, expected) => {
      expect(nameOf(raw)).toBe(expected);
    });
  });

  describe('two-letter roots are never confused with three-letter ones (G-17)', () => {
    it.each([
      ['GCG7', 'GC', '10.00', 'GCG7'],
      ['MGCG7', 'MGC', '1.00', 'MGCG7'],
      ['MGC1!', 'MGC', '1.00', 'MGCG7'],
      ['CLF7', 'CL', '10.00', 'CLF7'],
      ['MCLF7', 'MCL', '1.00', 'MCLF7'],
      ['MCL1!', 'MCL', '1.00', 'MCLF7'],
      ['SIZ6', 'SI', '25.00', 'SIZ6'],
      ['SILZ6', 'SIL', '5.00', 'SILZ6'],
      ['NGF7', 'NG', '10.00', 'NGF7'],
      ['HGZ6', 'HG', '12.50', 'HGZ6'],
      ['ZBZ6', 'ZB', '31.25', 'ZBZ6'],
      ['6EZ6', '6E', '6.25', '6EZ6'],
      ['ESZ6', 'ES', '12.50', 'ESZ6'],
      ['MESZ6', 'MES', '1.25', 'MESZ6'],
    ])('%s is %s at $%s a tick (%s)', (raw, root, tickValue, name) => {
      const contract = resolveContract(raw, NOV_30_2026);
      expect(contract.root).toBe(root);
      expect(contract.spec.tickValue).toBe(tickValue);
      expect(contract.name).toBe(name);
    });
  });

  describe('single- and two-digit years', () => {
    it.each([
      ['MNQH6', NOV_30_2026, 2026], // expired 8 months ago, still this decade
      ['MNQZ5', NOV_30_2026, 2025], // 11 months ago
      ['MNQH5', NOV_30_2026, 2035], // more than a year ago, so the next decade
      ['MNQH7', NOV_30_2026, 2027],
      ['MNQZ6', new Date('2029-06-01T00:00:00Z'), 2036],
      ['MNQH0', new Date('2029-12-01T00:00:00Z'), 2030],
      ['MNQH27', NOV_30_2026, 2027],
      ['MNQH99', new Date('2099-06-01T00:00:00Z'), 2099],
    ])('%s at %s is %i', (raw, now, year) => {
      expect(resolveContract(raw, now).year).toBe(year);
    });
  });

  describe('errors a trader can act on', () => {
    it('names the symbol and the contract table for an unknown root', () => {
      for (const raw of ['XYZ1!', 'BTC1!', 'ESTX50', 'AAPL']) {
        expect(() => resolveContract(raw, NOV_30_2026)).toThrow(UnknownContractError);
        expect(() => resolveContract(raw, NOV_30_2026)).toThrow(
          new RegExp(`"${raw}".*not in the contract table`),
        );
      }
    });

    it('UnknownContractError is an Error and a ContractSymbolError', () => {
      const error = (() => {
        try {
          resolveContract('XYZ1!', NOV_30_2026);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(Error);
      expect(error).toBeInstanceOf(ContractSymbolError);
      expect((error as UnknownContractError).symbol).toBe('XYZ1!');
    });

    it.each([
      ['MNQF6', /month code F is not listed for MNQ/],
      ['GCH7', /month code H is not listed for GC/],
      ['SILF7', /month code F is not listed for SIL/],
      ['MNQ3!', /unsupported suffix "3!"/],
      ['MNQZ202', /unsupported suffix "Z202"/],
      ['MNQA6', /unsupported suffix "A6"/],
      ['', /empty/],
      ['CME MINI:MNQ1!', /exchange prefix/],
    ])('%p is rejected: %s', (raw, message) => {
      expect(() => resolveContract(raw, NOV_30_2026)).toThrow(ContractSymbolError);
      expect(() => resolveContract(raw, NOV_30_2026)).toThrow(message);
      expect(() => resolveContract(raw, NOV_30_2026)).not.toThrow(UnknownContractError);
    });
  });

  describe('tryResolveContract', () => {
    it('returns null instead of throwing for symbols we cannot trade', () => {
      expect(tryResolveContract('XYZ1!', NOV_30_2026)).toBeNull();
      expect(tryResolveContract('MNQF6', NOV_30_2026)).toBeNull();
      expect(tryResolveContract('MNQ1!', NOV_30_2026)?.name).toBe('MNQZ6');
    });
  });

  describe('contractRoot', () => {
    it('finds the root of any spelling without a clock', () => {
      expect(contractRoot('COMEX:MGCG6')).toBe('MGC');
      expect(contractRoot('GCZ6')).toBe('GC'); // a 3-character slice would say "GCZ"
      expect(contractRoot('cl1!')).toBe('CL');
      expect(contractRoot('6E')).toBe('6E');
      expect(() => contractRoot('XYZ')).toThrow(UnknownContractError);
    });
  });

  describe('resolveContractName (Tradovate names from positions)', () => {
    it('parses root, month and year back', () => {
      expect(resolveContractName('MNQZ6', NOV_30_2026)).toMatchObject({ root: 'MNQ', monthCode: 'Z', year: 2026 });
      expect(resolveContractName('MGCG7', NOV_30_2026)).toMatchObject({ root: 'MGC', year: 2027 });
      expect(resolveContractName('6EH7', NOV_30_2026).spec.tickSize).toBe('0.00005');
    });

    it('accepts only the Tradovate form', () => {
      expect(() => resolveContractName('MNQ1!', NOV_30_2026)).toThrow(/not a Tradovate contract name/);
      expect(() => resolveContractName('MNQZ26', NOV_30_2026)).toThrow(/not a Tradovate contract name/);
      expect(() => resolveContractName('MNQF6', NOV_30_2026)).toThrow(/not listed/);
      expect(() => resolveContractName('XYZZ6', NOV_30_2026)).toThrow(UnknownContractError);
    });

    it('round-trips every resolved name', () => {
      for (const raw of ['MNQ1!', 'GC1!', 'CL2!', '6E1!', 'ZB1!', 'SIL1!', 'M2K2!']) {
        const contract = resolveContract(raw, NOV_30_2026);
        expect(resolveContractName(contract.name, NOV_30_2026)).toEqual(contract);
      }
    });
  });
});
