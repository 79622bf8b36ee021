import type { AlertDirective } from '../../../core/alerts/parsed-alert';
import { Recorder } from '../entities/recorder.entity';
import { Trader } from '../entities/trader.entity';
import { DIRECTION_SPELLINGS, directionAllows, normalizeDirection } from './direction-filter';
import { effectiveSettings } from './effective-settings';
import { TRADER_SETTING_FIELDS } from './trader-settings';
import { entryBlockedBy, FilterCounts, inverted } from './signal-filters';

const recorder = (r: Partial<Recorder> = {}): Recorder =>
  Object.assign(new Recorder(), {
    symbol: 'MNQ1!', quantity: 1, takeProfitTicks: null, stopLossTicks: null, takeProfitLevels: null, trailTriggerTicks: null,
    trailDistanceTicks: null, breakEvenTicks: null, breakEvenOffsetTicks: null, initialSize: 0, maxContractsPerOrder: null,
    maxContractsPerPosition: null, riskDollars: null, riskPercent: null, riskMinOneContract: false, directionFilter: 'both',
    timeZone: 'America/New_York', window1Start: null, window1End: null, window2Start: null, window2End: null, cooldownSec: 0,
    maxSignalsPerDay: null, everyNthSignal: 1, inverse: false, flattenAtWindowEnd: false, ...r,
  });
const trader = (t: Partial<Trader> = {}): Trader =>
  Object.assign(new Trader(), Object.fromEntries(TRADER_SETTING_FIELDS.map((f) => [f, null])), { multiplier: '1', maxQuantity: null, ...t });

const BUY: AlertDirective = { kind: 'ENTER', side: 'LONG' };
const SELL: AlertDirective = { kind: 'ENTER', side: 'SHORT' };
const CLOSE: AlertDirective = { kind: 'CLOSE' };
const NOON_NY = new Date('2026-07-15T16:00:00Z');
const FRESH: FilterCounts = { entrySignals: 0, entriesTaken: 0, lastEntryAt: null };

