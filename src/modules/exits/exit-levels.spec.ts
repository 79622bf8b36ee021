import { CONTRACT_SPECS, ContractSpec } from '../../core/contracts';
import { exitLevels } from './exit-levels';

const MNQ = CONTRACT_SPECS.get('MNQ') as ContractSpec;
const GC = CONTRACT_SPECS.get('GC') as ContractSpec;

describe('exit levels', () => {
  it('long: take profit above, stop loss below the average', () => {
    expect(exitLevels(2, '21000.00', 40, 20, MNQ)).toEqual({ takeProfit: '21010.00', stopLoss: '20995.00' });
  });

  it('short: take profit below, stop loss above', () => {
    expect(exitLevels(-1, '21000.00', 40, 20, MNQ)).toEqual({ takeProfit: '20990.00', stopLoss: '21005.00' });
  });

  it('an average between ticks gives levels on the tick (G-16)', () => {
    expect(exitLevels(3, '21000.083333', 4, 4, MNQ)).toEqual({ takeProfit: '21001.00', stopLoss: '20999.00' });
  });

  it('two-letter roots use their own tick (G-17: GC ticks are 0.10, not MGC or 3-letter guesses)', () => {
    expect(exitLevels(1, '2400.0', 10, 5, GC)).toEqual({ takeProfit: '2401.0', stopLoss: '2399.5' });
  });

  it('no level when not set', () => {
    expect(exitLevels(1, '21000.00', null, null, MNQ)).toEqual({ takeProfit: null, stopLoss: null });
  });
});
