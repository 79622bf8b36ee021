import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import { DEFAULT_FILINGS, FakeFiling } from './catalog';
import { fixture, fixturePath } from './fixture-files';

export interface LoggedRequest {
  at: number;
  path: string;
  userAgent: string;
  status: number;
}

interface Fault {
  match: RegExp;
  status: number;
  times: number;
  retryAfter?: number;
  body?: string;
}

const RATE_PAGE = '<html><head><title>SEC.gov | Request Rate Threshold Exceeded</title></head><body><h1>You\u2019ve Exceeded the SEC\u2019s Traffic Limit</h1></body></html>';
const UNDECLARED_PAGE = '<html><body><h1>Your Request Originates from an Undeclared Automated Tool</h1><p>Please declare your traffic by updating your user agent to include company specific information.</p></body></html>';

/**
 * A real HTTP server on 127.0.0.1 speaking EDGAR's URL shapes with the project's own fixtures:
 * the current-filings Atom feed (type filter, paging, one entry per party), folder index.json,
 * documents, complete submissions, submissions JSON and the ticker map. It logs every request
 * and can be told to fail (429, 403 rate page, 5xx, 404) so tests see the client's manners.
 */
export class FakeEdgarServer {
  readonly requests: LoggedRequest[] = [];
  filings: FakeFiling[] = [...DEFAULT_FILINGS];
  private readonly faults: Fault[] = [];
  private server: http.Server | null = null;
  url = '';

