/**
 * The card on the page: a host element at the end of <html> with
 * `all: initial`, a CLOSED shadow root, and Preact rendering into it.
 *
 * What the page gets to see of it (README, Security): the host element
 * `<partnership-lens-card data-partnership-lens="card" popover="manual">`,
 * appended to <html> when the first card is prepared (on the first hover,
 * focus, click or key press that opens a card) and kept, empty, until the
 * content script goes; it is put in the top layer (a manual popover) while a
 * card shows, so that no page element, z-index or modal dialog covers it.
 * Nothing inside it is reachable: the root is closed and no text is a node
 * (Card.tsx).
 *
 * A page can still hide the host (its inline style rewritten, an element or a
 * popover of its own laid over it). A card that is not really visible is
 * treated as closed (`onHidden`), and the next card repairs the host (style
 * reset, moved back to the end of <html>, raised to the top of the top layer).
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
import type { CorrectionState, WhyAnswer } from './MentionTools';
import { CARD_CSS } from './styles';
import type { CorrectReply } from '../messages';

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
  /** The page hid the visible card (see the header comment): it must count as closed. */
  onHidden(): void;
  /**
   * The card is drawn in the top page's document (this frame is a same-origin iframe): the pointer
   * over it or leaving it, and Escape in it, reach that document, not this frame's listeners.
   */
  onPointerOverCard?(): void;
  onPointerLeftCard?(): void;
  onEscape?(): void;
  /** A press in the top page's document, not on the card: like a press outside the card here. */
  onPressOutside?(): void;
  onError(err: unknown): void;
  /** "Why marked" and the reader's corrections of the mention (absent: the card shows neither). */
  tools?: CardToolsDeps;
}

/** What the card's mention tools (MentionTools.tsx) need from the browser. */
export interface CardToolsDeps {
  /** The page's site as corrections name it (shown in "Not here"). */
  site: string;
  why(mention: PaintedMention): Promise<WhyAnswer>;
  correct(mention: PaintedMention, kind: 'not-this' | 'not-here'): Promise<CorrectReply>;
  undo(undo: unknown[]): Promise<CorrectReply>;
  /** Keep the card open while the mention's mark is gone (on), or no longer. */
  hold(mention: PaintedMention, on: boolean): void;
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
  data?: CardData;
}

/**
 * Where the card is drawn: the top page's document when this frame is a same-origin iframe (so a
 * small iframe never clips it, and Floating UI places it from the iframe's offsets), else this one.
 */
export function cardDocument(): Document {
  try {
    if (window.top && window.top !== window) {
      const top = window.top.document;
      if (top?.documentElement) return top;
    }
  } catch {
    /* a cross-origin ancestor: the card stays in this frame */
  }
  return document;
}

export class CardView {
  readonly host: HTMLElement;
  /** The document the card is drawn in, and its window (see cardDocument). */
  private readonly doc: Document;
  private readonly win: Window & typeof globalThis;
  readonly root: ShadowRoot;
  private readonly slots: readonly [Slot, Slot];
  private shown: { slot: Slot; mention: PaintedMention; via: OpenVia } | null = null;
  private staged: Staged | null = null;
  private returnFocus: Element | null = null;
  /** The cards of related entities the reader followed from the shown card, oldest first. */
  private trail: CardData[] = [];
  /** A correction the reader made from the shown card, with its undo. */
  private correction: { mention: PaintedMention; state: CorrectionState; undo: unknown[] | null } | null = null;
  private watch: ReturnType<typeof setInterval> | null = null;
  lastOpen: OpenTiming | null = null;

  constructor(private readonly opts: CardViewOptions) {
    this.doc = cardDocument();
    this.win = this.doc.defaultView ?? window;
    this.host = this.doc.createElement(HOST_TAG);
    this.host.setAttribute('style', HOST_STYLE);
    // Detection must never scan the card's own text (it names the entities it describes).
    this.host.setAttribute(UI_HOST_ATTR, 'card');
    if (supportsPopover(this.host)) this.host.popover = 'manual';
    // Open only in the accessibility-test build (WXT_CARD_OPEN_ROOT=1 at build time), so axe can walk it.
    this.root = this.host.attachShadow({ mode: import.meta.env.WXT_CARD_OPEN_ROOT === '1' ? 'open' : 'closed' });
    adoptStyles(this.root, CARD_CSS, this.win);
    this.slots = [this.makeSlot(), this.makeSlot()];
    this.listenFromTopDocument();
    this.root.addEventListener('focusout', (e) => {
      const next = (e as FocusEvent).relatedTarget;
      // null: focus went to the browser's own UI or another window; that is not leaving the card.
      if (next && !(next instanceof Node && (this.root.contains(next) || next === this.host))) opts.onFocusLeft();
    });
  }

