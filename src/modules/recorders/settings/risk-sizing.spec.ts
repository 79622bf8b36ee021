import { findContractSpec } from '../../../core/contracts';
import { riskSizedContracts } from './risk-sizing';

const spec = (root: string) => findContractSpec(root)!;

describe('risk sizing: contracts = floor(risk / stop distance in dollars)', () => {
  it.each([
    // root, risk USD, stop ticks, loss per contract at the stop, contracts
    ['ES', '500', 8, '8 x 12.50 = 100', 5],
    ['ES', '349.99', 10, '10 x 12.50 = 125', 2],
    ['MNQ', '200', 40, '40 x 0.50 = 20', 10],
    ['MNQ', '15', 40, '40 x 0.50 = 20 (under 1, refused unless at least 1)', 0],
    ['CL', '250', 20, '20 x 10 = 200', 1],
    ['GC', '1000', 30, '30 x 10 = 300', 3],
  ] as const)('%s risking %s USD with a %i-tick stop (%s) -> %i', (root, risk, stop, _why, contracts) => {
    const sized = riskSizedContracts({ riskDollars: risk }, stop, spec(root), null, false);
    if (contracts === 0) expect(sized).toEqual({ refused: expect.stringMatching(/less than one MNQ contract's loss at the stop \(40 ticks = 20 USD\)/) });
    else expect(sized).toEqual({ contracts });
  });

  it('under one contract trades 1 only when configured so', () => {
    expect(riskSizedContracts({ riskDollars: '50' }, 8, spec('ES'), null, true)).toEqual({ contracts: 1 });
  });

  it('risk_percent is of the account balance; without a balance it is refused', () => {
    expect(riskSizedContracts({ riskPercent: '1' }, 8, spec('ES'), '50000', false)).toEqual({ contracts: 5 });
    expect(riskSizedContracts({ riskPercent: '0.5' }, 20, spec('CL'), '100000', false)).toEqual({ contracts: 2 });
    expect(riskSizedContracts({ riskPercent: '1' }, 8, spec('ES'), null, false)).toEqual({ refused: expect.stringMatching(/risk_percent 1 needs the account balance/) });
  });

  it('no stop loss: refused (nothing to measure the risk by); no risk asked: not risk sized', () => {
    expect(riskSizedContracts({ riskDollars: '500' }, null, spec('ES'), null, false)).toEqual({ refused: expect.stringMatching(/needs a stop loss/) });
    expect(riskSizedContracts({}, 8, spec('ES'), null, false)).toBeNull();
  });
});
