/**
 * The card on the page: a host element at the end of <html> with
 * `all: initial`, a CLOSED shadow root, and Preact rendering into it.
 *
 * Why closed: with an open root any page script could read
 * `host.shadowRoot` and rewrite the card (change a source link, inject
 * text). A closed root gives page scripts nothing to hold; our own code
 * keeps the reference. The price is that tools outside the extension cannot
 * see inside either, so browser tests reach the root through the
 * extension's isolated world (see `CARD_KEY` in `main.ts`), which page
 * scripts cannot see.
 */
import { render } from 'preact';
import { UI_HOST_ATTR, type PaintedMention } from '../page/bridge';
import { Card } from './Card';
import type { CardCache } from './cache';
import type { CloseReason, OpenVia } from './controller';
import type { CardData, CardLang } from './data';
import type { Point, Rect } from './grace';
import { follow, rangeReference } from './position';
import { isCardAnimation, isRevealAnimation, revealSchedule } from './reveal';
import { CARD_CSS } from './styles';

export const HOST_TAG = 'partnership-lens-card';

/** Keeps the host out of the page's reach for layout and stacking. */
const HOST_STYLE = [
  'all: initial !important',
  'display: block !important',
  'position: fixed !important',
  'top: 0 !important',
  'left: 0 !important',
  'width: 0 !important',
  'height: 0 !important',
  'overflow: visible !important',
  'z-index: 2147483647 !important',
  'pointer-events: auto !important',
].join('; ');

export interface CardViewOptions {
  cache: CardCache;
  langFor(mention: PaintedMention): CardLang;
  accentFor(data: CardData): string | undefined;
  /** The mention's card cannot be shown (no data for the entity, or loading failed). */
  onUnavailable(mention: PaintedMention, err?: unknown): void;
  /**
   * The card of `mention` became visible (in the frame it did). Returns whether it is still wanted;
   * if not, the view takes it down again.
   */
  onRevealed(mention: PaintedMention, via: OpenVia): boolean;
  onCloseButton(): void;
  onFocusLeft(): void;
  onOpenTimeline(entity: string): void;
  onActive(id: number | null): void;
  onError(err: unknown): void;
}

export interface OpenTiming {
  entity: string;
  via: OpenVia;
  /** performance.now() clock: when the card was due (the end of the hover delay; the click or key press). */
  requestedAt: number;
  /** performance.now() in the frame that revealed it (its animationstart event, before that frame's rAF callbacks). */
  visibleAt: number;
  /** The document timeline's time of that frame (the time the engine sampled animations at). */
  frameTime: number | null;
  /** Whether the data was at hand when the card was due (cached, or fetched during the delay), not a round trip after. */
  cached: boolean;
}

/**
 * One of the two layers a card is drawn in. While one shows a card the next
 * is prepared in the other, invisibly, during its hover delay; at the reveal
 * they swap in one frame, so there is never a second card on screen.
 */
interface Slot {
  readonly layer: HTMLDivElement;
  stopFollow: (() => void) | null;
}

/** A card being prepared in a slot until its reveal. */
interface Staged {
  slot: Slot;
  mention: PaintedMention;
  via: OpenVia;
  pointer: Point | null;
  revealAt: number;
  cached: boolean;
  entity: string | null;
}

export class CardView {
  readonly host: HTMLElement;
  readonly root: ShadowRoot;
  private readonly slots: readonly [Slot, Slot];
  private shown: { slot: Slot; mention: PaintedMention; via: OpenVia } | null = null;
  private staged: Staged | null = null;
  private returnFocus: Element | null = null;
  lastOpen: OpenTiming | null = null;

  constructor(private readonly opts: CardViewOptions) {
    this.host = document.createElement(HOST_TAG);
    this.host.setAttribute('style', HOST_STYLE);
    // Detection must never scan the card's own text (it names the entities it describes).
    this.host.setAttribute(UI_HOST_ATTR, 'card');
    // Open only in the accessibility-test build (WXT_CARD_OPEN_ROOT=1 at build time), so axe can walk it.
    this.root = this.host.attachShadow({ mode: import.meta.env.WXT_CARD_OPEN_ROOT === '1' ? 'open' : 'closed' });
    adoptStyles(this.root, CARD_CSS);
    this.slots = [this.makeSlot(), this.makeSlot()];
    this.root.addEventListener('focusout', (e) => {
      const next = (e as FocusEvent).relatedTarget;
      // null: focus went to the browser's own UI or another window; that is not leaving the card.
      if (next && !(next instanceof Node && (this.root.contains(next) || next === this.host))) opts.onFocusLeft();
    });
  }

  /** Is the event's target the card (or inside it)? */
  contains(e: Event): boolean {
    return e.composedPath().includes(this.host);
  }

