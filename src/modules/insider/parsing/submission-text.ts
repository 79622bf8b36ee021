/**
 * The SGML wrapper of a complete submission (`<acc>.txt`, or the older one-line `.nc` flavour):
 * header values and the documents inside, each with its type and its `<XML>` or `<TEXT>` body.
 */
export interface SubmissionDocument {
  type: string;
  filename: string | null;
  xml: string | null;
  text: string | null;
}

export interface SubmissionHeader {
  accession: string | null;
  formType: string | null;
  subjectCik: string | null;
  subjectName: string | null;
  filerCik: string | null;
  filerName: string | null;
}

export function looksLikeSubmission(text: string): boolean {
  return /<SEC-DOCUMENT>|<SUBMISSION>|<SEC-HEADER>|^\s*<DOCUMENT>/i.test(text.slice(0, 4000));
}

export function submissionDocuments(text: string): SubmissionDocument[] {
  const docs: SubmissionDocument[] = [];
  const re = /<DOCUMENT>([\s\S]*?)(?:<\/DOCUMENT>|$)/gi;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const body = m[1];
    const type = /<TYPE>([^\n<]*)/i.exec(body)?.[1].trim() ?? '';
    const filename = /<FILENAME>([^\n<]*)/i.exec(body)?.[1].trim() ?? null;
    const xml = /<XML>([\s\S]*?)<\/XML>/i.exec(body)?.[1].trim() ?? null;
    const textBody = /<TEXT>([\s\S]*?)(?:<\/TEXT>|$)/i.exec(body)?.[1] ?? null;
    docs.push({ type, filename, xml, text: textBody });
    if (re.lastIndex === m.index) break;
  }
  return docs;
}

export function submissionHeader(text: string): SubmissionHeader {
  const head = text.slice(0, Math.max(0, text.search(/<DOCUMENT>/i)) || 20000);
  const line = (re: RegExp) => re.exec(head)?.[1].trim() ?? null;
  // the plain-text header has "SUBJECT COMPANY:" / "FILED BY:" blocks; the .nc flavour <SUBJECT-COMPANY> / <FILED-BY>
  const block = (start: RegExp) => {
    const at = head.search(start);
    if (at < 0) return '';
    const rest = head.slice(at + 1);
    const next = rest.search(/\n\S[A-Z -]+:\s*\n|<\/?(FILED-BY|SUBJECT-COMPANY|REPORTING-OWNER|ISSUER)>/);
    return next < 0 ? rest : rest.slice(0, next);
  };
  const cikIn = (b: string) => /CENTRAL INDEX KEY:\s*(\d+)|<CIK>\s*(\d+)/.exec(b)?.slice(1).find(Boolean) ?? null;
  const nameIn = (b: string) => /COMPANY CONFORMED NAME:\s*([^\n]+)|<CONFORMED-NAME>\s*([^<\n]+)/.exec(b)?.slice(1).find(Boolean)?.trim() ?? null;
  const subject = block(/SUBJECT COMPANY:|<SUBJECT-COMPANY>/);
  const filer = block(/FILED BY:|<FILED-BY>/);
  return {
    accession: line(/ACCESSION NUMBER:\s*([\d-]+)/) ?? line(/<ACCESSION-NUMBER>\s*([\d-]+)/),
    formType: line(/CONFORMED SUBMISSION TYPE:\s*([^\n]+)/) ?? line(/<TYPE>\s*([^\n<]+)/),
    subjectCik: cikIn(subject),
    subjectName: nameIn(subject),
    filerCik: cikIn(filer),
    filerName: nameIn(filer),
  };
}
