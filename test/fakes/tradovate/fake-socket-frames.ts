import type { PropsForm } from './fake-faults';
import type { PropsEvent, SocketMessage } from './fake-wire-types';

/**
 * SockJS-style framing (reference §4.1-4.2): server frames `o`, `h`, `a[...]`, `c[code,"reason"]`;
 * client frames `[]` (heartbeat) or `endpoint\nid\nquery\nbody`.
 */
export const OPEN_FRAME = 'o';
export const HEARTBEAT_FRAME = 'h';

export function arrayFrame(messages: SocketMessage[]): string {
  return `a${JSON.stringify(messages)}`;
}

export function closeFrame(code: number, reason: string): string {
  return `c${JSON.stringify([code, reason])}`;
}

export type ClientFrame =
  | { kind: 'heartbeat' }
  | { kind: 'request'; endpoint: string; rawEndpoint: string; id: number; query: string; body: string }
  | { kind: 'malformed'; text: string };

export function parseClientFrame(text: string): ClientFrame {
  if (text.trim() === '[]') return { kind: 'heartbeat' };
  const lines = text.split('\n');
  if (lines.length < 2 || !/^\d+$/.test(lines[1].trim())) return { kind: 'malformed', text };
  const rawEndpoint = lines[0].trim();
  return {
    kind: 'request',
    rawEndpoint,
    endpoint: rawEndpoint.replace(/^\/+/, '').toLowerCase(),
    id: Number(lines[1].trim()),
    query: lines[2] ?? '',
    // a trailing newline after the JSON body is tolerated (§4.2)
    body: lines.slice(3).join('\n').trim(),
  };
}

/** `name=ESZ5&l=10` -> { name: 'ESZ5', l: '10' }, keys lower-cased like REST query params. */
export function parseQuery(query: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(query)) out[k.toLowerCase()] = v;
  return out;
}

/** Props events in one of the three shapes clients must accept (§4.6). */
export function propsMessages(events: PropsEvent[], form: PropsForm): SocketMessage[] {
  if (form === 'arrayD') return [{ e: 'props', d: events }];
  if (form === 'arrayEntity') return events.map((ev) => ({ e: 'props', d: { ...ev, entity: [ev.entity] } }));
  return events.map((ev) => ({ e: 'props', d: ev }));
}
