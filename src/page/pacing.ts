/**
 * How often the page layer may work on a page that keeps changing. Pure: the
 * numbers are tested in Node, the timers live in the scheduler.
 */

/** The share of main-thread time the extension allows itself on a busy page. */
export const TARGET_DUTY = 0.05;
/** Coalescing delay after a mutation on a calm page: quick enough to feel live. */
export const MIN_DELAY_MS = 50;
/** Upper bound of the streak back-off: a page rewriting itself constantly is rescanned at least this often. */
export const MAX_DELAY_MS = 2000;
/** Even an expensive rescan waits no longer than this (the duty-cycle term can exceed MAX_DELAY_MS). */
export const CEILING_MS = 30_000;
/**
 * Mutation callbacks in a row (each within a second of the last rescan) after
 * which the page counts as churning: observers are paused until the next
 * rescan, so the page stops paying for mutation records on every change.
 */
export const PAUSE_STREAK = 8;
/** A slice of work runs at most this long before yielding to the page. */
export const SLICE_BUDGET_MS = 8;

/**
 * Delay before the next rescan, so that work / (work + delay) stays under
 * TARGET_DUTY: a rescan that cost `lastCostMs` buys a proportional rest.
 * `streak` counts consecutive flushes triggered by mutations while the
 * previous delay was running; each doubles the floor so a page that mutates
 * every few ms settles at a low, bounded rate instead of one rescan per frame.
 */
export function nextDelay(lastCostMs: number, streak: number): number {
  const byDuty = lastCostMs * (1 / TARGET_DUTY - 1);
  const byStreak = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** Math.min(Math.max(streak, 0), 6));
  return Math.round(Math.min(CEILING_MS, Math.max(MIN_DELAY_MS, byDuty, byStreak)));
}
