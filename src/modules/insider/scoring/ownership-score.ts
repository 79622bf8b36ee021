import { compareDecimal, formatDecimal, multiplyDecimal, roundDecimal, toDecimal } from '../../../core/money';
import { OwnershipFiling } from '../parsing/parsed-filing';
import { dollarValue, holdingAfter, increasePct, isOfferingPurchase, money, openMarketBuys, openMarketSales, seniorRole, sharesOf, soldPct } from './ownership-facts';
import { BUY_WEIGHTS, NOISE_CODES, SALE_WEIGHTS } from './scoring-weights';
import { NO_CONTEXT, ScoreContext, ScoreFactor, SignalScore } from './signal-score';

/** Scores a Form 3/4/5: open-market buys 0-100, otherwise a sale caution score, otherwise 0 with the reason. */
export function scoreOwnershipFiling(filing: OwnershipFiling, context: ScoreContext = NO_CONTEXT): SignalScore {
  if (!['4', '4/A'].includes(filing.formType)) return zero(`form-${filing.formType.replace('/A', '-amendment')}`, filing.formType.startsWith('5') ? 'Form 5 rows are old news: stored, not scored' : 'Form 3 reports holdings, not trades');
  const buys = openMarketBuys(filing);
  const eligible = buys.filter((r) => !isOfferingPurchase(r));
  if (eligible.length) return scoreBuy(filing, eligible, context);
  if (buys.length) return zero('offering-purchase', 'the P rows were bought from the issuer in an offering or placement, not on the open market');
  const sales = openMarketSales(filing);
  if (sales.length) return scoreSale(filing, context);
  const codes = [...new Set(filing.transactions.map((t) => t.code))];
  const noise = codes.length > 0 && codes.every((c) => NOISE_CODES.has(c) || c === 'P');
  return zero(noise ? 'noise-code' : 'no-trade', noise ? `codes ${codes.join(', ')} are grants, exercises, conversions, withholding or gifts: not buy signals` : 'no transaction to score');
}

function scoreBuy(filing: OwnershipFiling, rows: OwnershipFiling['transactions'], ctx: ScoreContext): SignalScore {
  const w = BUY_WEIGHTS;
  const factors: ScoreFactor[] = [{ name: 'open-market purchase', points: w.base, detail: `${rows.length} P row(s) in Table I` }];
  const role = seniorRole(filing);
  factors.push({ name: 'role', points: role.tier ? w.role[role.tier] : 0, detail: role.tier ? `${roleName(role.tier)} (${role.title || role.who?.roles.join(', ')})` : 'no role given' });
  factors.push(opportunism(rows[0].date, ctx));
  const cluster = ctx.clusterBuyers >= 3 ? w.cluster.threeOrMore : ctx.clusterBuyers === 2 ? w.cluster.two : 0;
  factors.push({ name: 'cluster', points: cluster, detail: `${ctx.clusterBuyers} distinct insider(s) buying within ${w.cluster.windowDays} days` });
  const value = dollarValue(rows);
  const dollars = w.dollars.find((s) => compareDecimal(value, s.atLeast) >= 0)?.points ?? 0;
  factors.push({ name: 'size in dollars', points: dollars, detail: `$${money(value)}` });
  const bought = sharesOf(rows);
  const pct = increasePct(bought, holdingAfter(filing));
  const relative = w.relativeIncreasePct.find((s) => compareDecimal(pct, s.atLeast) >= 0)?.points ?? 0;
  factors.push({ name: 'size vs holding', points: relative, detail: `+${formatDecimal(pct, { maxDecimals: 1 })}% of the shares held before` });
  factors.push(priceContext(ctx.priceReturnPct));
  factors.push(firmSize(ctx.marketCapUsd));

  const plan = filing.aff10b5One === true || filing.planFootnote || rows.some((r) => r.under10b5One);
  const multipliers = plan ? [{ name: '10b5-1 plan', factor: w.planMultiplier, detail: 'pre-scheduled trades are less informative' }] : [];
  const raw = factors.reduce((sum, f) => sum + f.points, 0);
  return {
    kind: 'buy',
    score: clamp(Number(formatDecimal(roundDecimal(multiplyDecimal(Math.min(raw, 100), plan ? w.planMultiplier : 1), 0, 'nearest'))), 100),
    factors,
    multipliers,
    reason: null,
    valueUsd: money(value),
    shares: formatDecimal(bought),
    tradeDate: rows.map((r) => r.date).filter(Boolean).sort()[0] ?? null,
  };
}

