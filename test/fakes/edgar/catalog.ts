/** A filing the fake EDGAR serves: the feed entries, folder index and documents come from this. */
export interface FakeFiling {
  accession: string;
  formType: string;
  /** acceptance time, Eastern offset, as the Atom feed writes it */
  acceptedAt: string;
  issuer: { cik: string; name: string };
  /** reporting owners (Forms 3/4/5) or filers (13D/G) */
  owners: { cik: string; name: string }[];
  /** fixture file name in fixtures/ */
  fixture: string;
  /** name of the primary document in the archive folder */
  primaryName: string;
}

/** The default catalog: the project's own fixtures, newest first. */
export const DEFAULT_FILINGS: FakeFiling[] = [
  {
    accession: '0009100002-26-000102', formType: '4', acceptedAt: '2026-11-24T17:05:10-05:00',
    issuer: { cik: '0009000001', name: 'Acme Widgets Holdings, Inc.' }, owners: [{ cik: '0009100002', name: 'Oak Victor' }],
    fixture: 'form4-director-buy-via-fund-no-declaration.xml', primaryName: 'wf-form4_176402311.xml',
  },
  {
    accession: '0009100001-26-000101', formType: '4', acceptedAt: '2026-11-23T16:31:02-05:00',
    issuer: { cik: '0009000001', name: 'Acme Widgets Holdings, Inc.' }, owners: [{ cik: '0009100001', name: 'Sample Jane Q' }],
    fixture: 'form4-ceo-open-market-buy.xml', primaryName: 'form4.xml',
  },
  {
    accession: '0009200001-26-000003', formType: 'SCHEDULE 13D', acceptedAt: '2026-11-24T09:12:00-05:00',
    issuer: { cik: '0009000004', name: 'Dunmore Foods, Inc.' }, owners: [{ cik: '0009200001', name: 'Kestrel Value Partners, L.P.' }],
    fixture: 'schedule13d-activist-two-persons.xml', primaryName: 'primary_doc.xml',
  },
  {
    accession: '0009100003-26-000044', formType: '4', acceptedAt: '2026-11-19T18:40:00-05:00',
    issuer: { cik: '0009000002', name: 'Borealis Robotics Corp' }, owners: [{ cik: '0009100003', name: 'Rivera Maria' }],
    fixture: 'form4-cfo-sales-aff10b5One.xml', primaryName: 'doc4.xml',
  },
  {
    accession: '0009200003-26-000020', formType: 'SCHEDULE 13G', acceptedAt: '2026-11-20T11:00:00-05:00',
    issuer: { cik: '0009000002', name: 'Borealis Robotics Corp' }, owners: [{ cik: '0009200003', name: 'Quillfeather Capital LLC' }],
    fixture: 'schedule13g-passive-leading-blank-line.xml', primaryName: 'primary_doc.xml',
  },
  {
    accession: '0009100099-26-000007', formType: '4', acceptedAt: '2026-11-18T10:00:00-05:00',
    issuer: { cik: '0009000003', name: 'Cobalt Harbor Bancorp' }, owners: [{ cik: '0009100099', name: 'Broken Filer' }],
    fixture: 'form4-truncated-download.xml', primaryName: 'form4.xml',
  },
];