describe('signal filters: each setting changes what the engine does; closes are never filtered', () => {
  it.each([
    // setting, recorder value, directive, counts, blocked by (null = traded)
    ['direction long', { directionFilter: 'long' }, SELL, FRESH, 'directionFilter'],
    ['direction long', { directionFilter: 'long' }, BUY, FRESH, null],
    ['direction short', { directionFilter: 'short' }, BUY, FRESH, 'directionFilter'],
    ['direction both', { directionFilter: 'both' }, SELL, FRESH, null],
    ['window 09:30-11:00 at 12:00', { window1Start: '09:30', window1End: '11:00' }, BUY, FRESH, 'tradingWindows'],
    ['second window 11:30-13:00 at 12:00', { window1Start: '09:30', window1End: '11:00', window2Start: '11:30', window2End: '13:00' }, BUY, FRESH, null],
    ['window in Chicago 10:00-11:30 at 11:00 CDT', { timeZone: 'America/Chicago', window1Start: '10:00', window1End: '11:30' }, BUY, FRESH, null],
    ['cooldown 60 s, last entry 59 s ago', { cooldownSec: 60 }, BUY, { ...FRESH, lastEntryAt: '2026-07-15T15:59:01Z' }, 'cooldownSec'],
    ['cooldown 60 s, last entry 60 s ago', { cooldownSec: 60 }, BUY, { ...FRESH, lastEntryAt: '2026-07-15T15:59:00Z' }, null],
    ['cooldown 0 = none', { cooldownSec: 0 }, BUY, { ...FRESH, lastEntryAt: '2026-07-15T15:59:59Z' }, null],
    ['max 2 signals, 2 taken', { maxSignalsPerDay: 2 }, BUY, { ...FRESH, entriesTaken: 2 }, 'maxSignalsPerDay'],
    ['max 2 signals, 1 taken', { maxSignalsPerDay: 2 }, BUY, { ...FRESH, entriesTaken: 1 }, null],
    ['max 0 signals = no entries (0 is kept)', { maxSignalsPerDay: 0 }, BUY, FRESH, 'maxSignalsPerDay'],
    ['every 3rd, 1st signal', { everyNthSignal: 3 }, BUY, FRESH, 'everyNthSignal'],
    ['every 3rd, 3rd signal', { everyNthSignal: 3 }, BUY, { ...FRESH, entrySignals: 2 }, null],
    ['every 1 = all', { everyNthSignal: 1 }, BUY, FRESH, null],
    ['close skips every filter', { directionFilter: 'short', window1Start: '01:00', window1End: '02:00', cooldownSec: 600, maxSignalsPerDay: 0, everyNthSignal: 5 }, CLOSE, { entrySignals: 0, entriesTaken: 9, lastEntryAt: '2026-07-15T15:59:59Z' }, null],
  ] as const)('%s -> %s', (_name, settings, directive, counts, blockedBy) => {
    const blocked = entryBlockedBy(effectiveSettings(recorder(settings as Partial<Recorder>), null), directive, NOON_NY, counts);
    expect(blocked?.setting ?? null).toBe(blockedBy);
  });

  it('a trader\'s value beats the recorder\'s; null inherits; 0 and false are kept, never a default (G-11, G-12)', () => {
    const r = recorder({ cooldownSec: 60, directionFilter: 'long', inverse: true, initialSize: 3, maxSignalsPerDay: 5, stopLossTicks: 20 });
    const inherit = effectiveSettings(r, trader());
    expect(inherit).toMatchObject({ cooldownSec: 60, directionFilter: 'long', inverse: true, initialSize: 3, maxSignalsPerDay: 5, symbol: 'MNQ1!', ownTicker: false });
    expect(inherit.exits.stopLossTicks).toBe(20);
    const own = effectiveSettings(r, trader({ cooldownSec: 0, directionFilter: 'short', inverse: false, initialSize: 0, maxSignalsPerDay: 0, stopLossTicks: 8, symbol: 'ES1!' }));
    expect(own).toMatchObject({ cooldownSec: 0, directionFilter: 'short', inverse: false, initialSize: 0, maxSignalsPerDay: 0, symbol: 'ES1!', ownTicker: true });
    expect(own.exits.stopLossTicks).toBe(8);
  });

  it("a trader's take profit (single or ladder) replaces the recorder's whole take profit", () => {
    const r = recorder({ takeProfitLevels: [{ ticks: 10, quantity: 1 }, { ticks: 20 }] });
    expect(effectiveSettings(r, trader({ takeProfitTicks: 12 })).exits).toMatchObject({ takeProfitTicks: 12, takeProfitLevels: null });
    expect(effectiveSettings(r, trader()).exits).toMatchObject({ takeProfitTicks: null, takeProfitLevels: [{ ticks: 10, quantity: 1 }, { ticks: 20 }] });
  });

  it('a trader\'s windows are in its own time zone (G-41)', () => {
    const r = recorder({ window1Start: '09:00', window1End: '10:00' });
    expect(entryBlockedBy(effectiveSettings(r, trader()), BUY, new Date('2026-07-15T13:30:00Z'), FRESH)).toBeNull(); // 09:30 New York
    expect(entryBlockedBy(effectiveSettings(r, trader({ timeZone: 'America/Chicago' })), BUY, new Date('2026-07-15T13:30:00Z'), FRESH)?.setting).toBe('tradingWindows'); // 08:30 Chicago
  });
});

describe('inverse: buy <-> sell; a close stays a close', () => {
  it.each([
    [BUY, SELL],
    [SELL, BUY],
    [CLOSE, CLOSE],
    [{ kind: 'CLOSE', side: 'LONG' }, { kind: 'CLOSE', side: 'SHORT' }],
    [{ kind: 'REDUCE', side: 'SHORT' }, { kind: 'REDUCE', side: 'LONG' }],
  ] as const)('%j -> %j', (from, to) => {
    expect(inverted(from as AlertDirective)).toEqual(to);
  });
});

describe('direction filter: every spelling the API accepts compares one way (G-44)', () => {
  const expected = (spelling: string) => (/and|\//.test(spelling) ? 'both' : /^(long|buy)/.test(spelling) ? 'long' : /^(short|sell)/.test(spelling) ? 'short' : 'both');
  it.each(DIRECTION_SPELLINGS.flatMap((s) => [s, s.toUpperCase(), s[0].toUpperCase() + s.slice(1)]))('"%s"', (spelling) => {
    const filter = normalizeDirection(spelling)!;
    expect(filter).toBe(expected(spelling.toLowerCase()));
    expect([directionAllows(filter, 'LONG'), directionAllows(filter, 'SHORT')]).toEqual(filter === 'long' ? [true, false] : filter === 'short' ? [false, true] : [true, true]);
  });

  it('"Long-Only", " short_only " and unknown words', () => {
    expect(normalizeDirection('Long-Only')).toBe('long');
    expect(normalizeDirection(' short_only ')).toBe('short');
    expect(normalizeDirection('longish')).toBeNull();
  });
});