  /** Is the card drawn in another frame's document (the top page's)? */
  get inTopDocument(): boolean {
    return this.doc !== document;
  }

  /** In the top page's document, this frame's listeners hear nothing of the card: the host tells them. */
  private listenFromTopDocument(): void {
    if (!this.inTopDocument) return;
    const h = this.host;
    h.addEventListener('pointermove', (e) => e.isTrusted && this.opts.onPointerOverCard?.());
    h.addEventListener('pointerleave', (e) => e.isTrusted && this.opts.onPointerLeftCard?.());
    this.doc.addEventListener(
      'pointerdown',
      (e) => {
        if (e.isTrusted && !e.composedPath().includes(h)) this.opts.onPressOutside?.();
      },
      { capture: true, passive: true },
    );
    h.addEventListener('keydown', (e) => {
      if (e.isTrusted && e.key === 'Escape' && !e.isComposing) {
        e.stopPropagation();
        this.opts.onEscape?.();
      }
    });
  }

  private onWheel(e: WheelEvent): void {
    if (!e.isTrusted || e.ctrlKey) return; // ctrl+wheel is the browser's zoom
    const layer = this.shown?.slot.layer;
    const body = layer?.querySelector<HTMLElement>('.body');
    if (!layer || !body) return;
    const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? body.clientHeight : 1;
    const dy = e.deltaY * unit;
    const inBody = e.composedPath().includes(body);
    const canScroll = dy < 0 ? body.scrollTop > 0 : body.scrollTop + body.clientHeight < body.scrollHeight - 1;
    // Over the scrolling body with room to scroll: the browser's own (smooth) scrolling does it.
    if (inBody && canScroll) return;
    e.preventDefault();
    if (canScroll && dy !== 0) body.scrollTop += dy;
  }

  /**
   * Is the shown card really visible to the reader? Not when the page hid or
   * moved its host (opacity, visibility, display, clip-path, filter, transform,
   * mask on it or <html>) or laid something over it: the topmost element at
   * the card's centre must be the host itself.
   */
  isVisible(): boolean {
    const card = this.shown?.slot.layer.firstElementChild;
    if (!card || !this.host.isConnected) return false;
    const cs = this.win.getComputedStyle(this.host);
    if (
      cs.display !== 'block' ||
      cs.visibility !== 'visible' ||
      Number(cs.opacity) < 1 ||
      cs.clipPath !== 'none' ||
      cs.filter !== 'none' ||
      cs.transform !== 'none' ||
      (cs.maskImage && cs.maskImage !== 'none')
    )
      return false;
    const html = this.win.getComputedStyle(this.doc.documentElement);
    if (Number(html.opacity) < 0.5 || html.visibility === 'hidden') return false;
    if (
      typeof this.host.checkVisibility === 'function' &&
      !this.host.checkVisibility({ opacityProperty: true, visibilityProperty: true })
    )
      return false;
    const r = card.getBoundingClientRect();
    const x = Math.min(Math.max(r.left + r.width / 2, 0), this.win.innerWidth - 1);
    const y = Math.min(Math.max(r.top + Math.min(r.height / 2, 40), 0), this.win.innerHeight - 1);
    if (r.width === 0 || r.height === 0) return false;
    // From the extension's world, hit-testing sees the host (shadow content is retargeted to it).
    return this.doc.elementFromPoint(x, y) === this.host;
  }

  /** Checks the shown card now (a pointer over its mention or itself): one the page hid counts as closed. */
  checkVisible(): void {
    if (this.shown && !this.isVisible()) this.lostToPage();
  }

  private lostToPage(): void {
    this.stopWatch();
    this.opts.onHidden();
  }

  /** While a card shows, look every half second whether the page has hidden it. */
  private startWatch(): void {
    this.stopWatch();
    this.watch = setInterval(() => {
      try {
        this.checkVisible();
      } catch (err) {
        this.opts.onError(err);
      }
    }, 500);
  }

