import { fixture } from '../../../../test/fakes/edgar/fixture-files';
import { parseEdgarDocument } from './edgar-document-parser';
import { OwnershipFiling } from './parsed-filing';

function ownership(name: string): OwnershipFiling {
  const outcome = parseEdgarDocument(fixture(name));
  if (!outcome.ok) throw new Error(outcome.reason);
  if (outcome.filing.kind !== 'ownership') throw new Error('not an ownership filing');
  return outcome.filing;
}

describe('Form 4 ownership documents', () => {
  it('reads issuer, owner roles, P rows with weighted-average footnotes and the holding lines', () => {
    const f = ownership('form4-ceo-open-market-buy.xml');
    expect(f).toMatchObject({ formType: '4', schemaVersion: 'X0508', periodOfReport: '2026-11-20', amends: null, aff10b5One: false, planFootnote: false });
    expect(f.issuer).toEqual({ cik: '0009000001', name: 'Acme Widgets Holdings, Inc.', ticker: 'ACMW' });
    expect(f.owners).toEqual([
      expect.objectContaining({ cik: '0009100001', name: 'Sample Jane Q', isDirector: true, isOfficer: true, isTenPercentOwner: false, officerTitle: 'Chair & CEO', roles: ['director', 'officer: Chair & CEO'] }),
    ]);
    expect(f.transactions).toHaveLength(2);
    expect(f.transactions[0]).toMatchObject({
      table: 'nonDerivative', security: 'Common Stock', date: '2026-11-20', code: 'P', shares: '10000', price: '12.5',
      acquiredDisposed: 'A', sharesOwnedAfter: '50000', directOrIndirect: 'D', under10b5One: false, seeFootnote: {},
    });
    expect(f.transactions[0].footnotes).toEqual([{ field: 'price', id: 'F1', text: expect.stringContaining('weighted average price') }]);
    expect(f.holdings).toEqual([
      expect.objectContaining({ table: 'nonDerivative', sharesOwned: '40000', directOrIndirect: 'I', natureOfOwnership: 'By Sample Family Trust', footnotes: [expect.objectContaining({ field: 'natureOfOwnership', id: 'F2' })] }),
    ]);
  });

  it('accepts a document without an XML declaration, true/false booleans, unpadded CIKs and unknown new elements', () => {
    const f = ownership('form4-director-buy-via-fund-no-declaration.xml');
    expect(f.issuer.cik).toBe('0009000001');
    expect(f.aff10b5One).toBe(false);
    expect(f.owners[0]).toMatchObject({ isDirector: true, isOfficer: false, officerTitle: null, roles: ['director'] });
    expect(f.transactions[0]).toMatchObject({ code: 'P', directOrIndirect: 'I', natureOfOwnership: 'By Oak Family Fund LP', sharesOwnedAfter: '24000' });
  });

  it('keeps a value given only as a footnote as "see footnote" with its text, never as 0', () => {
    const f = ownership('form4-rsu-M-no-price-F-G-S-uppercase-plan.xml');
    const [m, fTax, s, g, derivM] = f.transactions;
    expect(m).toMatchObject({ code: 'M', price: null, shares: '20000' });
    expect(m.seeFootnote.price).toBe('see footnote F1: Shares of Class A Common Stock received upon settlement of restricted stock units; no price is payable.');
    expect(fTax).toMatchObject({ code: 'F', price: '41.2', acquiredDisposed: 'D' });
    expect(fTax.footnotes).toEqual([expect.objectContaining({ field: 'code', id: 'F2' })]);
    expect(g).toMatchObject({ code: 'G', price: '0' });
    expect(derivM).toMatchObject({ table: 'derivative', code: 'M', conversionOrExercisePrice: null, underlyingShares: '20000', sharesOwnedAfter: '60000' });
    expect(derivM.seeFootnote.conversionOrExercisePrice).toMatch(/^see footnote F4: Each restricted stock unit/);
    // pre-2023 schema: no checkbox, so unknown; the plan is stated in an upper-case footnote on the sale only
    expect(f.aff10b5One).toBeNull();
    expect(f.planFootnote).toBe(true);
    expect(s.under10b5One).toBe(true);
    expect(m.under10b5One).toBe(false);
  });

  it('reads the 10b5-1 checkbox and marks every row of the filing', () => {
    const f = ownership('form4-cfo-sales-aff10b5One.xml');
    expect(f.aff10b5One).toBe(true);
    expect(f.transactions.map((t) => [t.code, t.shares, t.price, t.under10b5One])).toEqual([
      ['S', '2500', '88.1', true],
      ['S', '1500', '88.65', true],
    ]);
    expect(f.owners[0].roles).toEqual(['officer: Chief Financial Officer']);
  });

  it('keeps dollar-denominated derivatives as a total value, without shares', () => {
    const [row] = ownership('form4-derivative-convertible-notes-total-value.xml').transactions;
    expect(row).toMatchObject({ table: 'derivative', code: 'P', shares: null, totalValue: '25000000', valueOwnedAfter: '25000000', conversionOrExercisePrice: '31.4', underlyingShares: '796178' });
  });

  it('reads every reporting owner of a joint filing, with "other" text', () => {
    const f = ownership('form4-three-owners-ipo-purchase.xml');
    expect(f.owners.map((o) => [o.cik, o.roles])).toEqual([
      ['0009100006', ['10% owner']],
      ['0009100007', ['10% owner']],
      ['0009100008', ['director', '10% owner', 'other: Member of 13(d) group']],
    ]);
    expect(f.transactions[0].footnotes[0]).toMatchObject({ field: 'code', text: "Purchased in the Issuer's initial public offering at the public offering price of $18.00 per share." });
  });

  it('extracts a 4/A from a complete submission and links it to the filing it amends', () => {
    const outcome = parseEdgarDocument(fixture('form4a-amendment-complete-submission.txt'));
    expect(outcome).toMatchObject({ ok: true, accession: '0009100001-26-000140' });
    const f = ownership('form4a-amendment-complete-submission.txt');
    expect(f.formType).toBe('4/A');
    expect(f.amends).toEqual({ dateOfOriginalSubmission: '2026-11-23', periodOfReport: '2026-11-20' });
    expect(f.remarks).toMatch(/restates the two purchases/);
  });

  it('reads Form 3 holdings and the no-securities-owned box', () => {
    expect(ownership('form3-no-securities-owned.xml')).toMatchObject({ formType: '3', noSecuritiesOwned: true, transactions: [], holdings: [] });
    const f = ownership('form3-option-holdings.xml');
    expect(f.holdings.map((h) => [h.table, h.security, h.sharesOwned])).toEqual([
      ['nonDerivative', 'Class A Common Stock', '15000'],
      ['derivative', 'Stock Option (right to buy)', '90000'],
    ]);
  });

  it('reads Form 5 rows with their Form 5 transaction form type', () => {
    const f = ownership('form5-director-gift.xml');
    expect(f.formType).toBe('5');
    expect(f.transactions[0]).toMatchObject({ code: 'G', formType: '5', shares: '2500', price: '0', date: '2025-12-19' });
  });
});

