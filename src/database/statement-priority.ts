import { isExitWork } from '../core/exit-priority';

/** Statements handed to SQLite at once; the others wait in order, exit work's first. */
export const MAX_IN_FLIGHT = 2;

type Callback = (this: unknown, err: Error | null, rows?: unknown) => void;
type Method = (sql: string, params: unknown, callback: Callback) => unknown;

interface SqliteHandle {
  run: Method;
  all: Method;
}

/**
 * The one SQLite connection takes statements in the order they are handed to it. Instead of
 * handing it every statement at once (a burst of alerts puts thousands ahead of a stop), at most
 * MAX_IN_FLIGHT go at a time, and a statement of exit work (see core/exit-priority) overtakes
 * every ordinary one still waiting. Each flow awaits its statements one by one, so no flow's own
 * statements are reordered.
 */
export function prioritiseStatements(handle: SqliteHandle): void {
  const exits: Array<() => void> = [];
  const ordinary: Array<() => void> = [];
  let inFlight = 0;
  const dispatch = () => {
    while (inFlight < MAX_IN_FLIGHT) {
      const next = exits.shift() ?? ordinary.shift();
      if (!next) return;
      inFlight++;
      next();
    }
  };
  for (const name of ['run', 'all'] as const) {
    const original = handle[name].bind(handle);
    handle[name] = (sql, params, callback) => {
      if (typeof params === 'function') return handle[name](sql, undefined, params as Callback);
      const send = () =>
        original(sql, params, function (this: unknown, err, rows) {
          inFlight--;
          dispatch();
          callback.call(this, err, rows);
        });
      (isExitWork() ? exits : ordinary).push(send);
      dispatch();
      return handle;
    };
  }
}
