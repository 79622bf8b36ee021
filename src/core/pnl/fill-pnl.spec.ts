import fc from 'fast-check';
import { ContractSpec, findContractSpec } from '../contracts';
import { addDecimal, compareDecimal, multiplyDecimal, priceToTicks, sumDecimal, ticksToPrice } from '../money';
import { openUsd, PnlFill, replayFills, totalUsd } from './fill-pnl';

const SPECS: Record<string, ContractSpec> = { ESZ6: findContractSpec('ES')!, MNQZ6: findContractSpec('MNQ')!, CLF7: findContractSpec('CL')!, GCG7: findContractSpec('GC')! };
const specOf = (c: string) => SPECS[c];
let minute = 0;
const fill = (contract: string, action: 'Buy' | 'Sell', quantity: number, price: string, ts?: string): PnlFill => ({
  contract,
  action,
  quantity,
  price,
  ts: ts ?? new Date(Date.UTC(2026, 11, 1, 15, minute++)).toISOString(),
});
const realized = (fills: PnlFill[], commission = '0') => totalUsd(replayFills(fills, commission, specOf).days.map((d) => d.realizedUsd));
const commissions = (fills: PnlFill[], commission: string) => totalUsd(replayFills(fills, commission, specOf).days.map((d) => d.commissionsUsd));

describe('P&L from fills, hand-computed', () => {
  it('ES long 2 from 5000.00 out at 5010.00: +10 points x $50 x 2 = $1000; $2.25 a side = $9 commissions', () => {
    const fills = [fill('ESZ6', 'Buy', 2, '5000.00'), fill('ESZ6', 'Sell', 2, '5010.00')];
    expect(realized(fills)).toBe('1000.00');
    expect(commissions(fills, '2.25')).toBe('9.00');
  });

  it('MNQ short 3 at 21000, 1 covered at 20990 (+$20), the other 2 at 21005 (-$20): the trade nets $0', () => {
    const open = [fill('MNQZ6', 'Sell', 3, '21000.00'), fill('MNQZ6', 'Buy', 1, '20990.00')];
    const replay = replayFills(open, '0', specOf);
    expect(totalUsd(replay.days.map((d) => d.realizedUsd))).toBe('20.00');
    // 2 still short from 21000, marked at 20995: +5 points x $2 x 2
    expect(openUsd(replay.ledgers.get('MNQZ6')!, '20995.00', SPECS.MNQZ6)).toBe('20.00');
    expect(realized([...open, fill('MNQZ6', 'Buy', 2, '21005.00')])).toBe('0.00');
  });

  it('CL long 1 at 71.00 plus a DCA add of 2 at 70.70 (average 70.80), out 3 at 71.00: +$600', () => {
    const entries = [fill('CLF7', 'Buy', 1, '71.00'), fill('CLF7', 'Buy', 2, '70.70')];
    const replay = replayFills(entries, '0', specOf);
    // 0.10 x $1000 x 3 contracts
    expect(openUsd(replay.ledgers.get('CLF7')!, '70.90', SPECS.CLF7)).toBe('300.00');
    expect(realized([...entries, fill('CLF7', 'Sell', 3, '71.00')])).toBe('600.00');
  });

  it('GC short 2 at 2000.0, DCA 1 at 2010.0, covered 1 at 1995.0 then 2 at 1990.0: +$3500, commissions $9 at $1.50', () => {
    const fills = [fill('GCG7', 'Sell', 2, '2000.0'), fill('GCG7', 'Sell', 1, '2010.0'), fill('GCG7', 'Buy', 1, '1995.0'), fill('GCG7', 'Buy', 2, '1990.0')];
    // average 2003.3333: the first cover realizes 8.3333 points x $100 = $833.33
    expect(realized(fills.slice(0, 3))).toBe('833.33');
    // whole trade: (4000 + 2010 - 1995 - 3980) = 35 points x $100
    expect(realized(fills)).toBe('3500.00');
    expect(commissions(fills, '1.50')).toBe('9.00');
  });

  it('realized P&L belongs to the trading day of the closing fill: 16:59 Chicago today, 17:00 tomorrow', () => {
    const fills = [
      fill('MNQZ6', 'Buy', 1, '21000.00', '2026-12-01T15:00:00.000Z'),
      fill('MNQZ6', 'Sell', 1, '21010.00', '2026-12-01T22:59:00.000Z'),
      fill('MNQZ6', 'Buy', 1, '21000.00', '2026-12-01T22:59:30.000Z'),
      fill('MNQZ6', 'Sell', 1, '20990.00', '2026-12-01T23:00:00.000Z'),
    ];
    expect(replayFills(fills, '0.50', specOf).days).toEqual([
      { day: '2026-12-01', realizedUsd: '20.00', commissionsUsd: '1.50', contracts: 3 },
      { day: '2026-12-02', realizedUsd: '-20.00', commissionsUsd: '0.50', contracts: 1 },
    ]);
  });
});

it('a fill the ledger cannot hold (off tick) is left out and counted, the rest still adds up', () => {
  const replay = replayFills([fill('ESZ6', 'Buy', 1, '5000.00'), fill('ESZ6', 'Sell', 1, '5000.10'), fill('ESZ6', 'Sell', 1, '5001.00')], '0', specOf);
  expect(replay.unbooked).toEqual([expect.objectContaining({ price: '5000.10' })]);
  expect(totalUsd(replay.days.map((d) => d.realizedUsd))).toBe('50.00');
});

describe('P&L property', () => {
  it('realized + open equals the mark-to-market value of every fill at the current price', () => {
    const contracts = Object.keys(SPECS);
    const aFill = fc.record({ contract: fc.constantFrom(...contracts), buy: fc.boolean(), quantity: fc.integer({ min: 1, max: 5 }), offset: fc.integer({ min: -400, max: 400 }) });
    fc.assert(
      fc.property(fc.array(aFill, { minLength: 1, maxLength: 30 }), fc.integer({ min: -400, max: 400 }), (drawn, markOffset) => {
        const base = (c: string) => priceToTicks({ ESZ6: '5000.00', MNQZ6: '21000.00', CLF7: '70.00', GCG7: '2000.0' }[c]!, SPECS[c]);
        const fills = drawn.map((d, i) => ({
          contract: d.contract,
          action: d.buy ? ('Buy' as const) : ('Sell' as const),
          quantity: d.quantity,
          price: ticksToPrice(base(d.contract) + d.offset, SPECS[d.contract]),
          ts: new Date(Date.UTC(2026, 11, 1, 12, 0, i)).toISOString(),
        }));
        const replay = replayFills(fills, '0', specOf);
        const marks = Object.fromEntries(contracts.map((c) => [c, ticksToPrice(base(c) + markOffset, SPECS[c])]));
        const open = [...replay.ledgers.entries()].map(([c, state]) => openUsd(state, marks[c], SPECS[c]));
        const total = addDecimal(sumDecimal(replay.days.map((d) => d.realizedUsd)), sumDecimal(open.length ? open : ['0']));
        const markToMarket = sumDecimal(
          fills.map((f) => {
            const spec = SPECS[f.contract];
            const signed = f.action === 'Buy' ? f.quantity : -f.quantity;
            return multiplyDecimal(spec.tickValue, String((priceToTicks(marks[f.contract], spec) - priceToTicks(f.price, spec)) * signed));
          }),
        );
        expect(compareDecimal(total, markToMarket)).toBe(0);
      }),
      { numRuns: 300, interruptAfterTimeLimit: 20_000, markInterruptAsFailure: true },
    );
  });
});
