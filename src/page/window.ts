/**
 * Which mentions to register with the browser when a page has too many.
 *
 * Every registered highlight range costs the browser work whenever the
 * highlights change (it re-evaluates them all), so on a page with tens of
 * thousands of mentions a single update took most of a second. Above
 * `WINDOW_ABOVE` painted mentions, only the blocks near the viewport have
 * their ranges registered, and the band moves as the reader scrolls. Detection,
 * hit-testing, the popup's counts and `getMentions` still cover the whole page.
 */

/** Above this many painted mentions, only those near the viewport are registered. */
export const WINDOW_ABOVE = 1500;
/** The band reaches this many viewport heights above and below the viewport. */
export const WINDOW_MARGIN_SCREENS = 2;
/** At most this many mentions are registered at once (a band of very dense text stops early). */
export const WINDOW_MAX_MENTIONS = 1200;

export interface Band {
  from: number;
  to: number;
}

/**
 * The blocks (in document order) whose box meets `[top, bottom]` (viewport
 * coordinates): found by binary search on `rectOf`, so a scroll asks for
 * about log2(n) boxes plus those in the band. Assumes boxes follow document
 * order down the page, as text does in a long article; where they do not
 * (columns, fixed headers), the band is still contiguous in document order
 * around the first block that reaches the viewport.
 */
export function bandOf<B>(
  blocks: readonly B[],
  rectOf: (b: B) => { top: number; bottom: number },
  top: number,
  bottom: number,
  mentionsOf: (b: B) => number,
  maxMentions = WINDOW_MAX_MENTIONS,
): Band {
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rectOf(blocks[mid]!).bottom < top) lo = mid + 1;
    else hi = mid;
  }
  let to = lo;
  let count = 0;
  while (to < blocks.length && count < maxMentions) {
    const r = rectOf(blocks[to]!);
    if (r.top > bottom) break;
    count += mentionsOf(blocks[to]!);
    to++;
  }
  return { from: lo, to };
}
