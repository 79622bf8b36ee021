import { XmlElement } from '../xml/xml-tree';
import { all, first, textAt } from '../xml/xml-query';
import { edgarBool, edgarNumber, isoDate, padCik, PLAN_10B5_1 } from './edgar-values';
import {
  FieldNote,
  FilingParseError,
  Footnote,
  OwnershipFiling,
  OwnershipFormType,
  OwnershipHolding,
  OwnershipTransaction,
  ReportingOwner,
} from './parsed-filing';

const FORM_TYPES: OwnershipFormType[] = ['3', '3/A', '4', '4/A', '5', '5/A'];

/** Forms 3, 4, 5 and their amendments (`ownershipDocument`, no namespace). */
export function parseOwnershipDocument(root: XmlElement): OwnershipFiling {
  if (root.name !== 'ownershipDocument') throw new FilingParseError(`expected <ownershipDocument>, found <${root.name}>`);
  const formType = textAt(root, 'documentType') as OwnershipFormType | undefined;
  if (!formType || !FORM_TYPES.includes(formType)) throw new FilingParseError(`unknown documentType "${formType ?? ''}" (expected 3, 4, 5 or an amendment)`);
  const issuerCik = padCik(textAt(root, 'issuer', 'issuerCik'));
  if (!issuerCik) throw new FilingParseError('the issuer has no CIK (issuer/issuerCik)');
  const owners = all(root, 'reportingOwner').map(readOwner);
  if (owners.length === 0) throw new FilingParseError('no reportingOwner in the document');

  const footnotes: Footnote[] = all(root, 'footnotes', 'footnote').map((f) => ({ id: f.attrs.id ?? '', text: clean(f.text) }));
  const remarks = textAt(root, 'remarks') ?? null;
  const planFootnote = footnotes.some((f) => PLAN_10B5_1.test(f.text)) || PLAN_10B5_1.test(remarks ?? '');
  const aff10b5One = edgarBool(textAt(root, 'aff10b5One'));
  const notes = new Map(footnotes.map((f) => [f.id, f.text]));
  const plan = { flag: aff10b5One === true, remarks: PLAN_10B5_1.test(remarks ?? '') };

  const rows = (table: 'nonDerivative' | 'derivative', tag: string) =>
    all(root, `${table}Table`, tag).map((el) => readTransaction(el, table, notes, plan));
  const holds = (table: 'nonDerivative' | 'derivative', tag: string) => all(root, `${table}Table`, tag).map((el) => readHolding(el, table, notes));
  const period = isoDate(textAt(root, 'periodOfReport'));
  const isAmendment = formType.endsWith('/A');
  return {
    kind: 'ownership',
    formType,
    schemaVersion: textAt(root, 'schemaVersion') ?? null,
    periodOfReport: period,
    amends: isAmendment ? { dateOfOriginalSubmission: isoDate(textAt(root, 'dateOfOriginalSubmission')), periodOfReport: period } : null,
    noSecuritiesOwned: edgarBool(textAt(root, 'noSecuritiesOwned')) === true,
    issuer: { cik: issuerCik, name: textAt(root, 'issuer', 'issuerName') ?? '', ticker: tickerOf(textAt(root, 'issuer', 'issuerTradingSymbol')) },
    owners,
    aff10b5One,
    planFootnote,
    transactions: [...rows('nonDerivative', 'nonDerivativeTransaction'), ...rows('derivative', 'derivativeTransaction')],
    holdings: [...holds('nonDerivative', 'nonDerivativeHolding'), ...holds('derivative', 'derivativeHolding')],
    footnotes,
    remarks,
  };
}

function readOwner(el: XmlElement): ReportingOwner {
  const rel = first(el, 'reportingOwnerRelationship');
  const flag = (name: string) => edgarBool(textAt(rel, name)) === true;
  const owner = {
    cik: padCik(textAt(el, 'reportingOwnerId', 'rptOwnerCik')) ?? '',
    name: textAt(el, 'reportingOwnerId', 'rptOwnerName') ?? '',
    isDirector: flag('isDirector'),
    isOfficer: flag('isOfficer'),
    isTenPercentOwner: flag('isTenPercentOwner'),
    isOther: flag('isOther'),
    officerTitle: textAt(rel, 'officerTitle') ?? null,
    otherText: textAt(rel, 'otherText') ?? null,
  };
  const roles = [
    owner.isDirector ? 'director' : null,
    owner.isOfficer ? `officer${owner.officerTitle ? `: ${owner.officerTitle}` : ''}` : null,
    owner.isTenPercentOwner ? '10% owner' : null,
    owner.isOther ? `other${owner.otherText ? `: ${owner.otherText}` : ''}` : null,
  ].filter((r): r is string => r !== null);
  return { ...owner, roles };
}

interface PlanHints {
  flag: boolean;
  remarks: boolean;
}

/** Reads `<wrapper><value>..</value><footnoteId id=".."/></wrapper>` fields and records their notes. */
class FieldReader {
  readonly footnotes: FieldNote[] = [];
  readonly seeFootnote: Record<string, string> = {};

