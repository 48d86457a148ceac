/**
 * How much of a long page has its highlights registered at once (render.ts says why and how):
 * the sizes alone, free of the DOM, so that tests build their pages from them.
 */

/** Above this many shown mentions, only those near the viewport are registered. */
export const WINDOW_ABOVE = 500;
/** The band reaches this many viewport heights above and below the viewport. */
export const WINDOW_MARGIN_SCREENS = 1;
/** At most this many mentions are registered at once (a band of very dense text stops early). */
export const WINDOW_MAX_MENTIONS = 1200;
/** While windowed, at most this many blocks (with shown mentions) are watched for the band at once. */
export const WATCH_BLOCKS = 400;
