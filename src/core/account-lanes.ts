import { Injectable } from '@nestjs/common';

/**
 * One ordered lane per account, shared by every module that sends orders (entries in execution,
 * exits in exits): work for one account runs strictly one task after another, accounts in parallel.
 * A failing task does not block the tasks queued behind it.
 */
@Injectable()
export class AccountLanes {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(accountId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(accountId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(task);
    this.tails.set(accountId, next);
    void next.catch(() => undefined).finally(() => {
      if (this.tails.get(accountId) === next) this.tails.delete(accountId);
    });
    return next;
  }

  /** No task queued or running for any account. */
  idle(): boolean {
    return this.tails.size === 0;
  }
}
