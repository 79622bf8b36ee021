/** What can go wrong talking to Tradovate, each with a message a trader can act on. */
export class TradovateError extends Error {
  constructor(message: string, readonly status: number | null = null) {
    super(message);
    this.name = new.target.name;
  }
}

/** Wrong credentials, an expired or denied token (HTTP 200 + errorText on login, 401/403 elsewhere). */
export class TradovateAuthError extends TradovateError {}

/** A penalty ticket that asks for a captcha: a program cannot solve it, so we stop retrying. */
export class TradovateCaptchaError extends TradovateError {
  constructor(endpoint: string) {
    super(`Tradovate asks for a captcha on ${endpoint} (too many attempts). Retrying will not help: wait about an hour, check the username and password, then reconnect the account.`);
  }
}

/** HTTP 429 / 423, or a socket `s:429`: the user's request budget is used up. */
export class TradovateRateLimitError extends TradovateError {
  constructor(endpoint: string, status: number) {
    super(`Tradovate rate limit (${status}) on ${endpoint}: requests are paused; Tradovate lifts it after a while (up to an hour).`, status);
  }
}

/** A request that got no answer in time; for an order this means "unknown", never "not placed". */
export class TradovateTimeoutError extends TradovateError {}

/** The endpoint is unreachable (network error, 5xx, socket closed). */
export class TradovateUnavailableError extends TradovateError {}

/** Any other refusal (4xx, errorText on a 200, a violations list). */
export class TradovateRequestError extends TradovateError {}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Penalty tickets that keep coming, or ask for a longer wait than we accept. Nothing was processed. */
export class TradovatePenaltyError extends TradovateError {}
