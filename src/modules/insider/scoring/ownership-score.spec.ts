import { fixture } from '../../../../test/fakes/edgar/fixture-files';
import { parseEdgarDocument } from '../parsing/edgar-document-parser';
import { ParsedFiling } from '../parsing/parsed-filing';
import { scoreFiling } from './filing-score';
import { NO_CONTEXT, ScoreContext } from './signal-score';

function parsed(name: string): ParsedFiling {
  const outcome = parseEdgarDocument(fixture(name));
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome.filing;
}

const points = (name: string, ctx: ScoreContext = NO_CONTEXT) => Object.fromEntries(scoreFiling(parsed(name), ctx).factors.map((f) => [f.name, f.points]));

describe('buy score (hand-computed from the weights table)', () => {
  it('a CEO buying $252,000 on the open market, alone, nothing else known: 64', () => {
    // base 20 + CEO 20 + history unknown 8 + cluster 0 + $252,000 >= $250k 6
    // + 20,000 on 80,000 held before = 25% -> 5 + price unavailable 3 + market cap unknown 2 = 64
    const score = scoreFiling(parsed('form4-ceo-open-market-buy.xml'));
    expect(score).toMatchObject({ kind: 'buy', score: 64, valueUsd: '252000.00', shares: '20000', tradeDate: '2026-11-20', reason: null, multipliers: [] });
    expect(points('form4-ceo-open-market-buy.xml')).toEqual({
      'open-market purchase': 20, role: 20, opportunistic: 8, cluster: 0, 'size in dollars': 6, 'size vs holding': 5, 'price context': 3, 'firm size': 2,
    });
    expect(score.factors.find((f) => f.name === 'size vs holding')?.detail).toBe('+25% of the shares held before');
  });

  it('the same buy in a cluster of two, after a 20% fall, at a $150M company, by an opportunistic insider: 89', () => {
    const ctx: ScoreContext = {
      ownerHistory: { firstTradeDate: '2019-02-01', monthsTraded: ['2023-11', '2024-11', '2022-05'] },
      clusterBuyers: 2, clusterSellers: 1, priceReturnPct: '-20.5', marketCapUsd: '150000000',
    };
    // 20 + 20 + opportunistic 15 (no November 2025) + cluster 8 + 6 + 5 + price 10 + small firm 5 = 89
    expect(scoreFiling(parsed('form4-ceo-open-market-buy.xml'), ctx).score).toBe(89);
  });

  it('a routine insider (traded in November in each of the three prior years) gets no opportunism points', () => {
    const ctx: ScoreContext = { ...NO_CONTEXT, ownerHistory: { firstTradeDate: '2020-01-10', monthsTraded: ['2023-11', '2024-11', '2025-11'] } };
    expect(points('form4-ceo-open-market-buy.xml', ctx).opportunistic).toBe(0);
    expect(scoreFiling(parsed('form4-ceo-open-market-buy.xml'), ctx).score).toBe(56);
  });

  it('three or more insiders buying is the full cluster bonus', () => {
    expect(points('form4-ceo-open-market-buy.xml', { ...NO_CONTEXT, clusterBuyers: 3 }).cluster).toBe(15);
  });

  it('a director buying $49,000 through a fund: 46', () => {
    // 20 + director 8 + unknown 8 + 0 + $49,000 >= $25k 2 + 4,000 on 26,000 (fund 24,000 + direct 6,000 - 4,000) = 15.4% -> 3 + 3 + 2 = 46
    expect(scoreFiling(parsed('form4-director-buy-via-fund-no-declaration.xml'))).toMatchObject({ kind: 'buy', score: 46, valueUsd: '49000.00' });
  });

  it('a 4/A restating the buy scores like the original: 64', () => {
    expect(scoreFiling(parsed('form4a-amendment-complete-submission.txt')).score).toBe(64);
  });

  it('a buy under a 10b5-1 plan is halved, rounding half away from zero', () => {
    const filing = parsed('form4-ceo-open-market-buy.xml');
    if (filing.kind !== 'ownership') throw new Error('ownership expected');
    const planned = { ...filing, aff10b5One: true };
    const score = scoreFiling(planned, { ...NO_CONTEXT, clusterBuyers: 2 }); // raw 72 -> 36
    expect(score.score).toBe(36);
    expect(score.multipliers).toEqual([expect.objectContaining({ name: '10b5-1 plan', factor: '0.5' })]);
    expect(scoreFiling({ ...planned, owners: planned.owners.map((o) => ({ ...o, officerTitle: 'Chief Operating Officer' })) }).score).toBe(30); // raw 59 -> 29.5 -> 30
  });
});

describe('not buy signals: score 0 with the reason', () => {
  it.each([
    ['form4-rsu-M-no-price-F-G-S-uppercase-plan.xml', 'sale', 'sale-under-plan'],
    ['form4-cfo-sales-aff10b5One.xml', 'sale', 'sale-under-plan'],
    ['form4-derivative-convertible-notes-total-value.xml', 'none', 'noise-code'],
    ['form4-three-owners-ipo-purchase.xml', 'none', 'offering-purchase'],
    ['form5-director-gift.xml', 'none', 'form-5'],
    ['form3-option-holdings.xml', 'none', 'form-3'],
  ])('%s', (name, kind, reason) => {
    expect(scoreFiling(parsed(name))).toMatchObject({ kind, score: 0, reason });
  });

  it('grants, exercises, withholding and gifts alone are noise codes, whatever their size', () => {
    const filing = parsed('form4-rsu-M-no-price-F-G-S-uppercase-plan.xml');
    if (filing.kind !== 'ownership') throw new Error('ownership expected');
    const noSales = { ...filing, transactions: filing.transactions.filter((t) => t.code !== 'S') };
    expect(scoreFiling(noSales)).toMatchObject({ kind: 'none', score: 0, reason: 'noise-code' });
  });
});

describe('sale caution score (separate from buys, 0-60)', () => {
  it('a CEO selling 40% of the holding outside any plan, in a cluster of three sellers after a run-up: 60 at most', () => {
    const filing = parsed('form4-cfo-sales-aff10b5One.xml');
    if (filing.kind !== 'ownership') throw new Error('ownership expected');
    const unplanned = { ...filing, aff10b5One: false, planFootnote: false, transactions: filing.transactions.map((t) => ({ ...t, under10b5One: false })) };
    // base 10 + history unknown 0 + sold 4,000 of 50,000 = 8% -> 0 + cluster of 3 -> 15 + run-up 20% -> 5 = 30
    expect(scoreFiling(unplanned, { ...NO_CONTEXT, clusterSellers: 3, priceReturnPct: '20' })).toMatchObject({ kind: 'sale', score: 30 });
  });
});
