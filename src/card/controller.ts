/**
 * When a card opens and closes: the interaction rules for hover, click, tap,
 * keyboard and Escape, as a small state machine with no DOM of its own. The
 * adapter in `main.ts` feeds it hit-tested pointer events and does what it
 * asks (prefetch, arm, show, hide), so every rule here is tested in Node with
 * fake timers.
 *
 * The hover delay is not a timer here: `arm` hands it to the view, which
 * renders and places the card invisibly at once and lets a CSS animation
 * delayed to the end of the hover delay reveal it (exact to the frame, where
 * a timer fires late and then still has to render); the view reports the
 * reveal back through `revealed`. Only the close grace period is a timer.
 */
import { headingToCard, type Point, type Rect } from './grace';

/** `focus`: a link holding a mention got keyboard focus (opens after the hover delay, like a hover). */
export type OpenVia = 'hover' | 'focus' | 'click' | 'tap' | 'keyboard';
/** The two ways a card is armed to open after the delay. */
export type ArmedVia = 'hover' | 'focus';
export type CloseReason =
  | 'unavailable'
  | 'pointer-left'
  | 'escape'
  | 'outside'
  | 'mention-gone'
  | 'replaced'
  | 'toggle'
  | 'close-button'
  | 'focus-left'
  /** The page hid the shown card (its host made invisible or covered): it counts as closed. */
  | 'hidden';
export type Direction = 'next' | 'previous';

export interface MentionRef {
  id: number;
  entity: string;
}

export interface CardSettings {
  trigger: 'hover' | 'click';
  hoverDelayMs: number;
}

export interface ControllerDeps<M extends MentionRef> {
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  /** Start loading the mention's card data so it is ready when the delay ends. */
  prefetch(mention: M): void;
  /**
   * The pointer came to rest on `mention` (hover trigger): prepare its card now, invisibly, and reveal
   * it `delayMs` after the pointer arrived, then call `revealed(mention)`. Replaces any earlier arming.
   */
  arm(mention: M, delayMs: number, via: ArmedVia): void;
  /** The armed hover card is no longer wanted (the pointer left before its delay ended). */
  disarm(): void;
  /** Open (or switch) the one card to this mention. */
  show(mention: M, via: OpenVia): void;
  hide(reason: CloseReason): void;
  /** The open card's box in viewport coordinates, for the grace area. */
  cardRect(): Rect | null;
  settings(): CardSettings;
}

/** How long the pointer may be off both the mention and its card before a hover card closes. */
export const CLOSE_GRACE_MS = 300;

/**
 * Where keyboard navigation goes next. `from` is the index of the mention
 * whose card is open (null when none); `anchor` is the first mention at or
 * below the top of the viewport, where reading resumes. Wraps at both ends.
 */
export function stepIndex(count: number, from: number | null, direction: Direction, anchor: number): number | null {
  if (count <= 0) return null;
  const wrap = (i: number) => ((i % count) + count) % count;
  if (from === null) return direction === 'next' ? wrap(anchor) : wrap(anchor - 1);
  return wrap(direction === 'next' ? from + 1 : from - 1);
}

export class CardController<M extends MentionRef> {
  private open: { mention: M; via: OpenVia } | null = null;
  private pending: { mention: M; via: ArmedVia } | null = null;
  private closeTimer: unknown = null;
  /** Where the pointer was when it first left the mention/card, for the grace triangle. */
  private exit: Point | null = null;
  /** The open card's mention, kept open though its mark went: the reader corrected it from the card (undo is there). */
  private held: number | null = null;

  constructor(private readonly deps: ControllerDeps<M>) {}

  get openMention(): M | null {
    return this.open?.mention ?? null;
  }

  /** The mention whose hover delay is running, if any. */
  get pendingMention(): M | null {
    return this.pending?.mention ?? null;
  }

  get openVia(): OpenVia | null {
    return this.open?.via ?? null;
  }

  /** Whether the open hover card's close grace period is running (the pointer is off it and its mention). */
  get closing(): boolean {
    return this.closeTimer !== null;
  }

