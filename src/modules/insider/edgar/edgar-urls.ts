/** URL shapes of EDGAR (see the reference); the hosts come from config so a fake can stand in. */
export class EdgarUrls {
  constructor(
    readonly www: string,
    readonly data: string,
  ) {}

  currentFeed(formType: string, start: number, count = 100): string {
    return `${this.www}/cgi-bin/browse-edgar?action=getcurrent&type=${encodeURIComponent(formType)}&company=&dateb=&owner=include&start=${start}&count=${count}&output=atom`;
  }

  folder(cik: string, accession: string): string {
    return `${this.www}/Archives/edgar/data/${Number(cik)}/${accession.replace(/-/g, '')}`;
  }

  folderIndex(cik: string, accession: string): string {
    return `${this.folder(cik, accession)}/index.json`;
  }

  filingIndexPage(cik: string, accession: string): string {
    return `${this.folder(cik, accession)}/${accession}-index.htm`;
  }

  document(cik: string, accession: string, name: string): string {
    return `${this.folder(cik, accession)}/${name}`;
  }

  completeSubmission(cik: string, accession: string): string {
    return `${this.folder(cik, accession)}/${accession}.txt`;
  }

  submissions(cik: string): string {
    return `${this.data}/submissions/CIK${cik.padStart(10, '0')}.json`;
  }

  tickerMap(): string {
    return `${this.www}/files/company_tickers.json`;
  }
}
