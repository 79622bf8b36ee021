import { AsyncLocalStorage } from 'async_hooks';

const context = new AsyncLocalStorage<true>();

/** Runs `work` (and everything it awaits) as exit work: its database statements go ahead of the rest. */
export function runAsExit<T>(work: () => T): T {
  return context.run(true, work);
}

/** The code running now is exit work (a stop, an exit intent, the kill switch). */
export function isExitWork(): boolean {
  return context.getStore() === true;
}

/** Runs `work` as ordinary work, even when called from exit work (the lane starting the next entry). */
export function runAsOrdinary<T>(work: () => T): T {
  return context.exit(work);
}