describe('documents that cannot be read are failures with a reason, never exceptions', () => {
  it.each([
    ['form4-malformed-mismatched-tags.xml', /^malformed XML: closing <\/issuerCik> does not match <issuerName>/],
    ['form4-truncated-download.xml', /^malformed XML: document ends inside <\w+> \(truncated\?\)/],
    ['form4-pre-xml-plain-text.txt', /pre-2003 plain-text filing/],
    ['not-an-edgar-document.txt', /not an ownership XML, Schedule 13D\/13G or EDGAR submission document/],
  ])('%s', (name, reason) => {
    const outcome = parseEdgarDocument(fixture(name));
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.reason).toMatch(reason);
  });

  it('an empty document, a foreign XML root and an unknown documentType', () => {
    expect(parseEdgarDocument('')).toMatchObject({ ok: false, reason: 'the document is empty' });
    expect(parseEdgarDocument('<?xml version="1.0"?><rss><channel/></rss>')).toMatchObject({ ok: false, reason: expect.stringMatching(/unsupported XML document <rss>/) });
    expect(parseEdgarDocument('<ownershipDocument><documentType>8-K</documentType></ownershipDocument>')).toMatchObject({ ok: false, reason: expect.stringMatching(/unknown documentType "8-K"/) });
  });
});
