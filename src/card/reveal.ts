/**
 * When a prepared card becomes visible. The hover card is rendered and placed
 * invisibly as soon as the pointer reaches a mention; a CSS animation whose
 * delay ends at `revealAt` shows it. The engine samples animations at the
 * start of every frame, so the card appears on the first frame at or after
 * that moment (no timer that fires late, no rendering left to do then), and
 * the animation's `animationstart` event, dispatched in that same frame before
 * its requestAnimationFrame callbacks, tells the card bundle it is visible.
 */

/** The keyframes in styles.ts that make the card visible: its animationstart is the reveal. */
export const REVEAL_ANIMATION = 'pl-reveal';
/** The fade that runs beside it (none under prefers-reduced-motion). */
export const FADE_ANIMATION = 'pl-fade';

export function isRevealAnimation(name: string): boolean {
  return name === REVEAL_ANIMATION;
}

/** The reveal's animations, whose start times are pinned together. */
export function isCardAnimation(name: string): boolean {
  return name === REVEAL_ANIMATION || name === FADE_ANIMATION;
}

/**
 * When a hover card should appear: `delayMs` after the pointer event that
 * brought the pointer onto the mention. `eventTime` is that event's
 * `timeStamp` (the platform's time of the movement, on the performance.now()
 * clock); one that is missing, zero (coarsened clocks) or in the future is
 * replaced by `now`, so a bad timestamp can make the card late but never early.
 */
export function hoverRevealAt(eventTime: number, now: number, delayMs: number): number {
  const since = Number.isFinite(eventTime) && eventTime > 0 && eventTime <= now ? eventTime : now;
  return since + Math.max(0, delayMs);
}

export interface RevealSchedule {
  /** The CSS `animation-delay` to give the reveal animation. */
  delayMs: number;
  /**
   * Where to pin the animation's start time (document timeline, ms), or null
   * to let it start with the next frame. A CSS animation starts when the next
   * frame is produced, which would put the end of its delay up to a frame
   * after `revealAt`; pinning the start to `now` makes it end exactly there.
   */
  startTime: number | null;
}

/**
 * The reveal animation for a card prepared at `now` that should appear at
 * `revealAt`. Already due (a click, the keyboard, data that came late): no
 * delay, and the animation starts with the next frame so its fade plays whole.
 */
export function revealSchedule(revealAt: number, now: number): RevealSchedule {
  const delayMs = revealAt - now;
  if (!(delayMs > 0)) return { delayMs: 0, startTime: null };
  return { delayMs, startTime: now };
}
