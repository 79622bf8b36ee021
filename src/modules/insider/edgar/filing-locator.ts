import { decodeEdgarBytes } from '../parsing/edgar-bytes';
import { EdgarHttpClient } from './edgar-http-client';
import { EdgarUrls } from './edgar-urls';

export interface FetchedDocument {
  url: string;
  content: string;
}

/** A filing not in the archive yet (the folder can lag the feed): try again later. */
export class FilingNotReadyError extends Error {}

/**
 * Finds and downloads a filing's primary document: the folder's index.json names it (one .xml
 * for ownership forms, primary_doc.xml for 13D/G); when that fails, the complete submission .txt.
 */
export class FilingLocator {
  constructor(
    private readonly client: EdgarHttpClient,
    private readonly urls: EdgarUrls,
  ) {}

  async fetchPrimary(cik: string, accession: string, formType: string, primaryDocument: string | null): Promise<FetchedDocument> {
    const name = primaryDocument ? rawName(primaryDocument) : await this.primaryFromIndex(cik, accession, formType);
    if (name) {
      const url = this.urls.document(cik, accession, name);
      const res = await this.client.get(url);
      if (res.status === 200) return { url, content: decodeEdgarBytes(res.body) };
    }
    const url = this.urls.completeSubmission(cik, accession);
    const res = await this.client.get(url);
    if (res.status === 200) return { url, content: decodeEdgarBytes(res.body) };
    throw new FilingNotReadyError(`filing ${accession} is not in the archive yet (${res.status} on ${url})`);
  }

  private async primaryFromIndex(cik: string, accession: string, formType: string): Promise<string | null> {
    const res = await this.client.get(this.urls.folderIndex(cik, accession));
    if (res.status !== 200) return null;
    let items: { name?: string }[];
    try {
      items = JSON.parse(res.body.toString('utf8'))?.directory?.item ?? [];
    } catch {
      return null;
    }
    const names = items.map((i) => i.name ?? '').filter((n) => n && !n.startsWith('xsl'));
    const xml = names.filter((n) => n.toLowerCase().endsWith('.xml'));
    if (/13[DG]/i.test(formType)) return xml.find((n) => n === 'primary_doc.xml') ?? null; // legacy 13D/G: the .txt
    return xml.length === 1 ? xml[0] : (xml.find((n) => /form[345]|doc[345]|ownership|primary/i.test(n)) ?? xml[0] ?? null);
  }
}

/** The submissions JSON names the rendered copy (xslF345X05/doc.xml); the raw file is the part after the folder. */
export function rawName(primaryDocument: string): string {
  const [head, ...rest] = primaryDocument.split('/');
  return head.startsWith('xsl') && rest.length ? rest.join('/') : primaryDocument;
}