  private stopWatch(): void {
    if (this.watch !== null) clearInterval(this.watch);
    this.watch = null;
  }

  /**
   * A related entity's chip: that entity's card replaces the shown one, placed
   * at the same mention, with a way back.
   */
  openEntity(entity: string): void {
    const shown = this.shown;
    if (!shown) return;
    const current = this.renderedData;
    const lang = this.opts.langFor(shown.mention);
    this.opts.cache.get(entity, lang).then(
      (data) => {
        if (this.shown !== shown || !data || !current) return;
        this.trail.push(current);
        this.renderInto(shown.slot, data, true);
      },
      (err: unknown) => this.opts.onError(err),
    );
  }

  private back(): void {
    const shown = this.shown;
    const prev = this.trail.pop();
    if (!shown || !prev) return;
    this.renderInto(shown.slot, prev, true);
  }

  /** What the shown card displays now (its own entity, or a related one the reader followed). */
  private renderedData: CardData | null = null;

  private renderInto(slot: Slot, data: CardData, focus: boolean): void {
    this.renderedData = data;
    render(this.element(data, this.shown?.mention), slot.layer);
    const card = slot.layer.firstElementChild as HTMLElement | null;
    if (focus) card?.focus({ preventScroll: true });
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
    // In the top page's document: moved into this frame's viewport, where the pointer's coordinates are.
    const o = this.frameOffset();
    return { left: r.left - o.x, top: r.top - o.y, right: r.right - o.x, bottom: r.bottom - o.y };
  }

  /** Where this frame's viewport sits in the card document's viewport (0, 0 when they are one). */
  private frameOffset(): { x: number; y: number } {
    let x = 0;
    let y = 0;
    let w: Window = window;
    while (w !== this.win && w.frameElement) {
      const f = w.frameElement;
      const r = f.getBoundingClientRect();
      x += r.left + f.clientLeft;
      y += r.top + f.clientTop;
      w = w.parent;
    }
    return { x, y };
  }

  /**
   * Prepares the card of a hovered mention now, while its hover delay runs:
   * data (usually cached), Preact render, placement (kept current by
   * autoUpdate), all invisible; then a CSS animation reveals it at
   * `revealAt` (performance.now() clock), exact to the frame. Replaces any
   * card being prepared; the visible card, if any, stays until the reveal.
   */
  arm(mention: PaintedMention, pointer: Point | null, revealAt: number, via: 'hover' | 'focus' = 'hover'): void {
    this.stage(mention, via, pointer, revealAt);
  }

  /** Gives up the hover card being prepared (the pointer left before its delay ended). */
  disarm(): void {
    if (this.staged?.via === 'hover' || this.staged?.via === 'focus') this.drop();
  }

  /** Opens a card now (click, tap, keyboard): shown on the next frame, replacing the visible one. */
  show(mention: PaintedMention, via: OpenVia, pointer: Point | null): void {
    if (via === 'keyboard' && this.returnFocus === null && !this.hasFocus()) this.returnFocus = deepActiveElement();
    this.stage(mention, via, pointer, performance.now());
  }

  hide(reason: CloseReason): void {
    // A card opened at once but not revealed yet goes too; a hover or focus card still in its delay does not.
    if (this.staged && this.staged.via !== 'hover' && this.staged.via !== 'focus') this.drop();
    const hadFocus = this.hasFocus();
    if (this.shown) this.conceal(this.shown.slot);
    this.shown = null;
    this.trail = [];
    this.renderedData = null;
    this.correction = null;
    this.stopWatch();
    this.opts.onActive(null);
    const back = this.returnFocus;
    this.returnFocus = null;
    // Focus goes back where it was when the card took it (Escape, close button), or when closing would strand it.
    if (back && (hadFocus || reason === 'escape' || reason === 'close-button') && reason !== 'focus-left') {
      if (back instanceof HTMLElement || back instanceof SVGElement) {
        if (back.isConnected) back.focus({ preventScroll: true });
      }
    } else if (hadFocus && this.doc.activeElement === this.host) {
      this.host.blur();
    }
  }

  dispose(): void {
    this.drop();
    this.hide('mention-gone');
    this.stopWatch();
    this.host.remove();
  }

