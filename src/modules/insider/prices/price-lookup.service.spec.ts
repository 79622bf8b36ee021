import { FixedClock } from '../../../core/clock';
import { FakePriceServer } from '../../../../test/fakes/prices/fake-price-server';
import { PriceLookupService } from './price-lookup.service';
import { NoPriceProvider } from './price-provider';
import { YahooChartPriceProvider } from './yahoo-chart-price-provider';

const CLOCK = new FixedClock(new Date('2026-11-25T21:00:00Z'));

describe('price lookup through the pluggable provider', () => {
  const fake = new FakePriceServer({
    ACMW: [
      { date: '2026-11-20', close: 12.5 },
      { date: '2026-11-23', close: 12.8 },
      { date: '2026-11-24', close: null }, // a halted session
      { date: '2026-11-25', close: 14.1 },
    ],
  });
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());

  it('price at filing and now, and the exact % change since', async () => {
    const prices = new PriceLookupService(new YahooChartPriceProvider(fake.url, CLOCK), CLOCK);
    expect(await prices.forSignal('ACMW', '2026-11-23')).toEqual({
      status: 'ok', ticker: 'ACMW', priceAtFiling: '12.8', filingPriceDate: '2026-11-23', priceNow: '14.1', nowDate: '2026-11-25', changePct: '10.16', source: 'yahoo-chart',
    });
  });

  it('is cached: the second lookup does not ask again', async () => {
    const prices = new PriceLookupService(new YahooChartPriceProvider(fake.url, CLOCK), CLOCK);
    const before = fake.requests.length;
    await prices.forSignal('ACMW', '2026-11-20');
    await prices.forSignal('ACMW', '2026-11-20');
    expect(fake.requests.length - before).toBe(1);
  });

  it('says "unavailable" for an unknown symbol, a dead server, no ticker, or no provider', async () => {
    const clock = CLOCK;
    expect(await new PriceLookupService(new YahooChartPriceProvider(fake.url, clock), clock).forSignal('ZZZZ', '2026-11-20')).toEqual({ status: 'unavailable', ticker: 'ZZZZ', reason: 'yahoo-chart had no prices for ZZZZ' });
    expect((await new PriceLookupService(new YahooChartPriceProvider('http://127.0.0.1:9', clock), clock).forSignal('ACMW', '2026-11-20')).status).toBe('unavailable');
    expect(await new PriceLookupService(new NoPriceProvider(), clock).forSignal(null, '2026-11-20')).toEqual({ status: 'unavailable', ticker: null, reason: 'no ticker for this issuer' });
  });

  it('the 20-day return before a trade feeds the score', async () => {
    const prices = new PriceLookupService(new YahooChartPriceProvider(fake.url, CLOCK), CLOCK);
    expect(await prices.returnBefore('ACMW', '2026-11-25')).toBe('12.8');
  });
});
