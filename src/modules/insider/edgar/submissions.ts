export interface SubmissionRow {
  accession: string;
  form: string;
  filingDate: string;
  acceptanceDateTime: string;
  primaryDocument: string;
}

/** The column-oriented `filings.recent` of a data.sec.gov submissions JSON, as rows. */
export function submissionRows(json: unknown): SubmissionRow[] {
  const recent = (json as { filings?: { recent?: Record<string, unknown[]> } })?.filings?.recent;
  if (!recent || !Array.isArray(recent.accessionNumber)) return [];
  const col = (name: string, i: number) => String((recent[name] as unknown[] | undefined)?.[i] ?? '');
  return recent.accessionNumber.map((_, i) => ({
    accession: col('accessionNumber', i),
    form: col('form', i),
    filingDate: col('filingDate', i),
    // stamped with a Z but the clock is Eastern time: keep the wall-clock value, marked as such
    acceptanceDateTime: col('acceptanceDateTime', i).replace(/\.000Z$|Z$/, ''),
    primaryDocument: col('primaryDocument', i),
  }));
}
