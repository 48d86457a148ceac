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
  /** The card could not be shown (no data for the entity, or loading failed). */
  onUnavailable(err?: unknown): void;
  onCloseButton(): void;
  onFocusLeft(): void;
  onOpenTimeline(entity: string): void;
  onActive(id: number | null): void;
  onError(err: unknown): void;
}

export interface OpenTiming {
  entity: string;
  via: OpenVia;
  /** performance.now() when the controller asked for the card (end of the hover delay). */
  requestedAt: number;
  /** performance.now() when it was placed and made visible. */
  visibleAt: number;
  /** Whether the data came from the cache (prefetched) rather than a round-trip after the delay. */
  cached: boolean;
}

export class CardView {
  readonly host: HTMLElement;
  readonly root: ShadowRoot;
  private readonly layer: HTMLDivElement;
  private stopFollow: (() => void) | null = null;
  private shown = false;
  private token = 0;
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
    this.layer = document.createElement('div');
    this.layer.className = 'layer';
    this.layer.style.visibility = 'hidden';
    this.root.append(this.layer);
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

  get isShown(): boolean {
    return this.shown;
  }

  /**
   * Renders and lays out a card while nothing is shown, invisibly, during
   * the hover delay: when the delay ends only placement is left, so even
   * the page's first card appears within a frame (Preact's first render and
   * the first style pass of the card's stylesheet take far longer).
   */
  prerender(data: CardData): void {
    if (this.shown) return;
    this.attach();
    this.layer.style.visibility = 'hidden';
    render(this.element(data), this.layer);
    (this.layer.firstElementChild as HTMLElement | null)?.getBoundingClientRect();
  }

  rect(): Rect | null {
    const card = this.layer.firstElementChild;
    if (!card || this.layer.style.visibility === 'hidden') return null;
    const r = card.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  }

  show(mention: PaintedMention, via: OpenVia, pointer: Point | null): void {
    const token = ++this.token;
    const requestedAt = performance.now();
    if (via === 'keyboard' && this.returnFocus === null && !this.hasFocus()) this.returnFocus = deepActiveElement();
    const lang = this.opts.langFor(mention);
    const cached = this.opts.cache.peek(mention.entity, lang);
    if (cached !== undefined) {
      this.place(mention, via, cached, pointer, { requestedAt, cached: true });
      return;
    }
    this.opts.cache.get(mention.entity, lang).then(
      (data) => {
        if (token === this.token) this.place(mention, via, data, pointer, { requestedAt, cached: false });
      },
      (err: unknown) => {
        if (token === this.token) this.opts.onUnavailable(err);
      },
    );
  }

  hide(reason: CloseReason): void {
    this.token++;
    this.shown = false;
    this.stopFollow?.();
    this.stopFollow = null;
    const hadFocus = this.hasFocus();
    this.layer.style.visibility = 'hidden';
    render(null, this.layer);
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
    this.hide('mention-gone');
    this.host.remove();
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

  private place(
    mention: PaintedMention,
    via: OpenVia,
    data: CardData | null,
    pointer: Point | null,
    t: { requestedAt: number; cached: boolean },
  ): void {
    if (!data) {
      this.opts.onUnavailable();
      return;
    }
    this.attach();
    this.stopFollow?.();
    this.stopFollow = null;
    this.layer.style.visibility = 'hidden';
    this.shown = true;
    const token = this.token;
    render(this.element(data), this.layer);
    const card = this.layer.firstElementChild as HTMLElement | null;
    if (!card) return;
    let first = true;
    this.opts.onActive(mention.id);
    this.stopFollow = follow(
      rangeReference(mention.range),
      this.layer,
      card,
      pointer,
      () => {
        if (!first || token !== this.token) return;
        first = false;
        this.lastOpen = { entity: data.id, via, requestedAt: t.requestedAt, visibleAt: performance.now(), cached: t.cached };
        if (via === 'keyboard') card.focus({ preventScroll: true });
      },
      (err) => this.opts.onError(err),
    );
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
