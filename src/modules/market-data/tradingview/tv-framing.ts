/**
 * TradingView's socket framing: every packet is `~m~<length>~m~<payload>`, several may share one
 * WebSocket frame. A payload is JSON ({"m": method, "p": params}, or the server's hello without
 * "m") or a heartbeat `~h~<n>`, which the client must echo or the server hangs up.
 */
export type TvPacket =
  | { kind: 'heartbeat'; payload: string }
  | { kind: 'message'; method: string; params: unknown[] }
  | { kind: 'hello'; body: Record<string, unknown> };

const HEADER = /^~m~(\d+)~m~/;

export function encodePacket(payload: string | { m: string; p: unknown[] }): string {
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return `~m~${text.length}~m~${text}`;
}

/** Splits one WebSocket frame into its packets; throws on a frame that is not TradingView's framing. */
export function decodeFrame(frame: string): TvPacket[] {
  const packets: TvPacket[] = [];
  let rest = frame;
  while (rest.length > 0) {
    const header = HEADER.exec(rest);
    if (!header) throw new Error(`not a TradingView frame at "${rest.slice(0, 20)}"`);
    const length = Number(header[1]);
    const payload = rest.slice(header[0].length, header[0].length + length);
    if (payload.length !== length) throw new Error(`TradingView frame cut short: ${payload.length} of ${length} characters`);
    rest = rest.slice(header[0].length + length);
    packets.push(toPacket(payload));
  }
  return packets;
}

function toPacket(payload: string): TvPacket {
  if (payload.startsWith('~h~')) return { kind: 'heartbeat', payload };
  const body = JSON.parse(payload) as Record<string, unknown>;
  if (typeof body.m === 'string') return { kind: 'message', method: body.m, params: Array.isArray(body.p) ? body.p : [] };
  return { kind: 'hello', body };
}
