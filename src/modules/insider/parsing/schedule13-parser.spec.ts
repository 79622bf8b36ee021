import { fixture } from '../../../../test/fakes/edgar/fixture-files';
import { parseEdgarDocument } from './edgar-document-parser';
import { Schedule13Filing } from './parsed-filing';

function stake(name: string): Schedule13Filing {
  const outcome = parseEdgarDocument(fixture(name));
  if (!outcome.ok) throw new Error(outcome.reason);
  if (outcome.filing.kind !== 'schedule13') throw new Error('not a schedule 13 filing');
  return outcome.filing;
}

describe('Schedule 13D/13G structured XML', () => {
  it('13D: filer, subject company (nested CUSIP, inline namespaces), persons, percent, shares and purpose', () => {
    const f = stake('schedule13d-activist-two-persons.xml');
    expect(f).toMatchObject({
      formType: 'SCHEDULE 13D', schedule: '13D', amendment: false, structured: true,
      issuer: { cik: '0009000004', name: 'Dunmore Foods, Inc.', cusip: '26590X104', ticker: null },
      filer: { cik: '0009200001', name: 'Kestrel Value Partners, L.P.' },
      eventDate: '2026-11-19', percentOfClass: '12.4', shares: '3100000', notFound: [],
    });
    expect(f.purpose).toMatch(/^The Reporting Persons believe the shares are undervalued\. .*nominate two candidates/);
    expect(f.persons.map((p) => [p.name, p.percentOfClass, p.typeOfReportingPerson, p.fundType])).toEqual([
      ['Kestrel Value Partners, L.P.', '12.4', ['PN'], ['WC']],
      ['Whitcombe Liam', '12.4', ['IN'], ['AF']],
    ]);
  });

  it('13G with a blank line before the XML declaration, repeated person types and the rule checked', () => {
    const f = stake('schedule13g-passive-leading-blank-line.xml');
    expect(f).toMatchObject({
      formType: 'SCHEDULE 13G', schedule: '13G', amendment: false, rule: 'Rule 13d-1(c)',
      issuer: { cik: '0009000002', name: 'Borealis Robotics Corp', cusip: '09972R101' },
      filer: { cik: '0009200003', name: 'Quillfeather Capital LLC' },
      eventDate: '2026-11-10', percentOfClass: '6.2', shares: '1860000', purpose: null,
    });
    // item 4's classPercent is a sentence: the cover page's number is the one taken
    expect(f.persons[0].typeOfReportingPerson).toEqual(['IA', 'OO']);
  });

  it('13G/A: amendment number and the previous accession', () => {
    expect(stake('schedule13g-amendment-institution.xml')).toMatchObject({
      formType: 'SCHEDULE 13G/A', amendment: true, amendmentNo: '2', previousAccession: '0009200004-26-000011', percentOfClass: '9.8', rule: 'Rule 13d-1(b)',
      issuer: { cusip: '19111C104' },
    });
  });
});

describe('Schedule 13D/13G before the XML era: best-effort text extraction', () => {
  it('plain-text 13D: cover-page rows, Item 4, and what could not be found', () => {
    const f = stake('sc13d-legacy-plain-text.txt');
    expect(f).toMatchObject({
      formType: 'SC 13D', schedule: '13D', structured: false, amendment: false,
      issuer: { cik: null, name: 'ACME WIDGETS HOLDINGS, INC.', cusip: '004471105' },
      filer: { name: 'Ironbark Opportunity Fund, L.P.' },
      eventDate: '2024-03-04', percentOfClass: '7.6', shares: '1250000',
    });
    expect(f.purpose).toMatch(/intend to engage with management and the board/);
    expect(f.notFound).toEqual(['issuer.cik']);
  });

  it('HTML 13G inside a complete submission: subject and filer from the SGML header', () => {
    const f = stake('sc13g-legacy-html-submission.txt');
    expect(f).toMatchObject({
      formType: 'SC 13G', schedule: '13G', structured: false, rule: 'Rule 13d-1(c)',
      issuer: { cik: '0009000003', name: 'Cobalt Harbor Bancorp', cusip: '19111C104' },
      filer: { cik: '0009200005', name: 'LANTERN ROCK ADVISORS LLC' },
      eventDate: '2023-12-31', percentOfClass: '6', shares: '2700000', notFound: [],
    });
  });

  it('a 13D whose cover page is missing lists the fields as not found', () => {
    const outcome = parseEdgarDocument('SCHEDULE 13D\nSomething about a company with no cover page at all.');
    expect(outcome.ok && outcome.filing.kind === 'schedule13' && outcome.filing.notFound).toEqual(['issuer.cik', 'issuer.name', 'issuer.cusip', 'filer.name', 'eventDate', 'percentOfClass', 'shares', 'purpose']);
  });
});
