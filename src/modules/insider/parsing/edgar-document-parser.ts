import { parseXml, XmlSyntaxError } from '../xml/xml-tree';
import { parseOwnershipDocument } from './ownership-parser';
import { FilingParseError, ParsedFiling } from './parsed-filing';
import { parseSchedule13Text } from './schedule13-text-parser';
import { parseSchedule13Xml } from './schedule13-xml-parser';
import { looksLikeSubmission, submissionDocuments, submissionHeader } from './submission-text';

export type ParseOutcome = { ok: true; filing: ParsedFiling; accession: string | null } | { ok: false; reason: string; accession: string | null };

/**
 * Any EDGAR document a user or the poller hands us: ownership XML, Schedule 13D/G XML, a legacy
 * 13D/G text or HTML page, or a complete submission (`.txt`/`.nc`) with one of those inside.
 * Never throws: a document we cannot read is a failure with its reason.
 */
export function parseEdgarDocument(content: string): ParseOutcome {
  let accession: string | null = null;
  try {
    if (looksLikeSubmission(content)) {
      const header = submissionHeader(content);
      accession = header.accession;
      return { ok: true, filing: fromSubmission(content), accession };
    }
    return { ok: true, filing: fromDocument(content), accession };
  } catch (error) {
    if (error instanceof FilingParseError) return { ok: false, reason: error.message, accession };
    if (error instanceof XmlSyntaxError) return { ok: false, reason: `malformed XML: ${error.message}`, accession };
    return { ok: false, reason: `unreadable document: ${(error as Error).message ?? String(error)}`, accession };
  }
}

function fromSubmission(content: string): ParsedFiling {
  const header = submissionHeader(content);
  const docs = submissionDocuments(content);
  const xmlDoc = docs.find((d) => d.xml && /<(\w+:)?(ownershipDocument|edgarSubmission)\b/.test(d.xml));
  if (xmlDoc?.xml) return fromXml(xmlDoc.xml);
  const form = header.formType ?? docs[0]?.type ?? '';
  if (/13[DG]/i.test(form)) {
    const doc = docs.find((d) => /13[DG]/i.test(d.type)) ?? docs[0];
    if (!doc?.text) throw new FilingParseError(`the ${form} submission has no document text`);
    return parseSchedule13Text(doc.text, header);
  }
  if (/^[345](\/A)?$/.test(form.trim())) throw new FilingParseError(`Form ${form.trim()} without an XML document (a pre-2003 plain-text filing): not parsed`);
  throw new FilingParseError(`unsupported form type "${form}" (expected Forms 3/4/5 or Schedule 13D/13G)`);
}

function fromDocument(content: string): ParsedFiling {
  const trimmed = content.trimStart();
  if (trimmed === '') throw new FilingParseError('the document is empty');
  if (/^<\?xml|^<(\w+:)?(ownershipDocument|edgarSubmission)\b/.test(trimmed)) return fromXml(trimmed);
  if (/schedule\s+13[dg]/i.test(content)) return parseSchedule13Text(content);
  throw new FilingParseError('not an ownership XML, Schedule 13D/13G or EDGAR submission document');
}

function fromXml(xml: string): ParsedFiling {
  const root = parseXml(xml);
  if (root.name === 'ownershipDocument') return parseOwnershipDocument(root);
  if (root.name === 'edgarSubmission') return parseSchedule13Xml(root);
  throw new FilingParseError(`unsupported XML document <${root.name}> (expected ownershipDocument or edgarSubmission)`);
}