  /** A mouse or pen moved: `mention` is what is under it, `overCard` whether it is over the card. */
  pointerMove(p: Point, mention: M | null, overCard: boolean): void {
    if (overCard) {
      this.cancelClose();
      this.cancelPending();
      this.exit = null;
      return;
    }
    if (mention) {
      if (this.open?.mention.id === mention.id) {
        this.cancelClose();
        this.cancelPending();
        this.exit = null;
        return;
      }
      if (this.pending?.mention.id !== mention.id) {
        this.cancelPending();
        this.deps.prefetch(mention);
        const { trigger, hoverDelayMs } = this.deps.settings();
        if (trigger === 'hover') {
          this.pending = { mention, via: 'hover' };
          this.deps.arm(mention, Math.max(0, hoverDelayMs), 'hover');
        }
      }
      // Another mention's hover card stays up only for the grace period.
      if (this.open?.via === 'hover' && this.closeTimer === null) this.scheduleClose();
      return;
    }
    this.cancelPending();
    if (this.open?.via !== 'hover') return;
    if (this.exit === null) this.exit = p;
    const rect = this.deps.cardRect();
    if (this.closeTimer === null) this.scheduleClose();
    // Still travelling toward the card: give it the full grace period again.
    else if (rect && headingToCard(p, this.exit, rect)) this.scheduleClose();
  }

  /**
   * The view revealed the armed hover card of `mention` (its delay ended). Returns whether that card
   * is still wanted: false when the hover was given up meanwhile, and the view must take it down.
   */
  revealed(mention: M): boolean {
    if (this.pending?.mention.id !== mention.id) return false;
    this.cancelClose();
    this.exit = null;
    // One card at a time: the view swapped it in for whatever was showing.
    this.open = { mention, via: this.pending?.via ?? 'hover' };
    this.held = null;
    this.pending = null;
    return true;
  }

  /**
   * Keyboard focus reached a link holding `mention`: its card opens after the
   * hover delay, as for a hover (with the hover trigger only: "only on click"
   * leaves focus alone), and closes when focus moves on.
   */
  focusIn(mention: M): void {
    if (this.open?.mention.id === mention.id || this.pending?.mention.id === mention.id) return;
    const { trigger, hoverDelayMs } = this.deps.settings();
    if (trigger !== 'hover') return;
    this.cancelPending();
    this.deps.prefetch(mention);
    this.pending = { mention, via: 'focus' };
    this.deps.arm(mention, Math.max(0, hoverDelayMs), 'focus');
  }

  /** Keyboard focus left the link (not into the card): its pending or open focus card goes. */
  focusOut(): void {
    if (this.pending?.via === 'focus') this.cancelPending();
    if (this.open?.via === 'focus') this.closeCard('focus-left');
  }

  /** The pointer left the page or the window (mouseout to nowhere). */
  pointerLeftDocument(): void {
    this.cancelPending();
    if (this.open?.via === 'hover' && this.closeTimer === null) this.scheduleClose();
  }

  /**
   * A pointer went down. Touch prefetches the mention's card so it is ready
   * by the click; a press anywhere but the card or its own mention closes it.
   */
  pointerDown(pointerType: string, mention: M | null, overCard: boolean): void {
    if (mention && pointerType === 'touch') this.deps.prefetch(mention);
    if (overCard || !this.open) return;
    if (mention && mention.id === this.open.mention.id) return;
    // A press on another mention opens that one on click; close this one now either way.
    this.closeCard('outside');
  }

  /**
   * A click (or tap) landed on `mention`. Returns true when the caller must
   * prevent the click's default action: the first tap on a mention inside a
   * link opens its card instead of following the link; the second follows it.
   */
  activate(mention: M | null, pointerType: string, inLink: boolean): boolean {
    if (!mention) return false;
    const isOpen = this.open?.mention.id === mention.id;
    const explicit = pointerType === 'touch' || this.deps.settings().trigger === 'click';
    if (!explicit) {
      // Hover mode with a mouse: a click is just impatience; never stands in the way of a link.
      if (!isOpen && !inLink) {
        this.cancelPending();
        this.openCard(mention, 'click');
      }
      return false;
    }
    if (isOpen) {
      if (!inLink) this.closeCard('toggle');
      return false;
    }
    this.cancelPending();
    this.openCard(mention, pointerType === 'touch' ? 'tap' : 'click');
    return inLink;
  }

