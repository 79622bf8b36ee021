import { Injectable } from '@nestjs/common';
import { runAsExit, runAsOrdinary } from './exit-priority';

/** 'exit' work (stops, exit intents, the kill switch) overtakes every 'entry' task still waiting. */
export type LanePriority = 'exit' | 'entry';

interface Queued {
  priority: LanePriority;
  start: () => void;
}

interface Lane {
  running: boolean;
  waiting: Queued[];
}

/**
 * One ordered lane per account, shared by every module that sends orders (entries in execution,
 * exits in exits): work for one account runs strictly one task after another, accounts in parallel.
 * Exits run before every entry still waiting (a task already running is never interrupted);
 * among exits, and among entries, first come first served.
 * A failing task does not block the tasks queued behind it.
 */
@Injectable()
export class AccountLanes {
  private readonly lanes = new Map<string, Lane>();
  private readonly started = new Map<string, number>();

  run<T>(accountId: string, task: () => Promise<T>, priority: LanePriority = 'entry'): Promise<T> {
    let lane = this.lanes.get(accountId);
    if (!lane) {
      lane = { running: false, waiting: [] };
      this.lanes.set(accountId, lane);
    }
    const owner = lane;
    return new Promise<T>((resolve, reject) => {
      const queued: Queued = {
        priority,
        start: () => {
          this.started.set(accountId, this.startedTasks(accountId) + 1);
          // the lane moves on before the caller hears the result, so idle() is already true then
          // exit work keeps its priority through everything it awaits (its database statements too)
          const started = (priority === 'exit' ? runAsExit : runAsOrdinary)(() => Promise.resolve().then(task));
          started.then(
            (value) => {
              this.next(accountId, owner);
              resolve(value);
            },
            (error) => {
              this.next(accountId, owner);
              reject(error);
            },
          );
        },
      };
      if (priority === 'exit') {
        const firstEntry = owner.waiting.findIndex((q) => q.priority === 'entry');
        owner.waiting.splice(firstEntry === -1 ? owner.waiting.length : firstEntry, 0, queued);
      } else {
        owner.waiting.push(queued);
      }
      if (!owner.running) this.next(accountId, owner);
    });
  }

  /** No task queued or running for any account. */
  idle(): boolean {
    return this.lanes.size === 0;
  }

  /** A task is running or waiting in the account's lane. */
  busy(accountId: string): boolean {
    return this.lanes.has(accountId);
  }

  /** How many tasks of the account have started so far: unchanged = nothing ran in between. */
  startedTasks(accountId: string): number {
    return this.started.get(accountId) ?? 0;
  }

  /** Tasks waiting (not yet started) in the account's lane. */
  waiting(accountId: string): number {
    return this.lanes.get(accountId)?.waiting.length ?? 0;
  }

  private next(accountId: string, lane: Lane): void {
    const queued = lane.waiting.shift();
    lane.running = queued !== undefined;
    if (queued) {
      queued.start();
      return;
    }
    if (this.lanes.get(accountId) === lane) this.lanes.delete(accountId);
  }
}