  constructor(
    private readonly row: XmlElement,
    private readonly notes: Map<string, string>,
  ) {}

  value(field: string, ...path: string[]): string | null {
    const wrapper = first(this.row, ...path);
    if (!wrapper) return null;
    const ids = all(wrapper, 'footnoteId').map((f) => f.attrs.id ?? '');
    for (const id of ids) this.footnotes.push({ field, id, text: this.notes.get(id) ?? '(footnote missing from the document)' });
    const value = textAt(wrapper, 'value') ?? null;
    if (value === null && ids.length) {
      this.seeFootnote[field] = ids.map((id) => `see footnote ${id}: ${this.notes.get(id) ?? ''}`.trim()).join(' ');
    }
    return value;
  }

  /** footnotes hung on a parent without a value (e.g. transactionCoding) */
  notesOn(field: string, ...path: string[]): void {
    for (const f of all(first(this.row, ...path), 'footnoteId')) {
      const id = f.attrs.id ?? '';
      this.footnotes.push({ field, id, text: this.notes.get(id) ?? '(footnote missing from the document)' });
    }
  }
}

function readTransaction(el: XmlElement, table: 'nonDerivative' | 'derivative', notes: Map<string, string>, plan: PlanHints): OwnershipTransaction {
  const r = new FieldReader(el, notes);
  const security = r.value('security', 'securityTitle') ?? '';
  const date = isoDate(r.value('date', 'transactionDate') ?? undefined);
  r.notesOn('code', 'transactionCoding');
  const shares = edgarNumber(r.value('shares', 'transactionAmounts', 'transactionShares') ?? undefined);
  const totalValue = edgarNumber(r.value('totalValue', 'transactionAmounts', 'transactionTotalValue') ?? undefined);
  const price = edgarNumber(r.value('price', 'transactionAmounts', 'transactionPricePerShare') ?? undefined);
  const ad = r.value('acquiredDisposed', 'transactionAmounts', 'transactionAcquiredDisposedCode');
  const sharesOwnedAfter = edgarNumber(r.value('sharesOwnedAfter', 'postTransactionAmounts', 'sharesOwnedFollowingTransaction') ?? undefined);
  const valueOwnedAfter = edgarNumber(r.value('valueOwnedAfter', 'postTransactionAmounts', 'valueOwnedFollowingTransaction') ?? undefined);
  const di = r.value('directOrIndirect', 'ownershipNature', 'directOrIndirectOwnership');
  const nature = r.value('natureOfOwnership', 'ownershipNature', 'natureOfOwnership');
  const conversion = table === 'derivative' ? edgarNumber(r.value('conversionOrExercisePrice', 'conversionOrExercisePrice') ?? undefined) : null;
  const underlying = table === 'derivative' ? edgarNumber(r.value('underlyingShares', 'underlyingSecurity', 'underlyingSecurityShares') ?? undefined) : null;
  return {
    table,
    security,
    date,
    formType: textAt(el, 'transactionCoding', 'transactionFormType') ?? null,
    code: (textAt(el, 'transactionCoding', 'transactionCode') ?? '').toUpperCase(),
    shares,
    totalValue,
    price,
    acquiredDisposed: ad === 'A' || ad === 'D' ? ad : null,
    sharesOwnedAfter,
    valueOwnedAfter,
    directOrIndirect: di === 'D' || di === 'I' ? di : null,
    natureOfOwnership: nature,
    conversionOrExercisePrice: conversion,
    underlyingShares: underlying,
    under10b5One: plan.flag || plan.remarks || r.footnotes.some((f) => PLAN_10B5_1.test(f.text)),
    footnotes: r.footnotes,
    seeFootnote: r.seeFootnote,
  };
}

function readHolding(el: XmlElement, table: 'nonDerivative' | 'derivative', notes: Map<string, string>): OwnershipHolding {
  const r = new FieldReader(el, notes);
  const security = r.value('security', 'securityTitle') ?? '';
  const sharesOwned = edgarNumber(r.value('sharesOwned', 'postTransactionAmounts', 'sharesOwnedFollowingTransaction') ?? undefined);
  const valueOwned = edgarNumber(r.value('valueOwned', 'postTransactionAmounts', 'valueOwnedFollowingTransaction') ?? undefined);
  const di = r.value('directOrIndirect', 'ownershipNature', 'directOrIndirectOwnership');
  const nature = r.value('natureOfOwnership', 'ownershipNature', 'natureOfOwnership');
  return {
    table,
    security,
    sharesOwned,
    valueOwned,
    directOrIndirect: di === 'D' || di === 'I' ? di : null,
    natureOfOwnership: nature,
    footnotes: r.footnotes,
    seeFootnote: r.seeFootnote,
  };
}

function tickerOf(text: string | undefined): string | null {
  if (!text) return null;
  const t = text.trim().toUpperCase();
  return t === '' || t === 'NONE' || t === 'N/A' ? null : t;
}

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