  /** The keyboard shortcut: open the next or previous mention's card. Returns the mention opened. */
  navigate(direction: Direction, mentions: readonly M[], anchor: number): M | null {
    const from = this.open ? mentions.findIndex((m) => m.id === this.open!.mention.id) : -1;
    const idx = stepIndex(mentions.length, from >= 0 ? from : null, direction, anchor);
    if (idx === null) return null;
    const target = mentions[idx]!;
    this.cancelPending();
    this.openCard(target, 'keyboard');
    return target;
  }

  /** Opens `mention`'s card as the keyboard does (focus in the card): the popup's "This page" list. */
  openWithKeyboard(mention: M): M {
    this.cancelPending();
    this.openCard(mention, 'keyboard');
    return mention;
  }

  /** Escape: closes the card if one is open. Returns whether it did. */
  escape(): boolean {
    if (!this.open) return false;
    this.closeCard('escape');
    return true;
  }

  /** Closed from the card itself (close button, focus leaving it). */
  close(reason: CloseReason): void {
    if (this.open) this.closeCard(reason);
  }

  /**
   * The card of `mention` cannot be shown (no data for its entity, or loading failed): its pending
   * hover is given up, or its open card closed. Another mention's open card is left alone.
   */
  unavailable(mention: M): void {
    this.cancelPending(mention.id);
    if (this.open?.mention.id === mention.id) this.closeCard('unavailable');
  }

  /** The page repainted: drop the card or the pending hover of a mention that is gone. */
  mentionsChanged(alive: (id: number) => boolean): void {
    if (this.pending && !alive(this.pending.mention.id)) this.cancelPending();
    if (this.open && this.open.mention.id !== this.held && !alive(this.open.mention.id)) this.closeCard('mention-gone');
  }

  /**
   * The reader corrected the open card's mention from the card ("Not this one", "Not here"): the card
   * stays open when its mark goes, so that Undo stays at hand. `false`: no longer held.
   */
  hold(mention: M, on: boolean): void {
    if (this.open?.mention.id !== mention.id) return;
    this.held = on ? mention.id : null;
  }

  /** The held mention, if any. */
  get heldMention(): M | null {
    return this.held !== null && this.open?.mention.id === this.held ? this.open.mention : null;
  }

  /** The held mention came back (undo) as `mention`, a new mark on the same text: the open card is now its. */
  rebind(mention: M): void {
    if (!this.open || this.held === null) return;
    this.open = { mention, via: this.open.via };
    this.held = null;
  }

  /** Tear down (content script gone): no timer may fire afterwards. */
  dispose(): void {
    this.cancelPending();
    this.cancelClose();
    if (this.open) this.closeCard('mention-gone');
  }

  private openCard(mention: M, via: OpenVia): void {
    this.cancelClose();
    this.exit = null;
    this.held = null;
    // One card at a time: the view replaces whatever is showing.
    this.open = { mention, via };
    this.deps.show(mention, via);
  }

  private closeCard(reason: CloseReason): void {
    this.cancelClose();
    this.exit = null;
    this.open = null;
    this.held = null;
    this.deps.hide(reason);
  }

  private scheduleClose(): void {
    this.cancelClose();
    this.closeTimer = this.deps.setTimer(() => {
      this.closeTimer = null;
      if (this.open?.via === 'hover') this.closeCard('pointer-left');
    }, CLOSE_GRACE_MS);
  }

  private cancelClose(): void {
    if (this.closeTimer !== null) this.deps.clearTimer(this.closeTimer);
    this.closeTimer = null;
  }

  /** Gives up the pending hover (only if it is of mention `id`, when given). */
  private cancelPending(id?: number): void {
    if (!this.pending || (id !== undefined && this.pending.mention.id !== id)) return;
    this.pending = null;
    this.deps.disarm();
  }
}