  /** Whether a card is visible (revealed and not closed since). */
  get isShown(): boolean {
    return this.shown !== null;
  }

  /** The visible card's box, for the grace area; null when none is visible. */
  rect(): Rect | null {
    const layer = this.shown?.slot.layer;
    const card = layer?.firstElementChild;
    if (!layer || !card || layer.hasAttribute('data-away')) return null;
    const r = card.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  }

  /**
   * Prepares the card of a hovered mention now, while its hover delay runs:
   * data (usually cached), Preact render, placement (kept current by
   * autoUpdate), all invisible; then a CSS animation reveals it at
   * `revealAt` (performance.now() clock), exact to the frame. Replaces any
   * card being prepared; the visible card, if any, stays until the reveal.
   */
  arm(mention: PaintedMention, pointer: Point | null, revealAt: number): void {
    this.stage(mention, 'hover', pointer, revealAt);
  }

  /** Gives up the hover card being prepared (the pointer left before its delay ended). */
  disarm(): void {
    if (this.staged?.via === 'hover') this.drop();
  }

  /** Opens a card now (click, tap, keyboard): shown on the next frame, replacing the visible one. */
  show(mention: PaintedMention, via: OpenVia, pointer: Point | null): void {
    if (via === 'keyboard' && this.returnFocus === null && !this.hasFocus()) this.returnFocus = deepActiveElement();
    this.stage(mention, via, pointer, performance.now());
  }

  hide(reason: CloseReason): void {
    // A card opened at once but not revealed yet goes too; a hover card still in its delay does not.
    if (this.staged && this.staged.via !== 'hover') this.drop();
    const hadFocus = this.hasFocus();
    if (this.shown) this.conceal(this.shown.slot);
    this.shown = null;
    this.opts.onActive(null);
    const back = this.returnFocus;
    this.returnFocus = null;
    // Focus goes back where it was when the card took it (Escape, close button), or when closing would strand it.
    if (back && (hadFocus || reason === 'escape' || reason === 'close-button') && reason !== 'focus-left') {
      if (back instanceof HTMLElement || back instanceof SVGElement) {
        if (back.isConnected) back.focus({ preventScroll: true });
      }
    } else if (hadFocus && document.activeElement === this.host) {
      this.host.blur();
    }
  }

  dispose(): void {
    this.drop();
    this.hide('mention-gone');
    this.host.remove();
  }

  private makeSlot(): Slot {
    const layer = document.createElement('div');
    layer.className = 'layer';
    // The view's own record of what is shown, for tests and tools: 'hidden' until the reveal, then
    // 'visible' (the stylesheet hides the layer too; the reveal animation overrides both).
    layer.style.visibility = 'hidden';
    const slot: Slot = { layer, stopFollow: null };
    layer.addEventListener('animationstart', (e) => {
      if (e.target !== layer || !isRevealAnimation(e.animationName)) return;
      try {
        this.revealed(slot);
      } catch (err) {
        this.opts.onError(err);
      }
    });
    this.root.append(layer);
    return slot;
  }

  private stage(mention: PaintedMention, via: OpenVia, pointer: Point | null, revealAt: number): void {
    this.drop();
    // The visible card's layer is always the first; prepare in the other.
    const slot = this.shown?.slot === this.slots[0] ? this.slots[1] : this.slots[0];
    const st: Staged = { slot, mention, via, pointer, revealAt, cached: true, entity: null };
    this.staged = st;
    const lang = this.opts.langFor(mention);
    const cached = this.opts.cache.peek(mention.entity, lang);
    if (cached !== undefined) {
      this.prepare(st, cached);
      return;
    }
    st.cached = false;
    this.opts.cache.get(mention.entity, lang).then(
      (data) => {
        if (this.staged === st) this.prepare(st, data);
      },
      (err: unknown) => {
        if (this.staged !== st) return;
        this.drop();
        this.opts.onUnavailable(mention, err);
      },
    );
  }

  /** Renders and places the staged card invisibly; its reveal is scheduled once it has a position. */
  private prepare(st: Staged, data: CardData | null): void {
    if (!data) {
      this.drop();
      this.opts.onUnavailable(st.mention);
      return;
    }
    st.entity = data.id;
    // At hand when due (cached, or fetched during the delay), rather than a round trip after it.
    st.cached ||= performance.now() <= st.revealAt;
    this.attach();
    const { layer } = st.slot;
    render(this.element(data), layer);
    const card = layer.firstElementChild as HTMLElement | null;
    if (!card) return;
    let scheduled = false;
    const stop = follow(
      rangeReference(st.mention.range),
      layer,
      card,
      st.pointer,
      (away) => {
        if (st.slot.stopFollow !== stop) return; // a placement that resolved after this card was taken down
        layer.toggleAttribute('data-away', away);
        if (scheduled || this.staged !== st) return;
        scheduled = true;
        this.scheduleReveal(st);
      },
      (err) => this.opts.onError(err),
    );
    st.slot.stopFollow = stop;
  }

