/**
 * Every entry point of the content script (observer callbacks, event
 * handlers, message handlers, timers) runs through `guard`, so that nothing
 * the extension does can surface in the page's console as an uncaught error.
 * The first few failures are logged at debug level with a prefix; later ones
 * are counted silently so a broken page cannot flood the console.
 */
const PREFIX = '[Partnership Lens]';
const MAX_LOGGED = 3;
let logged = 0;

export function report(error: unknown): void {
  if (logged >= MAX_LOGGED) return;
  logged++;
  try {
    console.debug(PREFIX, error);
  } catch {
    // console itself replaced by the page: nothing more to do.
  }
}

export function guard<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R | undefined {
  return (...args: A) => {
    try {
      const out = fn(...args);
      if (out instanceof Promise) out.catch(report);
      return out;
    } catch (error) {
      report(error);
      return undefined;
    }
  };
}

/** Runs an async task, reporting (never throwing) its failure. */
export function runGuarded(task: () => Promise<unknown>): void {
  try {
    task().catch(report);
  } catch (error) {
    report(error);
  }
}
