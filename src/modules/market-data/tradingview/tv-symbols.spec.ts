import { tvSubscriptionFor } from './tv-symbols';

const NOW = new Date('2026-11-30T15:00:00Z');

describe('TradingView symbols of a recorder', () => {
  it.each([
    ['MNQ1!', 'CME_MINI:MNQ1!', 'MNQZ6'],
    ['mes1!', 'CME_MINI:MES1!', 'MESZ6'],
    ['CME_MINI:NQ1!', 'CME_MINI:NQ1!', 'NQZ6'],
    ['YM1!', 'CBOT_MINI:YM1!', 'YMZ6'],
    ['GC1!', 'COMEX:GC1!', 'GCG7'],
    ['CL1!', 'NYMEX:CL1!', 'CLF7'],
    ['MNQZ6', 'CME_MINI:MNQZ2026', 'MNQZ6'],
    ['MNQ', 'CME_MINI:MNQZ2026', 'MNQZ6'],
  ])('%s streams as %s and prices %s', (symbol, tvSymbol, contract) => {
    expect(tvSubscriptionFor(symbol, NOW)).toEqual({ tvSymbol, contract });
  });

  it('refuses a symbol outside the contract table', () => {
    expect(() => tvSubscriptionFor('AAPL', NOW)).toThrow('Unknown contract');
  });
});
