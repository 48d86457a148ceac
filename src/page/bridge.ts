/**
 * How the three scripts of a frame find each other. All three run in the
 * extension's isolated world of that frame:
 * - content.js, the first stage (every frame): reads the text, keeps the mentions;
 * - page-layer.js, the second stage (frames with mentions, injected by the
 *   background): paints, hit-tests, answers the popup, hands over to the card;
 * - card.js (injected when a reader is about to need a card): the hover card.
 *
 * They meet on the isolated world's global under Symbol keys. Not under names:
 * in Chromium, DOM named access puts `<a id="__partnershipLensCard">` on the
 * window of our world too, wherever we have not defined that name ourselves,
 * and the card code once found such an anchor and never started. A page can
 * neither read nor write our world's global, and named access has no symbols;
 * whatever is found there is still checked for its real type before use.
 */
import type { Settings } from '../settings/schema';

export interface PaintedMention {
  /** Stable for the life of the mention; a new id when its text changes. */
  id: number;
  entity: string;
  text: string;
  /** A live range over the page's own text nodes. */
  range: Range;
  /**
   * The sentence around it as the background read it (invisible characters left out), and its span
   * there: what the card's "Why marked" asks about and what a correction keeps.
   */
  sentence?: string;
  inSentence?: { start: number; end: number };
  /** Marked by the reader ("mark as mention"), not found by the detector. */
  reader?: boolean;
}

/** What made the page layer load the card bundle, for the card to take up where it left off. */
export type CardIntent =
  /** The reader's pointer came onto a mention (trusted pointermove at `timeStamp`). */
  | { via: 'hover'; x: number; y: number; timeStamp: number }
  /** The reader moved keyboard focus (Tab) to a link holding a mention. */
  | { via: 'focus'; link: Element }
  | null;

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
  /**
   * What the reader was doing when the page layer asked for the card bundle (the pointer on a
   * mention, Tab onto a link holding one), taken once: the card starts from there instead of waiting
   * for the next move.
   */
  takeIntent(): CardIntent;
  /** Entities the page names without doubt (what the classifier weighs ambiguous names against): for "Why marked". */
  context(): string[];
  /** Aborted when the page layer is torn down (extension reload, site switched off). */
  signal: AbortSignal;
}

/**
 * What the card is asked to open: the next or previous mention (the keyboard
 * shortcuts), or the `index`-th mention of `entity` in document order (the
 * popup's "This page" list, after the page layer scrolled to it).
 */
export type NavigateRequest = 'next' | 'previous' | { entity: string; index: number };

/** The second stage's bridge for card.js. */
export const BRIDGE_KEY: unique symbol = Symbol.for('partnership-lens.bridge');
/**
 * The first stage's handle for the second stage (src/page/first-stage.ts `FirstStageHandle`); the gate
 * (src/page/gate.ts) holds the key until the first stage comes. Its description is what the background's
 * pushes and the popup look it up by.
 */
export const FIRST_STAGE_SYMBOL = 'partnership-lens.first-stage';
export const FIRST_STAGE_KEY: unique symbol = Symbol.for(FIRST_STAGE_SYMBOL);
/** The gate's own handle: first-stage.js takes the gate's abort signal from it. */
export const GATE_KEY: unique symbol = Symbol.for('partnership-lens.gate');
/** card.js's own handle (src/card/main.ts), and the function that starts it again after a reset. */
export const CARD_KEY: unique symbol = Symbol.for('partnership-lens.card');
export const CARD_START_KEY: unique symbol = Symbol.for('partnership-lens.card-start');

type Keyed = Record<symbol, unknown>;

/** Reads our world's global under `key`, if what is there passes `check`. */
export function fromWorld<T>(key: symbol, check: (v: unknown) => v is T): T | undefined {
  const v = (globalThis as unknown as Keyed)[key];
  return check(v) ? v : undefined;
}

export function toWorld(key: symbol, value: unknown): void {
  (globalThis as unknown as Keyed)[key] = value;
}

export function isBridge(v: unknown): v is PageBridge {
  const b = v as Partial<PageBridge> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof b?.mentionAt === 'function' &&
    typeof b.mentions === 'function' &&
    b.signal instanceof AbortSignal
  );
}

/**
 * Any element carrying this attribute is the extension's own UI (the card's
 * host element): the page layer never reads inside it or reacts to its mutations.
 */
export const UI_HOST_ATTR = 'data-partnership-lens';
