import { wilderAtr } from './atr';
import { BarSeries } from './bar-series';

const at = (s: number) => Date.parse('2026-11-30T15:00:00.000Z') + s * 1000;

describe('bars from a price stream', () => {
  it('groups prices into epoch-aligned bars; a bar counts once a later bar starts', () => {
    const bars = new BarSeries(60);
    bars.add('100.00', at(0));
    bars.add('101.50', at(20));
    bars.add('99.75', at(40));
    bars.add('100.25', at(59));
    expect(bars.completed()).toEqual([]);
    bars.add('102.00', at(60));
    expect(bars.completed()).toEqual([{ startMs: at(0), open: '100.00', high: '101.50', low: '99.75', close: '100.25' }]);
  });

  it('a late price never rewrites a closed bar; a quiet minute makes no bar', () => {
    const bars = new BarSeries(60);
    bars.add('100', at(0));
    bars.add('101', at(61));
    bars.add('90', at(30)); // late
    bars.add('102', at(200)); // minutes 2 missing
    expect(bars.completed().map((b) => [b.low, b.high])).toEqual([['100', '100'], ['101', '101']]);
  });

  it('feeds the ATR: three one-price bars 100, 102, 101 give true ranges 0, 2, 1 and ATR(2) = (1 x 1 + 1) / 2 = 1', () => {
    const bars = new BarSeries(15);
    ['100', '102', '101', '101'].forEach((p, i) => bars.add(p, at(i * 15)));
    // first ATR(2) = (0 + 2) / 2 = 1; then (1 x 1 + 1) / 2 = 1
    expect(wilderAtr(bars.completed(), 2)).toBe('1');
  });
});
