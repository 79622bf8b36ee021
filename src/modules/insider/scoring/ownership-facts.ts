import { addDecimal, compareDecimal, Decimal, divideDecimal, formatDecimal, multiplyDecimal, subtractDecimal, sumDecimal } from '../../../core/money';
import { OwnershipFiling, OwnershipTransaction, ReportingOwner } from '../parsing/parsed-filing';
import { BUY_WEIGHTS, OFFERING_PURCHASE } from './scoring-weights';

const TOP = /\b(CEO|CFO|chief executive|chief financial|principal executive|principal financial|chair|chairman|chairwoman|chairperson)\b/i;
const C_SUITE = /(?<!vice[\s-])\bpresident\b|\b(COO|CTO|CAO|CLO|chief \w+ officer)\b/i;

export type RoleTier = keyof typeof BUY_WEIGHTS.role;

/** The most senior role in the owner group (joint filers count as one insider). */
export function seniorRole(filing: OwnershipFiling): { tier: RoleTier | null; who: ReportingOwner | null; title: string } {
  let best: { tier: RoleTier | null; who: ReportingOwner | null; title: string } = { tier: null, who: null, title: '' };
  for (const owner of filing.owners) {
    const title = [owner.officerTitle && !/see remarks/i.test(owner.officerTitle) ? owner.officerTitle : filing.remarks, owner.otherText].filter(Boolean).join(' ');
    const tier: RoleTier | null =
      (owner.isOfficer || owner.isDirector || owner.isOther) && TOP.test(title) ? 'ceoCfoChair'
      : owner.isOfficer && C_SUITE.test(title) ? 'presidentOrCSuite'
      : owner.isOfficer ? 'officer'
      : owner.isDirector ? 'director'
      : owner.isTenPercentOwner ? 'tenPercentOwner'
      : owner.isOther ? 'other'
      : null;
    if (tier && (best.tier === null || BUY_WEIGHTS.role[tier] > BUY_WEIGHTS.role[best.tier])) best = { tier, who: owner, title: title || owner.roles.join(', ') };
  }
  return best;
}

export function isOfferingPurchase(row: OwnershipTransaction): boolean {
  return row.footnotes.some((f) => OFFERING_PURCHASE.test(f.text));
}

/** Eligible open-market buy rows: Table I, code P, acquired, price > 0, shares > 0. */
export function openMarketBuys(filing: OwnershipFiling): OwnershipTransaction[] {
  return filing.transactions.filter(
    (t) => t.table === 'nonDerivative' && t.code === 'P' && t.acquiredDisposed === 'A' && positive(t.price) && positive(t.shares),
  );
}

export function openMarketSales(filing: OwnershipFiling): OwnershipTransaction[] {
  return filing.transactions.filter((t) => t.table === 'nonDerivative' && t.code === 'S' && t.acquiredDisposed === 'D' && positive(t.shares));
}

export function dollarValue(rows: OwnershipTransaction[]): Decimal {
  return sumDecimal(rows.map((r) => multiplyDecimal(r.shares ?? '0', r.price ?? '0')));
}

export function sharesOf(rows: OwnershipTransaction[]): Decimal {
  return sumDecimal(rows.map((r) => r.shares ?? '0'));
}

/**
 * Total Table I holding after the filing: "shares owned following" is per ownership line, so take
 * the last value of each (direct/indirect, nature, security) line and add the lines up.
 */
export function holdingAfter(filing: OwnershipFiling): Decimal {
  const lines = new Map<string, string>();
  const key = (di: string | null, nature: string | null, security: string) => `${di ?? ''}|${(nature ?? '').toLowerCase()}|${security.toLowerCase()}`;
  for (const h of filing.holdings) if (h.table === 'nonDerivative' && h.sharesOwned) lines.set(key(h.directOrIndirect, h.natureOfOwnership, h.security), h.sharesOwned);
  for (const t of filing.transactions) if (t.table === 'nonDerivative' && t.sharesOwnedAfter) lines.set(key(t.directOrIndirect, t.natureOfOwnership, t.security), t.sharesOwnedAfter);
  return sumDecimal([...lines.values()]);
}

/** shares / (after - shares) in percent, 2 decimals; 100 when nothing was held before. */
export function increasePct(bought: Decimal, after: Decimal): Decimal {
  const before = subtractDecimal(after, bought);
  if (compareDecimal(before, 0) <= 0) return { units: 10000n, scale: 2 };
  return divideDecimal(multiplyDecimal(bought, 100), before, 2, 'nearest');
}

export function soldPct(sold: Decimal, after: Decimal): Decimal {
  const before = addDecimal(after, sold);
  if (compareDecimal(before, 0) <= 0) return { units: 0n, scale: 0 };
  return divideDecimal(multiplyDecimal(sold, 100), before, 2, 'nearest');
}

export function money(value: Decimal): string {
  return formatDecimal(value, { minDecimals: 2, maxDecimals: 2 });
}

function positive(value: string | null): boolean {
  return value !== null && compareDecimal(value, 0) > 0;
}
