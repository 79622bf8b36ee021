import { specForContract } from '../positions/spec-for-contract';
import { afterRestart, decideAdd, freshLadder, LadderInput, markPending, settleAdd, triggerPrice } from './dca-ladder';
import { DcaLevel, DcaSettings } from './dca-settings';

const MNQ = specForContract('MNQZ6'); // tick 0.25
const noAtr = () => null;
const ticks = (value: number, quantity = 1): DcaLevel => ({ trigger: 'TICKS', value, quantity });
const settings = (over: Partial<DcaSettings> = {}): DcaSettings => ({ enabled: true, levels: [ticks(8), ticks(16)], maxAdds: null, capMode: 'partial', maxQuantity: null, retryRejected: false, ...over });
const input = (over: Partial<LadderInput> = {}): LadderInput => ({
  settings: settings(),
  state: freshLadder('p1'),
  netPos: 1,
  avgPrice: '21000.00',
  price: '21000.00',
  spec: MNQ,
  quantityOf: (l) => l.quantity,
  cap: null,
  atrOf: noAtr,
  ...over,
});

describe('DCA trigger prices, measured against the average entry', () => {
  it('TICKS: 8 ticks under a long average of 21000.00 is 20998.00; over a short, 21002.00', () => {
    expect(triggerPrice(ticks(8), 'LONG', '21000.00', MNQ, noAtr)).toBe('20998.00');
    expect(triggerPrice(ticks(8), 'SHORT', '21000.00', MNQ, noAtr)).toBe('21002.00');
  });

  it('an off-tick average (after an add) rounds to the first whole tick at or past the distance', () => {
    // 20999.125 - 2.00 = 20997.125 -> down to 20997.00 for a long; 20999.125 + 2.00 = 21001.125 -> up to 21001.25 for a short
    expect(triggerPrice(ticks(8), 'LONG', '20999.125', MNQ, noAtr)).toBe('20997.00');
    expect(triggerPrice(ticks(8), 'SHORT', '20999.125', MNQ, noAtr)).toBe('21001.25');
  });

  it('PERCENT: 0.1 % of 20000.00 is 20 points (19980.00); 0.05 % of 21000.50 is 10.50025 (20989.75 after rounding down)', () => {
    expect(triggerPrice({ trigger: 'PERCENT', value: '0.1', quantity: 1 }, 'LONG', '20000.00', MNQ, noAtr)).toBe('19980.00');
    expect(triggerPrice({ trigger: 'PERCENT', value: '0.05', quantity: 1 }, 'LONG', '21000.50', MNQ, noAtr)).toBe('20989.75');
  });

  it('ATR: k x ATR(n) of its own timeframe; nothing while the ATR warms up', () => {
    const level: DcaLevel = { trigger: 'ATR', value: '1.5', atrPeriod: 3, atrTimeframeSec: 300, quantity: 1 };
    const asked: number[][] = [];
    const atrOf = (period: number, tf: number) => (asked.push([period, tf]), '2.19444445');
    // 1.5 x 2.19444445 = 3.291666675: 21000 - 3.291666675 = 20996.708333325 -> 20996.50
    expect(triggerPrice(level, 'LONG', '21000.00', MNQ, atrOf)).toBe('20996.50');
    expect(asked).toEqual([[3, 300]]);
    expect(triggerPrice(level, 'LONG', '21000.00', MNQ, noAtr)).toBeNull();
    expect(decideAdd(input({ settings: settings({ levels: [level] }), price: '20000.00' }))).toEqual({ kind: 'none', reason: 'ATR warming up' });
  });
});

describe('DCA ladder decisions', () => {
  it('fires the next level only once the price reaches it, adding its quantity', () => {
    expect(decideAdd(input({ price: '20998.25' })).kind).toBe('none');
    expect(decideAdd(input({ price: '20998.00' }))).toEqual({ kind: 'add', level: 0, attempt: 1, quantity: 1, triggerPrice: '20998.00' });
    // a short's level is above its average
    expect(decideAdd(input({ netPos: -1, price: '21002.00' }))).toMatchObject({ kind: 'add', level: 0 });
    expect(decideAdd(input({ netPos: -1, price: '20990.00' })).kind).toBe('none');
  });

  it('levels go in order and a done level never fires again', () => {
    const state = { ...freshLadder('p1'), filled: [0] };
    // level 2 is 16 ticks under the (new) average 20999.00: 20995.00
    expect(decideAdd(input({ state, avgPrice: '20999.00', netPos: 2, price: '20995.25' })).kind).toBe('none');
    expect(decideAdd(input({ state, avgPrice: '20999.00', netPos: 2, price: '20995.00' }))).toMatchObject({ kind: 'add', level: 1, triggerPrice: '20995.00' });
    expect(decideAdd(input({ state: { ...state, filled: [0, 1] }, price: '20000.00' }))).toEqual({ kind: 'none', reason: 'ladder done' });
  });

  it('caps: partial adds up to maxQuantity, skip passes the level over; at the cap both skip', () => {
    const two = settings({ levels: [ticks(8, 2)] });
    expect(decideAdd(input({ settings: two, netPos: 4, cap: 5, price: '20990.00' }))).toMatchObject({ kind: 'add', quantity: 1 });
    expect(decideAdd(input({ settings: { ...two, capMode: 'skip' }, netPos: 4, cap: 5, price: '20990.00' }))).toMatchObject({ kind: 'skip', level: 0 });
    expect(decideAdd(input({ settings: two, netPos: -5, cap: 5, price: '21010.00' }))).toMatchObject({ kind: 'skip', reason: 'at the cap of 5' });
  });

  it('maxAdds stops the ladder after that many adds', () => {
    const state = { ...freshLadder('p1'), filled: [0] };
    expect(decideAdd(input({ settings: settings({ maxAdds: 1 }), state, price: '20000.00' }))).toEqual({ kind: 'none', reason: 'max adds reached' });
  });

  it('nothing fires while an add is in flight', () => {
    expect(decideAdd(input({ state: markPending(freshLadder('p1'), 0, 1), price: '20000.00' })).kind).toBe('none');
  });

  it('a rejected add is not filled: retried with a new attempt when configured, given up otherwise', () => {
    const pending = markPending(freshLadder('p1'), 0, 1);
    const retried = settleAdd(pending, 0, false, true);
    expect(retried.filled).toEqual([]);
    expect(decideAdd(input({ state: retried, price: '20998.00' }))).toMatchObject({ kind: 'add', level: 0, attempt: 2 });
    const givenUp = settleAdd(pending, 0, false, false);
    expect(givenUp).toMatchObject({ filled: [], skipped: [0], pending: null });
    expect(decideAdd(input({ state: givenUp, price: '20998.00' })).kind).toBe('none'); // level 2 is at 20996.00
    expect(settleAdd(pending, 0, true, false)).toMatchObject({ filled: [0], pending: null });
  });

  it('after a restart an add in flight counts as made: it never goes out twice', () => {
    const state = afterRestart(markPending(freshLadder('p1'), 0, 1));
    expect(state).toMatchObject({ filled: [0], pending: null });
    expect(decideAdd(input({ state, price: '20998.00' })).kind).toBe('none');
  });
});
