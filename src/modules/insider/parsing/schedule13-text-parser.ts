import { decodeEntities } from '../xml/xml-tree';
import { edgarNumber, isoDate, padCik } from './edgar-values';
import { FilingParseError, Schedule13Filing, Schedule13Person } from './parsed-filing';
import { largest, missing } from './schedule13-xml-parser';
import { SubmissionHeader } from './submission-text';

// Cover-page rows: 13D numbers aggregate = row 11 and percent = row 13; 13G aggregate = row 9, percent = row 11.
const PCT = /percent\s+of\s+class\s+represented\s+by\s+amount\s+in\s+row\s*\(?\s*(?:9|11)\s*\)?\s*[:.]?\s*(?:\(\d+\)\s*)?(-0-|[<>]?\s*\d+(?:\.\d+)?\s*%?|less\s+than\s+[\d.]+\s*%)/gi;
const AGG = /aggregate\s+amount\s+beneficially\s+owned\s+by\s+each\s+reporting\s+person\s*[:.]?\s*(?:\(\d+\)\s*)?([\d,]+|-0-)/gi;
const NAMES = /names?\s+of\s+reporting\s+persons?[^:A-Za-z]*(?:I\.R\.S\.[^:]*?(?:\(entities only\))?)?\s*[:.]?\s*(?:\(\d+\)\s*)?([A-Z][^\n]{2,80}?)(?=\s+(?:\(?2\)?\s|2\.|check\s+the\s+appropriate))/gi;

/**
 * Best-effort reading of a pre-XML Schedule 13D/13G (plain text or HTML). Whatever is not found
 * is listed in `notFound` instead of guessed.
 */
export function parseSchedule13Text(body: string, header: Partial<SubmissionHeader> = {}): Schedule13Filing {
  const text = plainText(body);
  const formType = header.formType ?? formFromText(text);
  const schedule = /13D/i.test(formType ?? '') ? '13D' : /13G/i.test(formType ?? '') ? '13G' : null;
  if (!schedule || !formType) throw new FilingParseError('not a Schedule 13D/13G document (no "SCHEDULE 13D" or "SCHEDULE 13G" title found)');

  const percents = [...text.matchAll(PCT)].map((m) => percentValue(m[1]));
  const aggregates = [...text.matchAll(AGG)].map((m) => (m[1] === '-0-' ? '0' : edgarNumber(m[1])));
  const names = [...text.matchAll(NAMES)].map((m) => m[1].trim());
  const count = Math.max(percents.length, aggregates.length);
  const persons: Schedule13Person[] = Array.from({ length: count }, (_, i) => ({
    name: names[i] ?? '',
    cik: null,
    percentOfClass: percents[i] ?? null,
    shares: aggregates[i] ?? null,
    typeOfReportingPerson: [],
    fundType: [],
  }));
  const amendmentNo = /amendment\s+no\.?\s*:?\s*(\d+)/i.exec(text)?.[1] ?? null;
  const filing: Schedule13Filing = {
    kind: 'schedule13',
    formType,
    schedule,
    amendment: /\/A$/i.test(formType) || amendmentNo !== null,
    amendmentNo,
    previousAccession: null,
    structured: false,
    issuer: {
      cik: padCik(header.subjectCik ?? null),
      name: header.subjectName ?? /([^\n()]*[A-Za-z][^\n()]*)\s*[\s_-]*\(\s*name\s+of\s+issuer\s*\)/i.exec(text)?.[1].replace(/[-_]{3,}/g, '').trim() ?? null,
      cusip: /([0-9A-Z]{6}[ -]?[0-9A-Z]{2}[ -]?[0-9])\s*-*\s*\(\s*CUSIP\s+Number\s*\)/i.exec(text)?.[1].replace(/[ -]/g, '') ?? null,
      ticker: null,
    },
    filer: { cik: padCik(header.filerCik ?? null), name: header.filerName ?? persons[0]?.name ?? null },
    eventDate: eventDate(text),
    persons,
    percentOfClass: largest(persons.map((p) => p.percentOfClass)),
    shares: largest(persons.map((p) => p.shares)),
    purpose: schedule === '13D' ? /item\s*4\.?\s*purpose\s+of\s+(?:the\s+)?transaction\.?\s*([\s\S]{10,3000}?)(?=\s*item\s*5\b)/i.exec(text)?.[1].trim() ?? null : null,
    rule: /\[\s*[xX]\s*\]\s*(rule\s+13d-1\s*\([bcd]\))/i.exec(text)?.[1].replace(/\s+/g, ' ').replace(/^rule/i, 'Rule') ?? null,
    notFound: [],
  };
  filing.notFound = missing(filing);
  return filing;
}

export function plainText(body: string): string {
  const stripped = body
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(p|div|tr|td|h\d|li)>/gi, '\n')
    .replace(/<[^>]+>/g, ' ');
  return decodeEntities(stripped)
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n');
}

function formFromText(text: string): string | null {
  const m = /schedule\s+13([dg])(\/a)?/i.exec(text);
  return m ? `SC 13${m[1].toUpperCase()}${m[2] ? '/A' : ''}` : null;
}

function percentValue(raw: string): string | null {
  if (/-0-/.test(raw)) return '0';
  const n = /(\d+(?:\.\d+)?)/.exec(raw)?.[1];
  return n ? edgarNumber(n) : null;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function eventDate(text: string): string | null {
  const m = /([A-Za-z]+\s+\d{1,2},\s*\d{4}|\d{2}\/\d{2}\/\d{4})\s*-*\s*\(\s*date\s+of\s+event/i.exec(text);
  if (!m) return null;
  const words = /^([A-Za-z]+)\s+(\d{1,2}),\s*(\d{4})$/.exec(m[1].trim());
  if (!words) return isoDate(m[1]);
  const month = MONTHS.indexOf(words[1].toLowerCase());
  return month < 0 ? null : `${words[3]}-${String(month + 1).padStart(2, '0')}-${words[2].padStart(2, '0')}`;
}