  private scheduleReveal(st: Staged): void {
    const { layer } = st.slot;
    const { delayMs, startTime } = revealSchedule(st.revealAt, performance.now());
    layer.style.animationDelay = `${delayMs}ms`;
    layer.classList.add('reveal');
    // A frame callback kept pending until the reveal. Chromium runs a frame that only an animation
    // asked for without the animation-frame-callback step, so a requestAnimationFrame made in the
    // animationstart handler (or in the onActive it calls) would only run a frame later; with one
    // pending, the reveal frame runs its callbacks after the animation events, those requested from
    // them included, and whoever times the card from its being marked active sees the frame that
    // shows it (npm run bench does). Costs one empty callback per frame of the delay.
    const keep = (): void => {
      if (this.staged === st) requestAnimationFrame(keep);
    };
    requestAnimationFrame(keep);
    if (startTime === null || typeof layer.getAnimations !== 'function') return;
    // Pinned, the delay ends at revealAt itself, not a delay's length after the next frame.
    for (const anim of layer.getAnimations()) {
      if (isCardAnimation((anim as CSSAnimation).animationName ?? '')) anim.startTime = startTime;
    }
  }

  /** The staged card's reveal animation started: it is visible in this frame. */
  private revealed(slot: Slot): void {
    const st = this.staged;
    if (!st || st.slot !== slot) return;
    this.staged = null;
    if (!this.opts.onRevealed(st.mention, st.via)) {
      this.conceal(slot);
      return;
    }
    const prev = this.shown;
    const other = slot === this.slots[0] ? this.slots[1] : this.slots[0];
    // One card at a time: the previous one goes in the same frame the new one appears.
    if (prev && prev.slot !== slot) this.conceal(prev.slot);
    // Keep the visible layer first (moving the other one: moving this one would restart its animation).
    if (other.layer.compareDocumentPosition(slot.layer) & Node.DOCUMENT_POSITION_FOLLOWING)
      this.root.append(other.layer);
    slot.layer.style.visibility = 'visible';
    this.shown = { slot, mention: st.mention, via: st.via };
    const frameTime = document.timeline?.currentTime;
    this.lastOpen = {
      entity: st.entity ?? st.mention.entity,
      via: st.via,
      requestedAt: st.revealAt,
      visibleAt: performance.now(),
      frameTime: typeof frameTime === 'number' ? frameTime : null,
      cached: st.cached,
    };
    this.opts.onActive(st.mention.id);
    if (st.via === 'keyboard') (slot.layer.firstElementChild as HTMLElement | null)?.focus({ preventScroll: true });
  }

  /** Drops the card being prepared, if any. */
  private drop(): void {
    const st = this.staged;
    this.staged = null;
    if (st) this.conceal(st.slot);
  }

  /** Takes a slot's card down: hidden, unplaced, unrendered, its reveal animation ended. */
  private conceal(slot: Slot): void {
    slot.stopFollow?.();
    slot.stopFollow = null;
    const { layer } = slot;
    layer.style.visibility = 'hidden';
    layer.removeAttribute('data-away');
    if (layer.classList.contains('reveal')) {
      layer.classList.remove('reveal');
      // Style is resolved now, so the animation really ends: re-adding the class before the next
      // frame would otherwise keep the old animation, which is past its start and would not announce
      // the next reveal.
      void getComputedStyle(layer).animationName;
    }
    render(null, layer);
  }

  private element(data: CardData) {
    return (
      <Card
        data={data}
        accent={this.opts.accentFor(data)}
        onClose={() => this.opts.onCloseButton()}
        onOpenTimeline={() => this.opts.onOpenTimeline(data.id)}
      />
    );
  }

  /** A page may have removed our host (or replaced <html>'s children): put it back at the end. */
  private attach(): void {
    if (this.host.parentNode !== document.documentElement) document.documentElement.append(this.host);
  }

  private hasFocus(): boolean {
    return this.root.activeElement !== null;
  }
}

/**
 * A constructed stylesheet is not subject to the page's CSP (a `<style>`
 * element can be, under `style-src` without 'unsafe-inline'); fall back to
 * `<style>` where adopting fails (older engines, cross-world wrappers).
 */
function adoptStyles(root: ShadowRoot, css: string): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
    return;
  } catch {
    // fall through
  }
  const style = document.createElement('style');
  style.textContent = css;
  root.append(style);
}

/** The focused element, looking through open shadow roots (a page's web components). */
function deepActiveElement(): Element | null {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}
