/**
 * Group commit: rows handed in during one turn of the event loop are written together by one
 * call of `write` (one multi-row INSERT), and each caller's promise settles when that write does.
 * A row is never dropped: a failed write rejects the promise of every row in it.
 */
export class WriteBatcher<T> {
  private pending: { row: T; done: (error?: unknown) => void }[] = [];
  private scheduled = false;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly write: (rows: T[]) => Promise<void>,
    private readonly maxRows = 200,
  ) {}

  add(row: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ row, done: (error) => (error === undefined ? resolve() : reject(error)) });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flushPending());
      }
    });
  }

  /** Resolves once every row added so far is written (or its write failed). */
  async flushed(): Promise<void> {
    if (this.scheduled) this.flushPending();
    await this.inFlight;
  }

  private flushPending(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    this.inFlight = this.inFlight.then(() => this.writeAll(batch));
  }

  private async writeAll(batch: { row: T; done: (error?: unknown) => void }[]): Promise<void> {
    for (let i = 0; i < batch.length; i += this.maxRows) {
      const chunk = batch.slice(i, i + this.maxRows);
      try {
        await this.write(chunk.map((p) => p.row));
        for (const p of chunk) p.done();
      } catch (error) {
        for (const p of chunk) p.done(error ?? new Error('write failed'));
      }
    }
  }
}
