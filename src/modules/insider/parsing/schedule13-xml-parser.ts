import { compareDecimal } from '../../../core/money';
import { XmlElement } from '../xml/xml-tree';
import { all, descendants, first, textAt } from '../xml/xml-query';
import { edgarNumber, isoDate, padCik } from './edgar-values';
import { FilingParseError, Schedule13Filing, Schedule13Person } from './parsed-filing';

/** Structured Schedule 13D/13G (`edgarSubmission`, filed since 2024-12-18). Namespaces are already dropped. */
export function parseSchedule13Xml(root: XmlElement): Schedule13Filing {
  if (root.name !== 'edgarSubmission') throw new FilingParseError(`expected <edgarSubmission>, found <${root.name}>`);
  const formType = textAt(root, 'headerData', 'submissionType');
  const schedule = /13D/i.test(formType ?? '') ? '13D' : /13G/i.test(formType ?? '') ? '13G' : null;
  if (!formType || !schedule) throw new FilingParseError(`not a Schedule 13D/13G submission (submissionType "${formType ?? ''}")`);
  const form = first(root, 'formData');
  if (!form) throw new FilingParseError('the submission has no formData');
  const cover = first(form, 'coverPageHeader');
  const issuerInfo = first(cover, 'issuerInfo');
  const cusip = textAt(issuerInfo, 'issuerCUSIP') ?? textAt(issuerInfo, 'issuerCusip') ?? (descendants(issuerInfo ?? form, 'issuerCusipNumber').map((c) => c.text.trim())[0] || null);
  const persons = schedule === '13D' ? all(form, 'reportingPersons', 'reportingPersonInfo').map(person13D) : all(form, 'coverPageHeaderReportingPersonDetails').map(person13G);
  const headline = largest(persons.map((p) => p.percentOfClass));
  const filerCik = padCik(textAt(root, 'headerData', 'filerInfo', 'filer', 'filerCredentials', 'cik'));
  const filerName = persons.find((p) => p.cik && p.cik === filerCik)?.name ?? persons[0]?.name ?? null;
  const purpose = schedule === '13D' ? textAt(form, 'items1To7', 'item4', 'transactionPurpose') ?? null : null;
  const rule = schedule === '13G' ? textAt(cover, 'designateRulesPursuantThisScheduleFiled', 'designateRulePursuantThisScheduleFiled') ?? null : null;
  const filing: Schedule13Filing = {
    kind: 'schedule13',
    formType,
    schedule,
    amendment: /\/A$/i.test(formType),
    amendmentNo: textAt(cover, 'amendmentNo') ?? null,
    previousAccession: textAt(root, 'headerData', 'previousAccessionNumber') ?? null,
    structured: true,
    issuer: {
      cik: padCik(textAt(issuerInfo, 'issuerCIK') ?? textAt(issuerInfo, 'issuerCik')),
      name: textAt(issuerInfo, 'issuerName') ?? null,
      cusip: cusip ?? null,
      ticker: null,
    },
    filer: { cik: filerCik, name: filerName },
    eventDate: isoDate(textAt(cover, 'dateOfEvent') ?? textAt(cover, 'eventDateRequiresFilingThisStatement')),
    persons,
    percentOfClass: headline,
    shares: largest(persons.map((p) => p.shares)),
    purpose,
    rule,
    notFound: [],
  };
  filing.notFound = missing(filing);
  return filing;
}

function person13D(el: XmlElement): Schedule13Person {
  return {
    name: textAt(el, 'reportingPersonName') ?? '',
    cik: padCik(textAt(el, 'reportingPersonCIK')),
    percentOfClass: edgarNumber(textAt(el, 'percentOfClass')),
    shares: edgarNumber(textAt(el, 'aggregateAmountOwned')),
    typeOfReportingPerson: all(el, 'typeOfReportingPerson').map((t) => t.text.trim()).filter(Boolean),
    fundType: all(el, 'fundType').map((t) => t.text.trim()).filter(Boolean),
  };
}

function person13G(el: XmlElement): Schedule13Person {
  return {
    name: textAt(el, 'reportingPersonName') ?? '',
    cik: padCik(textAt(el, 'reportingPersonCIK') ?? textAt(el, 'reportingPersonCik')),
    percentOfClass: edgarNumber(textAt(el, 'classPercent')),
    shares: edgarNumber(textAt(el, 'reportingPersonBeneficiallyOwnedAggregateNumberOfShares')),
    typeOfReportingPerson: all(el, 'typeOfReportingPerson').map((t) => t.text.trim()).filter(Boolean),
    fundType: all(el, 'fundType').map((t) => t.text.trim()).filter(Boolean),
  };
}

export function largest(values: (string | null)[]): string | null {
  return values.reduce<string | null>((best, v) => (v === null ? best : best === null || compareDecimal(v, best) > 0 ? v : best), null);
}

export function missing(f: Schedule13Filing): string[] {
  const checks: [string, unknown][] = [
    ['issuer.cik', f.issuer.cik],
    ['issuer.name', f.issuer.name],
    ['issuer.cusip', f.issuer.cusip],
    ['filer.name', f.filer.name],
    ['eventDate', f.eventDate],
    ['percentOfClass', f.percentOfClass],
    ['shares', f.shares],
  ];
  if (f.schedule === '13D') checks.push(['purpose', f.purpose]);
  return checks.filter(([, v]) => v === null || v === undefined || v === '').map(([k]) => k);
}