  async start(port = 0): Promise<string> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }

  /** The next `times` requests whose path matches answer `status` (429 with Retry-After, 403 rate page ...). */
  fail(match: RegExp, status: number, times = 1, options: { retryAfter?: number; body?: string } = {}): void {
    this.faults.push({ match, status, times, ...options });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  addFiling(filing: FakeFiling): void {
    this.filings.unshift(filing);
  }

  requestsTo(pattern: RegExp): LoggedRequest[] {
    return this.requests.filter((r) => pattern.test(r.path));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = req.url ?? '/';
    const userAgent = String(req.headers['user-agent'] ?? '');
    const send = (status: number, body: string | Buffer, type = 'text/html', headers: Record<string, string> = {}) => {
      this.requests.push({ at: Date.now(), path, userAgent, status });
      res.writeHead(status, { 'content-type': type, ...headers });
      res.end(body);
    };
    if (!/\S+@\S+\.\S+/.test(userAgent)) return send(403, UNDECLARED_PAGE);
    const fault = this.faults.find((f) => f.times > 0 && f.match.test(path));
    if (fault) {
      fault.times--;
      const body = fault.body ?? (fault.status === 403 ? RATE_PAGE : fault.status === 429 ? 'Too Many Requests' : 'error');
      return send(fault.status, body, 'text/html', fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {});
    }
    const u = new URL(path, 'http://fake');
    const withEtag = (body: string, type: string) => {
      const etag = `"${Buffer.from(body).length}-${hash(body)}"`;
      if (req.headers['if-none-match'] === etag) return send(304, '', type, { etag });
      return send(200, body, type, { etag });
    };
    if (u.pathname === '/cgi-bin/browse-edgar' && u.searchParams.get('action') === 'getcurrent') return withEtag(this.feed(u.searchParams), 'application/atom+xml');
    if (u.pathname === '/files/company_tickers.json') return withEtag(fixture('company_tickers.json'), 'application/json');
    const subs = /^\/submissions\/CIK(\d{10})\.json$/.exec(u.pathname);
    if (subs) return withEtag(JSON.stringify(this.submissions(subs[1])), 'application/json');
    const doc = /^\/Archives\/edgar\/data\/(\d+)\/(\d{18})\/(.+)$/.exec(u.pathname);
    if (doc) {
      const filing = this.filings.find((f) => f.accession.replace(/-/g, '') === doc[2] && [f.issuer.cik, ...f.owners.map((o) => o.cik)].some((c) => Number(c) === Number(doc[1])));
      if (!filing) return send(404, 'Not Found');
      if (doc[3] === 'index.json') return send(200, JSON.stringify(this.folderIndex(filing, doc[1])), 'application/json');
      if (doc[3] === filing.primaryName) return send(200, fs.readFileSync(fixturePath(filing.fixture)), 'text/xml');
      if (doc[3] === `${filing.accession}.txt`) return send(200, this.completeSubmission(filing), 'text/plain');
      return send(404, 'Not Found');
    }
    send(404, 'Not Found');
  }

  private feed(params: URLSearchParams): string {
    const type = (params.get('type') ?? '').toUpperCase();
    const start = Number(params.get('start') ?? 0);
    const count = Math.min(Number(params.get('count') ?? 40), 100);
    const entries = [...this.filings]
      .sort((a, b) => Date.parse(b.acceptedAt) - Date.parse(a.acceptedAt))
      .filter((f) => !type || f.formType.toUpperCase().startsWith(type))
      .flatMap((f) => {
        const ownership = /^[345]/.test(f.formType);
        const parties = [...f.owners.map((o) => ({ ...o, role: ownership ? 'Reporting' : 'Filed by' })), { ...f.issuer, role: ownership ? 'Issuer' : 'Subject' }];
        return parties.map((p) => atomEntry(f, p));
      })
      .slice(start, start + count);
    return `<?xml version="1.0" encoding="ISO-8859-1" ?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n<title>Latest Filings</title>\n<link rel="self" href="/cgi-bin/browse-edgar?action=getcurrent"/>\n<id>https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent</id>\n<author><name>Webmaster</name><email>webmaster@sec.gov</email></author>\n<updated>2026-11-24T17:10:00-05:00</updated>\n${entries.join('\n')}\n</feed>\n`;
  }

  private folderIndex(f: FakeFiling, cik: string) {
    const folder = `/Archives/edgar/data/${Number(cik)}/${f.accession.replace(/-/g, '')}`;
    const when = f.acceptedAt.slice(0, 19).replace('T', ' ');
    return {
      directory: {
        item: [
          { 'last-modified': when, name: `${f.accession}-index-headers.html`, type: 'text.gif', size: '' },
          { 'last-modified': when, name: `${f.accession}-index.html`, type: 'text.gif', size: '' },
          { 'last-modified': when, name: `${f.accession}.txt`, type: 'text.gif', size: '' },
          { 'last-modified': when, name: f.primaryName, type: 'text.gif', size: String(fs.statSync(fixturePath(f.fixture)).size) },
        ],
        name: folder,
        'parent-dir': `/Archives/edgar/data/${Number(cik)}`,
      },
    };
  }

  private completeSubmission(f: FakeFiling): string {
    const body = fixture(f.fixture);
    if (body.includes('<SEC-DOCUMENT>')) return body;
    return `<SEC-DOCUMENT>${f.accession}.txt\n<SEC-HEADER>\nACCESSION NUMBER:\t\t${f.accession}\nCONFORMED SUBMISSION TYPE:\t${f.formType}\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>${f.formType}\n<SEQUENCE>1\n<FILENAME>${f.primaryName}\n<TEXT>\n<XML>\n${body.trim()}\n</XML>\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n`;
  }

  private submissions(cik10: string) {
    const rows = this.filings.filter((f) => f.issuer.cik === cik10);
    const ticker = /"cik_str":(\d+),"ticker":"([^"]+)"/g;
    const tickers = [...fixture('company_tickers.json').matchAll(ticker)].filter((m) => Number(m[1]) === Number(cik10)).map((m) => m[2]);
    return {
      cik: String(Number(cik10)),
      entityType: 'operating',
      name: rows[0]?.issuer.name ?? 'Unknown Co',
      tickers,
      insiderTransactionForIssuerExists: 1,
      filings: {
        recent: {
          accessionNumber: rows.map((f) => f.accession),
          filingDate: rows.map((f) => f.acceptedAt.slice(0, 10)),
          acceptanceDateTime: rows.map((f) => `${f.acceptedAt.slice(0, 19)}.000Z`),
          form: rows.map((f) => f.formType),
          primaryDocument: rows.map((f) => (/^[345]/.test(f.formType) ? `xslF345X05/${f.primaryName}` : f.primaryName)),
        },
        files: [],
      },
    };
  }
}

function atomEntry(f: FakeFiling, party: { cik: string; name: string; role: string }): string {
  const folder = `https://www.sec.gov/Archives/edgar/data/${Number(party.cik)}/${f.accession.replace(/-/g, '')}/${f.accession}-index.htm`;
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<entry>
<title>${esc(f.formType)} - ${esc(party.name)} (${party.cik}) (${party.role})</title>
<link rel="alternate" type="text/html" href="${folder}"/>
<summary type="html"> &lt;b&gt;Filed:&lt;/b&gt; ${f.acceptedAt.slice(0, 10)} &lt;b&gt;AccNo:&lt;/b&gt; ${f.accession} &lt;b&gt;Size:&lt;/b&gt; 9 KB</summary>
<updated>${f.acceptedAt}</updated>
<category scheme="https://www.sec.gov/" label="form type" term="${esc(f.formType)}"/>
<id>urn:tag:sec.gov,2008:accession-number=${f.accession}</id>
</entry>`;
}

function hash(text: string): string {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(16);
}
