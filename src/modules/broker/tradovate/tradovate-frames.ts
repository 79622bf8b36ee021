/**
 * Tradovate's socket framing (SockJS-like): the server sends `o`, `h`, `a[...]` and `c[code,"reason"]`;
 * the client sends four-line requests `endpoint\nid\nquery\nbody` and `[]` heartbeats.
 */
export type ServerFrame =
  | { type: 'open' }
  | { type: 'heartbeat' }
  | { type: 'messages'; messages: SocketMessage[] }
  | { type: 'close'; code: number | null; reason: string | null }
  | { type: 'unknown'; raw: string };

/** `{i, s, d}`: the answer to one of our requests. For 2xx `d` is the REST body, otherwise an error text. */
export interface SocketResponse {
  i: number;
  s: number;
  d?: unknown;
}

/** `{e, d}`: an event the server pushes (props, md, chart, shutdown, clock). */
export interface SocketEvent {
  e: string;
  d: unknown;
}

export type SocketMessage = SocketResponse | SocketEvent;

export const CLIENT_HEARTBEAT = '[]';

export function isResponse(message: SocketMessage): message is SocketResponse {
  return typeof (message as SocketResponse).i === 'number';
}

export function decodeFrame(raw: string): ServerFrame {
  const kind = raw[0];
  const rest = raw.length > 1 ? raw.slice(1) : '';
  if (kind === 'o') return { type: 'open' };
  if (kind === 'h') return { type: 'heartbeat' };
  if (kind === 'a') {
    const parsed = safeJson(rest);
    if (!Array.isArray(parsed)) return { type: 'unknown', raw };
    // strict SockJS carries JSON strings inside the array; Tradovate carries objects. Accept both.
    const messages = parsed.map((m) => (typeof m === 'string' ? safeJson(m) : m)).filter((m): m is SocketMessage => typeof m === 'object' && m !== null);
    return { type: 'messages', messages };
  }
  if (kind === 'c') {
    const parsed = safeJson(rest);
    const [code, reason] = Array.isArray(parsed) ? parsed : [];
    return { type: 'close', code: typeof code === 'number' ? code : null, reason: typeof reason === 'string' ? reason : null };
  }
  return { type: 'unknown', raw };
}

/** `endpoint\nid\nquery\nbody`; the body is JSON unless it is already text (authorize sends the raw token). */
export function encodeRequest(endpoint: string, id: number, query?: Record<string, string | number> | string, body?: unknown): string {
  const queryText = typeof query === 'string' ? query : query ? new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString() : '';
  const bodyText = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  return `${endpoint.replace(/^\/+/, '')}\n${id}\n${queryText}\n${bodyText}`;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
