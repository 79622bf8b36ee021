import { compareDecimal, subtractDecimal } from '../../../core/money';
import { Schedule13Filing } from '../parsing/parsed-filing';
import { STAKE_WEIGHTS } from './scoring-weights';
import { NO_CONTEXT, ScoreContext, ScoreFactor, SignalScore } from './signal-score';

/** Schedule 13D/13G: a new activist 13D scores high, a passive 13G modestly. */
export function scoreStakeFiling(filing: Schedule13Filing, context: ScoreContext = NO_CONTEXT): SignalScore {
  const w = STAKE_WEIGHTS;
  const factors: ScoreFactor[] = [];
  if (filing.schedule === '13D') {
    if (!filing.amendment) factors.push({ name: 'new 13D', points: w.new13D, detail: 'a new 5%+ holder with intent to influence' });
    else factors.push(amendment13D(filing, context.previousPercent ?? null));
    const activist = filing.purpose !== null && w.activistPattern.test(filing.purpose);
    factors.push({ name: 'activist purpose', points: activist ? w.activistPurpose : 0, detail: activist ? `Item 4 mentions "${w.activistPattern.exec(filing.purpose ?? '')?.[0]}"` : filing.purpose ? 'Item 4 states no activist plan' : 'Item 4 not found' });
    const pct = filing.percentOfClass;
    const big = pct !== null && compareDecimal(pct, 10) >= 0 ? w.percentAtLeast10 + (compareDecimal(pct, 20) >= 0 ? w.percentAtLeast20 : 0) : 0;
    factors.push({ name: 'stake size', points: big, detail: pct === null ? 'percent of class not found' : `${pct}% of the class` });
    const ownMoney = filing.persons.some((p) => p.typeOfReportingPerson.some((t) => ['IN', 'PN', 'OO'].includes(t)) && p.fundType.some((f) => ['WC', 'PF'].includes(f)));
    factors.push({ name: 'own money', points: ownMoney ? w.ownMoneyActivist : 0, detail: ownMoney ? 'an individual or fund buying with its own working capital or personal funds' : 'no own-funds activist among the persons' });
  } else {
    factors.push(filing.amendment ? { name: '13G amendment', points: w.amended13G, detail: 'a passive holder updating its stake' } : { name: 'new 13G', points: w.new13G, detail: 'a new passive 5%+ stake' });
    const passive = /13d-1\s*\(c\)/i.test(filing.rule ?? '');
    factors.push({ name: 'passive investor', points: passive ? w.passiveInvestor13d1c : 0, detail: filing.rule ? `${filing.rule}${passive ? ' (a non-institutional passive investor)' : ''}` : 'rule not found' });
  }
  const raw = factors.reduce((s, f) => s + f.points, 0);
  return { kind: 'stake', score: Math.min(raw, w.cap), factors, multipliers: [], reason: null, valueUsd: null, shares: filing.shares, tradeDate: filing.eventDate };
}

function amendment13D(filing: Schedule13Filing, previous: string | null): ScoreFactor {
  const w = STAKE_WEIGHTS;
  if (previous === null || filing.percentOfClass === null) return { name: '13D amendment', points: w.amended13DUnknown, detail: 'previous percent unknown' };
  const change = subtractDecimal(filing.percentOfClass, previous);
  return compareDecimal(change, w.amendmentUpPoints) >= 0
    ? { name: '13D amendment', points: w.amended13DUp, detail: `stake up from ${previous}% to ${filing.percentOfClass}%` }
    : { name: '13D amendment', points: w.amended13DDown, detail: `stake ${previous}% -> ${filing.percentOfClass}%` };
}
