import { parseXml } from '../xml/xml-tree';
import { all, textAt } from '../xml/xml-query';
import { padCik } from '../parsing/edgar-values';

export interface FeedEntry {
  accession: string;
  formType: string;
  cik: string;
  name: string;
  /** Reporting / Issuer (Forms 3/4/5), Subject / Filed by (13D/G), Filer */
  role: string;
  indexUrl: string;
  updated: string;
}

/** One page of the "current filings" Atom feed. Every filing appears once per party: dedupe on accession. */
export function parseCurrentFeed(xml: string): FeedEntry[] {
  const root = parseXml(xml);
  if (root.name !== 'feed') throw new Error(`expected an Atom <feed>, found <${root.name}>`);
  return all(root, 'entry').flatMap((entry) => {
    const id = textAt(entry, 'id') ?? '';
    const accession = /accession-number=(\d{10}-\d{2}-\d{6})/.exec(id)?.[1];
    const term = all(entry, 'category')[0]?.attrs.term;
    const title = textAt(entry, 'title') ?? '';
    // "<form> - <name> (<cik>) (<role>)": read from the right, names can hold " - " and parentheses
    const m = /^(.*?) - (.*) \((\d{10})\) \(([^)]+)\)$/.exec(title);
    const cik = padCik(m?.[3]);
    if (!accession || !cik) return [];
    const link = all(entry, 'link')[0]?.attrs.href ?? '';
    return [{ accession, formType: term ?? m?.[1] ?? '', cik, name: m?.[2] ?? '', role: m?.[4] ?? '', indexUrl: link, updated: textAt(entry, 'updated') ?? '' }];
  });
}