  private makeSlot(): Slot {
    const layer = this.doc.createElement('div');
    layer.className = 'layer';
    // The view's own record of what is shown, for tests and tools: 'hidden' until the reveal, then
    // 'visible' (the stylesheet hides the layer too; the reveal animation overrides both).
    layer.style.visibility = 'hidden';
    const slot: Slot = { layer, stopFollow: null };
    // The wheel over the card scrolls the card, never the page under it: a page scrolled from under
    // the pointer would carry the mention, and the card following it, away from the pointer. On the
    // layer, not the shadow root: Chromium's compositor only waits for wheel listeners on boxes.
    layer.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
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
    // A page may have rewritten the host's style to hide it: every new card starts from ours.
    if (this.host.getAttribute('style') !== HOST_STYLE) this.host.setAttribute('style', HOST_STYLE);
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
    st.data = data;
    render(this.element(data, st.mention), layer);
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
    // The card's document may be the top page's: its animation clock starts at another time origin.
    const shift = performance.timeOrigin - this.win.performance.timeOrigin;
    const { delayMs, startTime } = revealSchedule(st.revealAt + shift, this.win.performance.now());
    layer.style.animationDelay = `${delayMs}ms`;
    layer.classList.add('reveal');
    // A frame callback kept pending until the reveal. Chromium runs a frame that only an animation
    // asked for without the animation-frame-callback step, so a requestAnimationFrame made in the
    // animationstart handler (or in the onActive it calls) would only run a frame later; with one
    // pending, the reveal frame runs its callbacks after the animation events, those requested from
    // them included, and whoever times the card from its being marked active sees the frame that
    // shows it (npm run bench does). Costs one empty callback per frame of the delay.
    const keep = (): void => {
      if (this.staged === st) this.win.requestAnimationFrame(keep);
    };
    this.win.requestAnimationFrame(keep);
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
    this.trail = [];
    if (this.correction?.mention !== st.mention) this.correction = null;
    this.renderedData = st.data ?? null;
    // On this frame's clock, like the other times here (the card's document may be the top page's).
    const topTime = this.doc.timeline?.currentTime;
    const frameTime =
      typeof topTime === 'number' ? topTime - (performance.timeOrigin - this.win.performance.timeOrigin) : null;
    this.lastOpen = {
      entity: st.entity ?? st.mention.entity,
      via: st.via,
      requestedAt: st.revealAt,
      visibleAt: performance.now(),
      frameTime,
      cached: st.cached,
    };
    this.opts.onActive(st.mention.id);
    if (st.via === 'keyboard') (slot.layer.firstElementChild as HTMLElement | null)?.focus({ preventScroll: true });
    if (!this.isVisible()) {
      // Hidden by the page the moment it showed: repair the host once (see attach) and look again.
      this.attach(true);
      if (!this.isVisible()) {
        this.lostToPage();
        return;
      }
    }
    this.startWatch();
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
      void this.win.getComputedStyle(layer).animationName;
    }
    render(null, layer);
  }

  private element(data: CardData, mention?: PaintedMention) {
    const prev = this.trail[this.trail.length - 1];
    const tools = this.opts.tools;
    // Only on the mention's own card (not a related entity's the reader followed from it).
    const forMention = tools && mention && !prev && data.id === mention.entity ? mention : null;
    return (
      <Card
        data={data}
        accent={this.opts.accentFor(data)}
        {...(prev ? { back: { name: prev.name, onBack: () => this.back() } } : {})}
        onClose={() => this.opts.onCloseButton()}
        onOpenTimeline={() => this.opts.onOpenTimeline(data.id)}
        onOpenEntity={(id) => this.openEntity(id)}
        {...(tools && forMention
          ? {
              tools: {
                name: data.name,
                site: tools.site,
                why: () => tools.why(forMention),
                correction: this.correction?.mention === forMention ? this.correction.state : null,
                onNotThis: () => this.correct(forMention, 'not-this'),
                onNotHere: () => this.correct(forMention, 'not-here'),
                onUndo: () => this.undoCorrection(forMention),
              },
            }
          : {})}
      />
    );
  }

  /** Renders the shown card again (its correction's state changed). */
  private rerender(): void {
    const shown = this.shown;
    if (shown && this.renderedData) render(this.element(this.renderedData, shown.mention), shown.slot.layer);
  }

  /** "Not this one" or "Not here" from the shown card: the card stays open (held) with an Undo. */
  private correct(mention: PaintedMention, kind: 'not-this' | 'not-here'): void {
    const tools = this.opts.tools;
    if (!tools || this.shown?.mention !== mention) return;
    const c: NonNullable<CardView['correction']> = { mention, state: { kind, phase: 'saving' }, undo: null };
    this.correction = c;
    // Held before the mark can go (the page reads itself again once the correction is stored).
    tools.hold(mention, true);
    this.rerender();
    const settle = (reply: CorrectReply) => {
      if (this.correction !== c) return;
      if (reply.ok) Object.assign(c, { state: { kind, phase: 'done' }, undo: reply.undo });
      else {
        tools.hold(c.mention, false);
        Object.assign(c, { state: { kind, phase: 'failed', problem: reply.problem }, undo: null });
      }
      this.rerender();
    };
    tools.correct(mention, kind).then(settle, (err: unknown) => {
      this.opts.onError(err);
      settle({ ok: false, problem: String(err) });
    });
  }

  private undoCorrection(mention: PaintedMention): void {
    const tools = this.opts.tools;
    const c = this.correction;
    if (!tools || !c || c.mention !== mention || !c.undo || !c.state) return;
    const kind = c.state.kind;
    const next: NonNullable<CardView['correction']> = { mention, state: { kind, phase: 'undoing' }, undo: c.undo };
    this.correction = next;
    this.rerender();
    const settle = (reply: CorrectReply) => {
      if (this.correction !== next) return;
      // Still held: the mark comes back as a new one, which `rebind` makes this card's (before or after this).
      Object.assign(
        next,
        reply.ok
          ? { state: { kind, phase: 'undone' }, undo: null }
          : { state: { kind, phase: 'failed', problem: reply.problem }, undo: null },
      );
      this.rerender();
    };
    tools.undo(c.undo).then(settle, (err: unknown) => {
      this.opts.onError(err);
      settle({ ok: false, problem: String(err) });
    });
  }

  /** The shown card's mention came back as `mention` (an undo): the card and its state are now that mention's. */
  rebind(mention: PaintedMention): void {
    const shown = this.shown;
    if (!shown) return;
    if (this.correction?.mention === shown.mention) this.correction.mention = mention;
    this.shown = { ...shown, mention };
    this.opts.onActive(mention.id);
    this.rerender();
  }

  /**
   * Puts the host where it shows: the last child of <html> (a page may have removed it, or added
   * elements after it) and the top of the top layer (above the page's own popovers and dialogs).
   * `force`: re-raise it even if it looks in place (the page opened something over it since).
   */
  private attach(force = false): void {
    const html = this.doc.documentElement;
    if (this.host.getAttribute('style') !== HOST_STYLE) this.host.setAttribute('style', HOST_STYLE);
    if (this.host.parentNode !== html || (force && html.lastElementChild !== this.host)) html.append(this.host);
    if (!supportsPopover(this.host)) return;
    try {
      if (this.host.getAttribute('popover') !== 'manual') this.host.popover = 'manual';
      if (force && this.host.matches(':popover-open')) this.host.hidePopover();
      if (!this.host.matches(':popover-open')) this.host.showPopover();
    } catch {
      /* not in a document that allows it (a page's own fullscreen or a dialog in the way): z-index still applies */
    }
  }

  private hasFocus(): boolean {
    return this.root.activeElement !== null;
  }
}

function supportsPopover(el: HTMLElement): boolean {
  return typeof el.showPopover === 'function';
}

/**
 * A constructed stylesheet is not subject to the page's CSP (a `<style>`
 * element can be, under `style-src` without 'unsafe-inline'); fall back to
 * `<style>` where adopting fails (older engines, cross-world wrappers).
 */
function adoptStyles(root: ShadowRoot, css: string, win: Window & typeof globalThis): void {
  try {
    // Made by the card document's window: a sheet is adopted only in the document it was made for.
    const sheet = new win.CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
    return;
  } catch {
    // fall through
  }
  const style = root.ownerDocument.createElement('style');
  style.textContent = css;
  root.append(style);
}

/** The focused element, looking through open shadow roots (a page's web components). */
function deepActiveElement(): Element | null {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}
