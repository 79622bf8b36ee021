import * as http from 'http';
import { AddressInfo } from 'net';

/** A Yahoo-chart-compatible server on 127.0.0.1: daily closes per symbol, 404 for unknown ones. */
export class FakePriceServer {
  readonly requests: string[] = [];
  private server: http.Server | null = null;
  url = '';

  constructor(private readonly closes: Record<string, { date: string; close: number | null }[]>) {}

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      this.requests.push(req.url ?? '');
      const symbol = decodeURIComponent(/^\/v8\/finance\/chart\/([^?]+)/.exec(req.url ?? '')?.[1] ?? '');
      const bars = this.closes[symbol];
      res.setHeader('content-type', 'application/json');
      if (!bars) {
        res.statusCode = 404;
        return res.end(JSON.stringify({ chart: { result: null, error: { code: 'Not Found', description: 'No data found, symbol may be delisted' } } }));
      }
      const timestamp = bars.map((b) => Date.parse(`${b.date}T14:30:00Z`) / 1000);
      res.end(JSON.stringify({ chart: { result: [{ meta: { symbol, currency: 'USD' }, timestamp, indicators: { quote: [{ close: bars.map((b) => b.close) }] } }], error: null } }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
