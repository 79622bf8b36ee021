import { request as httpRequest } from 'node:http';
import { WebSocket } from 'ws';

/**
 * Bare-wire clients for the fake's own specs: plain http and ws, no app code, so the specs check
 * the fake against the reference rather than against our client.
 */
export interface RestResult {
  status: number;
  body: any;
  text: string;
  headers: Record<string, string | string[] | undefined>;
}

export function rest(url: string, opts: { method?: string; body?: unknown; token?: string; form?: boolean } = {}): Promise<RestResult> {
  const payload = opts.body === undefined ? undefined : opts.form ? new URLSearchParams(opts.body as Record<string, string>).toString() : JSON.stringify(opts.body);
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (payload !== undefined) headers['Content-Type'] = opts.form ? 'application/x-www-form-urlencoded' : 'application/json';
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: opts.method ?? (payload === undefined ? 'GET' : 'POST'), headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = text === '' ? undefined : JSON.parse(text);
        } catch {
          /* plain text error body */
        }
        resolve({ status: res.statusCode ?? 0, body, text, headers: res.headers });
      });
    });
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

export interface WireResponse {
  s: number;
  i: number;
  d?: any;
}
export interface WireEvent {
  e: string;
  d: any;
}

/** A socket speaking the frame protocol: collects every frame and every message of `a[...]` frames. */
export class WireSocket {
  readonly frames: string[] = [];
  readonly messages: (WireResponse | WireEvent)[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private nextId = 1;
  private heartbeatTimer?: NodeJS.Timeout;
  private waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const text = String(data);
      this.frames.push(text);
      if (text.startsWith('a')) this.messages.push(...(JSON.parse(text.slice(1)) as (WireResponse | WireEvent)[]));
      this.waiters.forEach((w) => w());
    });
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        this.stopHeartbeats();
        resolve({ code, reason: String(reason) });
        this.waiters.forEach((w) => w());
      });
    });
  }

  static async open(url: string): Promise<WireSocket> {
    const socket = new WireSocket(new WebSocket(url));
    await socket.until(() => socket.frames.includes('o'), 2000, 'open frame');
    return socket;
  }

  /** Opens, authorizes and starts `[]` heartbeats. */
  static async authorized(url: string, token: string, heartbeatMs = 250): Promise<WireSocket> {
    const socket = await WireSocket.open(url);
    const res = await socket.send('authorize', undefined, token);
    if (res.s !== 200) throw new Error(`authorize failed: ${JSON.stringify(res)}`);
    socket.startHeartbeats(heartbeatMs);
    return socket;
  }

  /** Sends `endpoint\nid\nquery\nbody` and waits for the `{s,i,d}` with that id. */
  async send(endpoint: string, body?: unknown, rawBody?: string, query = '', timeoutMs = 3000): Promise<WireResponse> {
    const id = this.nextId++;
    this.ws.send(`${endpoint}\n${id}\n${query}\n${rawBody ?? (body === undefined ? '' : JSON.stringify(body))}`);
    return this.until(() => this.responses().find((r) => r.i === id), timeoutMs, `response ${id} to ${endpoint}`);
  }

  sendRaw(text: string): void {
    this.ws.send(text);
  }

  startHeartbeats(ms: number): void {
    this.stopHeartbeats();
    this.heartbeatTimer = setInterval(() => this.ws.readyState === WebSocket.OPEN && this.ws.send('[]'), ms);
  }

  stopHeartbeats(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
  }

  responses(): WireResponse[] {
    return this.messages.filter((m): m is WireResponse => 'i' in m);
  }

  events(kind?: string): WireEvent[] {
    return this.messages.filter((m): m is WireEvent => 'e' in m && (kind === undefined || m.e === kind));
  }

  /** Props events flattened to `{entityType, eventType, entity}` whatever their shape on the wire. */
  props(): { entityType: string; eventType: string; entity: any }[] {
    return this.events('props').flatMap((ev) => {
      const ds = Array.isArray(ev.d) ? ev.d : [ev.d];
      return ds.flatMap((d: any) => (Array.isArray(d.entity) ? d.entity : [d.entity]).map((entity: any) => ({ entityType: d.entityType, eventType: d.eventType, entity })));
    });
  }

  until<T>(probe: () => T | undefined | false, timeoutMs = 2000, what = 'condition'): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = probe();
        if (value) {
          cleanup();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
      };
      this.waiters.push(check);
      check();
    });
  }

  close(): void {
    this.stopHeartbeats();
    this.ws.close();
  }
}