function scoreSale(filing: OwnershipFiling, ctx: ScoreContext): SignalScore {
  const w = SALE_WEIGHTS;
  const rows = openMarketSales(filing);
  const value = dollarValue(rows);
  const sold = sharesOf(rows);
  const base = { kind: 'sale' as const, multipliers: [], valueUsd: money(value), shares: formatDecimal(sold), tradeDate: rows.map((r) => r.date).filter(Boolean).sort()[0] ?? null };
  const plan = filing.aff10b5One === true || filing.planFootnote || rows.some((r) => r.under10b5One);
  const role = seniorRole(filing);
  if (plan) return { ...base, score: 0, factors: [], reason: 'sale-under-plan' };
  if (role.tier !== 'ceoCfoChair' && role.tier !== 'presidentOrCSuite') return { ...base, score: 0, factors: [], reason: 'sale-not-top-executive' };
  const factors: ScoreFactor[] = [{ name: 'top-executive sale', points: w.base, detail: role.title }];
  const opp = opportunism(base.tradeDate, ctx);
  factors.push({ ...opp, points: opp.points === BUY_WEIGHTS.opportunistic.opportunistic ? w.opportunistic : 0 });
  const pct = soldPct(sold, holdingAfter(filing));
  factors.push({ name: 'sold vs holding', points: compareDecimal(pct, w.soldAtLeastPctOfHolding.pct) >= 0 ? w.soldAtLeastPctOfHolding.points : 0, detail: `${formatDecimal(pct, { maxDecimals: 1 })}% of the holding` });
  factors.push({ name: 'cluster of sellers', points: ctx.clusterSellers >= w.clusterOfSellers.atLeast ? w.clusterOfSellers.points : 0, detail: `${ctx.clusterSellers} insider(s) selling` });
  const runUp = ctx.priceReturnPct !== null && compareDecimal(ctx.priceReturnPct, w.priceRunUp.atLeastPct) >= 0;
  factors.push({ name: 'price run-up', points: runUp ? w.priceRunUp.points : 0, detail: ctx.priceReturnPct === null ? 'price data unavailable' : `${ctx.priceReturnPct}% over 20 days` });
  return { ...base, score: clamp(factors.reduce((s, f) => s + f.points, 0), w.cap), factors, reason: null };
}

function opportunism(tradeDate: string | null, ctx: ScoreContext): ScoreFactor {
  const w = BUY_WEIGHTS.opportunistic;
  const history = ctx.ownerHistory;
  if (!tradeDate || !history?.firstTradeDate) return { name: 'opportunistic', points: w.unknownHistory, detail: 'trading history shorter than 3 years: unknown' };
  const year = Number(tradeDate.slice(0, 4));
  const month = tradeDate.slice(5, 7);
  if (history.firstTradeDate > `${year - w.yearsNeeded}-${month}-31`) return { name: 'opportunistic', points: w.unknownHistory, detail: `history since ${history.firstTradeDate}: shorter than 3 years` };
  const priorYears = [1, 2, 3].map((k) => `${year - k}-${month}`);
  const routine = priorYears.every((m) => history.monthsTraded.includes(m));
  return routine
    ? { name: 'opportunistic', points: w.routine, detail: `routine: traded in the same month in each of ${priorYears.join(', ')}` }
    : { name: 'opportunistic', points: w.opportunistic, detail: 'opportunistic: no same-month trade in each of the 3 prior years' };
}

function priceContext(returnPct: string | null): ScoreFactor {
  const w = BUY_WEIGHTS.priceContext;
  if (returnPct === null) return { name: 'price context', points: w.unavailable, detail: 'price data unavailable' };
  const points = w.steps.find((s) => compareDecimal(returnPct, s.atMostPct) <= 0)?.points ?? 0;
  return { name: 'price context', points, detail: `${returnPct}% over the 20 trading days before the buy` };
}

function firmSize(marketCap: string | null): ScoreFactor {
  const w = BUY_WEIGHTS.firmSize;
  if (marketCap === null) return { name: 'firm size', points: w.unknown, detail: 'market cap unknown' };
  const points = w.steps.find((s) => compareDecimal(marketCap, s.belowUsd) < 0)?.points ?? 0;
  return { name: 'firm size', points, detail: `market cap $${formatDecimal(roundDecimal(toDecimal(marketCap), 0, 'nearest'))}` };
}

function roleName(tier: keyof typeof BUY_WEIGHTS.role): string {
  return { ceoCfoChair: 'CEO/CFO/chair', presidentOrCSuite: 'president or C-suite', officer: 'officer', director: 'director', tenPercentOwner: '10% owner', other: 'other' }[tier];
}

function zero(reason: string, detail: string): SignalScore {
  return { kind: 'none', score: 0, factors: [{ name: 'not a buy signal', points: 0, detail }], multipliers: [], reason, valueUsd: null, shares: null, tradeDate: null };
}

function clamp(value: number, max: number): number {
  return Math.max(0, Math.min(max, value));
}
