import { scoreFiling } from '../scoring/filing-score';
import { SignalScore } from '../scoring/signal-score';
import { parseEdgarDocument } from './edgar-document-parser';
import { ParsedFiling } from './parsed-filing';

export type DocumentReport =
  | { ok: true; accession: string | null; filing: ParsedFiling; score: SignalScore }
  | { ok: false; accession: string | null; error: string };

/** What `insider:parse` prints: the parsed filing and its score (without market context). */
export function reportDocument(content: string): DocumentReport {
  const outcome = parseEdgarDocument(content);
  if (!outcome.ok) return { ok: false, accession: outcome.accession, error: outcome.reason };
  return { ok: true, accession: outcome.accession, filing: outcome.filing, score: scoreFiling(outcome.filing) };
}
