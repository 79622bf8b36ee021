/** What the parsers make of one EDGAR document. Numbers stay decimal strings (never floats). */

export type OwnershipFormType = '3' | '3/A' | '4' | '4/A' | '5' | '5/A';

export interface Footnote {
  id: string;
  text: string;
}

/** A footnote attached to one field of a row, e.g. { field: 'price', id: 'F1', text: 'weighted average ...' }. */
export interface FieldNote extends Footnote {
  field: string;
}

export interface ReportingOwner {
  cik: string;
  name: string;
  isDirector: boolean;
  isOfficer: boolean;
  isTenPercentOwner: boolean;
  isOther: boolean;
  officerTitle: string | null;
  otherText: string | null;
  /** readable roles: "director", "officer: CEO", "10% owner", "other: ..." */
  roles: string[];
}

export interface OwnershipTransaction {
  table: 'nonDerivative' | 'derivative';
  security: string;
  date: string | null;
  formType: string | null;
  code: string;
  shares: string | null;
  /** dollar-denominated derivatives (convertible notes) report a total value instead of shares */
  totalValue: string | null;
  price: string | null;
  acquiredDisposed: 'A' | 'D' | null;
  sharesOwnedAfter: string | null;
  valueOwnedAfter: string | null;
  directOrIndirect: 'D' | 'I' | null;
  natureOfOwnership: string | null;
  conversionOrExercisePrice: string | null;
  underlyingShares: string | null;
  /** this row was made under a Rule 10b5-1 plan (flag, or a footnote/remark saying so) */
  under10b5One: boolean;
  footnotes: FieldNote[];
  /** fields reported only as a footnote: field -> "see footnote F2: <text>" */
  seeFootnote: Record<string, string>;
}

export interface OwnershipHolding {
  table: 'nonDerivative' | 'derivative';
  security: string;
  sharesOwned: string | null;
  valueOwned: string | null;
  directOrIndirect: 'D' | 'I' | null;
  natureOfOwnership: string | null;
  footnotes: FieldNote[];
  seeFootnote: Record<string, string>;
}

export interface OwnershipFiling {
  kind: 'ownership';
  formType: OwnershipFormType;
  schemaVersion: string | null;
  periodOfReport: string | null;
  /** set on amendments: the filing this one amends is the owner's original of that date */
  amends: { dateOfOriginalSubmission: string | null; periodOfReport: string | null } | null;
  noSecuritiesOwned: boolean;
  issuer: { cik: string; name: string; ticker: string | null };
  owners: ReportingOwner[];
  /** the 2023+ checkbox; null when the schema has no such element */
  aff10b5One: boolean | null;
  /** a footnote or the remarks mention a 10b5-1 plan */
  planFootnote: boolean;
  transactions: OwnershipTransaction[];
  holdings: OwnershipHolding[];
  footnotes: Footnote[];
  remarks: string | null;
}

export interface Schedule13Person {
  name: string;
  cik: string | null;
  percentOfClass: string | null;
  shares: string | null;
  typeOfReportingPerson: string[];
  fundType: string[];
}

export interface Schedule13Filing {
  kind: 'schedule13';
  formType: string;
  schedule: '13D' | '13G';
  amendment: boolean;
  amendmentNo: string | null;
  previousAccession: string | null;
  /** true for the structured XML filed since December 2024; false for text/HTML extraction */
  structured: boolean;
  issuer: { cik: string | null; name: string | null; cusip: string | null; ticker: string | null };
  filer: { cik: string | null; name: string | null };
  eventDate: string | null;
  persons: Schedule13Person[];
  /** headline: the largest percent over persons (they usually report the same shares; never summed) */
  percentOfClass: string | null;
  shares: string | null;
  purpose: string | null;
  /** 13G: Rule 13d-1(b) institution, (c) passive investor, (d) exempt */
  rule: string | null;
  /** fields the text extraction could not find */
  notFound: string[];
}

export type ParsedFiling = OwnershipFiling | Schedule13Filing;

/** A document we could not read; the reason is stored with the filing and shown to the user. */
export class FilingParseError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'FilingParseError';
  }
}
