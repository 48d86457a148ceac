/**
 * The seam between the always-injected content script (detection, painting,
 * hit-testing) and the card UI, which is injected only when a page has
 * mentions (it carries Preact and Floating UI, too heavy for every page).
 * Both run in the extension's isolated world of the same frame, so the
 * content script publishes this object on that world's globalThis; page
 * scripts live in another world and cannot see or forge it.
 */
import type { Settings } from '../settings/schema';

export interface PaintedMention {
  /** Stable for the life of the mention; a new id when its text changes. */
  id: number;
  entity: string;
  text: string;
  /** A live range over the page's own text nodes. */
  range: Range;
}

export interface PageBridge {
  /** The mention under a viewport point, by hit-testing the caret position. */
  mentionAt(x: number, y: number): PaintedMention | null;
  /** Every painted mention, in document order (built on demand: a list of the whole page). */
  mentions(): readonly PaintedMention[];
  /** Is the mention with this id still painted? A lookup, for the card's check after every repaint. */
  isPainted(id: number): boolean;
  /**
   * The reader's effective settings, as the page layer holds them (the mirror the background keeps
   * in storage.local, followed live): read it at each use rather than keeping a copy, and changes
   * made in the options page apply at once. Lets the card bundle do without the settings store.
   */
  settings(): Settings;
  /** Marks one mention as the active one (its card is open), or none. */
  setActive(id: number | null): void;
  /** Called after every repaint (mentions added, changed or removed). */
  onChange(cb: () => void): () => void;
  /**
   * The keyboard shortcut (manifest command → background → `navigateMention`
   * message): calls `cb` with the direction; the card bundle opens the next
   * or previous mention's card. Returns an unsubscribe function. A command
   * that arrives before any subscriber (card.js still loading) is kept and
   * handed to the first subscriber, so the first key press is not lost.
   */
  onNavigate(cb: (request: NavigateRequest) => void): () => void;
  /** Aborted when the content script is torn down (extension reload, site switched off). */
  signal: AbortSignal;
}

/**
 * What the card is asked to open: the next or previous mention (the keyboard
 * shortcuts), or the `index`-th mention of `entity` in document order (the
 * popup's "This page" list, after the page layer scrolled to it).
 */
export type NavigateRequest = 'next' | 'previous' | { entity: string; index: number };

export const BRIDGE_KEY = '__partnershipLensBridge';

/**
 * Any element carrying this attribute is the extension's own UI (the card's
 * host element): the page layer never scans inside it or reacts to its mutations.
 */
export const UI_HOST_ATTR = 'data-partnership-lens';

declare global {
  // eslint-disable-next-line no-var
  var __partnershipLensBridge: PageBridge | undefined;
}
