import { TradovateCaptchaError, TradovatePenaltyError } from './tradovate-errors';

/** `{"p-ticket", "p-time", "p-captcha"}`: the request was NOT processed; wait and resend it with the ticket. */
export interface PenaltyTicket {
  ticket: string;
  waitSec: number;
  captcha: boolean;
}

export function penaltyOf(body: unknown): PenaltyTicket | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as Record<string, unknown>;
  if (typeof b['p-ticket'] !== 'string' && b['p-captcha'] !== true) return null;
  const time = Number(b['p-time'] ?? 0);
  return { ticket: String(b['p-ticket'] ?? ''), waitSec: Number.isFinite(time) && time > 0 ? time : 0, captcha: b['p-captcha'] === true };
}

export const MAX_PENALTY_RETRIES = 3;

/**
 * Sends `attempt(ticket)` until it is not penalized: waits `p-time` (capped) between attempts and
 * stops at once on a captcha. The same request is re-sent each time, only the ticket is added.
 */
export async function withPenaltyRetry<T>(
  endpoint: string,
  attempt: (ticket: string | null) => Promise<T>,
  options: { maxWaitSec: number; onPenalty?: (p: PenaltyTicket) => void; sleep?: (ms: number) => Promise<void> },
): Promise<T> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let ticket: string | null = null;
  for (let i = 0; ; i++) {
    const result = await attempt(ticket);
    const penalty = penaltyOf(result);
    if (!penalty) return result;
    if (penalty.captcha) throw new TradovateCaptchaError(endpoint);
    if (i >= MAX_PENALTY_RETRIES || penalty.waitSec > options.maxWaitSec) {
      throw new TradovatePenaltyError(`Tradovate imposed a ${penalty.waitSec}s time penalty on ${endpoint} ${i + 1} time(s); giving up for now (the request was not processed, nothing was sent).`);
    }
    options.onPenalty?.(penalty);
    await sleep(penalty.waitSec * 1000);
    ticket = penalty.ticket;
  }
}
