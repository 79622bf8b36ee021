/** EDGAR access is off because no contact was declared: the app runs, the insider service waits. */
export class EdgarNotConfiguredError extends Error {
  constructor() {
    super('EDGAR access is off: set JT_SEC_USER_AGENT to your name and a contact e-mail (e.g. "Just Trades admin@example.com"); the SEC refuses undeclared traffic');
    this.name = 'EdgarNotConfiguredError';
  }
}

/** The SEC refused us (rate limit, undeclared agent) or kept failing; the message says what to do. */
export class EdgarUnavailableError extends Error {
  constructor(message: string, readonly status: number | null = null) {
    super(message);
    this.name = 'EdgarUnavailableError';
  }
}
