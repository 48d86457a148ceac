/**
 * The card bundle's wiring, run once per frame when the background injects
 * /card.js: page events → hit-test through the PageBridge → controller →
 * view. Every listener is guarded so that nothing thrown here ever reaches
 * the page as an uncaught exception.
 */
import { browser } from 'wxt/browser';
import type { BackgroundRequest } from '../messages';
import { uiLang } from '../i18n';
import {
  BRIDGE_KEY,
  CARD_KEY,
  CARD_START_KEY,
  fromWorld,
  isBridge,
  toWorld,
  type PaintedMention,
} from '../page/bridge';
import { CardCache } from './cache';
import { CardController } from './controller';
import { cardLangFor, isCardData, type CardData, type CardLang } from './data';
import type { Point } from './grace';
import { hoverRevealAt } from './reveal';
import { CardView } from './view';

/**
 * The running card publishes itself on the isolated world's global under
 * CARD_KEY (a Symbol, see src/page/bridge.ts): a second injection finds it and
 * does nothing, and browser tests reach the closed shadow root through it.
 * Page scripts run in another world and cannot see it.
 */
export interface CardHandle {
  view: CardView;
  controller: CardController<PaintedMention>;
  navigate(direction: 'next' | 'previous'): void;
  dispose(): void;
}

const isHandle = (v: unknown): v is CardHandle =>
  typeof v === 'object' && v !== null && typeof (v as { dispose?: unknown }).dispose === 'function';

function report(err: unknown): void {
  // A warning, never an uncaught exception: the page's console is not ours to break.
  try {
    console.warn('[Partnership Lens] card:', err);
  } catch {
    /* console itself replaced by the page: nothing left to do */
  }
}

/** Wraps a listener so a bug in it is reported, not thrown into the page. */
function guard<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
  return (...args: A) => {
    try {
      fn(...args);
    } catch (err) {
      report(err);
    }
  };
}

/**
 * The card's language: Chinese for a mention written in Chinese (小米) or on a
 * Chinese page, else the browser's UI language (a Chinese browser reads
 * Chinese cards on English pages too).
 */
export function langForMention(text: string, pageLang: string | null | undefined, ui: CardLang = uiLang()): CardLang {
  if (/[\u3400-\u9fff]/.test(text)) return 'zh';
  if (cardLangFor(pageLang) === 'zh') return 'zh';
  return ui;
}

async function fetchCard(entity: string, lang: CardLang): Promise<CardData | null> {
  const msg: BackgroundRequest = { type: 'getCard', entity, lang };
  const res: unknown = await browser.runtime.sendMessage(msg);
  if (res === null || res === undefined) return null;
  // The background's router answers a failed handler with { error }.
  if (typeof res === 'object' && typeof (res as { error?: unknown }).error === 'string') {
    throw new Error(`getCard ${entity}: ${(res as { error: string }).error}`);
  }
  if (!isCardData(res)) throw new Error(`getCard answered with something that is not card data for ${entity}`);
  return res;
}

/** Index of the first mention at or below the top of the viewport: where keyboard navigation starts. */
function readingAnchor(mentions: readonly PaintedMention[]): number {
  for (let i = 0; i < mentions.length; i++) {
    const r = mentions[i]!.range.getBoundingClientRect();
    if (r.bottom > 0 && (r.width > 0 || r.height > 0)) return i;
  }
  return 0;
}

function reveal(mention: PaintedMention): void {
  const start = mention.range.startContainer;
  const el = start.nodeType === Node.ELEMENT_NODE ? (start as Element) : start.parentElement;
  const r = mention.range.getBoundingClientRect();
  if (r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth) return;
  // Scroll every scrolling ancestor (a long paragraph may be taller than the viewport, so then centre the line).
  el?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  const after = mention.range.getBoundingClientRect();
  if (after.top < 0 || after.bottom > innerHeight) scrollBy({ top: after.top - innerHeight / 3, behavior: 'instant' });
}

export function startCard(): void {
  if (fromWorld(CARD_KEY, isHandle)) return;
  const bridge = fromWorld(BRIDGE_KEY, isBridge);
  if (!bridge || bridge.signal.aborted) {
    report(new Error('card.js ran without the page bridge; the content script must load first'));
    return;
  }

  // Settings come from the page layer (bridge.settings(), read at each use, so live): the card
  // bundle carries no settings store of its own.
  const own = new AbortController();
  const signal = AbortSignal.any([own.signal, bridge.signal]);
  const listen = { capture: true, passive: true, signal } as const;

  const cache = new CardCache(fetchCard);
  const ui = uiLang();
  let pointer: Point | null = null;
  /** timeStamp of the pointermove being handled: the hover delay runs from the movement itself. */
  let movedAt = 0;

  const view = new CardView({
    cache,
    langFor: (m) => langForMention(m.text, document.documentElement.lang, ui),
    accentFor: (data) => bridge.settings().style.colours[data.kind],
    onUnavailable: (mention, err) => {
      if (err) report(err);
      controller.unavailable(mention);
    },
    // Hover cards open when revealed (if still wanted); click, tap and keyboard ones opened at once.
    onRevealed: (mention, via) => via !== 'hover' || controller.revealed(mention),
    onCloseButton: () => controller.close('close-button'),
    onFocusLeft: () => controller.close('focus-left'),
    onOpenTimeline: (entity) => {
      const msg: BackgroundRequest = { type: 'openTimeline', entity };
      browser.runtime.sendMessage(msg).catch(report);
    },
    onActive: (id) => bridge.setActive(id),
    onError: report,
  });

  const controller: CardController<PaintedMention> = new CardController<PaintedMention>({
    setTimer: (fn, ms) => setTimeout(guard(fn), ms),
    clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    prefetch: (mention) => {
      cache.get(mention.entity, langForMention(mention.text, document.documentElement.lang, ui)).catch(() => {
        /* reported when the card itself is asked for */
      });
    },
    arm: (mention, delayMs) => view.arm(mention, pointer, hoverRevealAt(movedAt, performance.now(), delayMs)),
    disarm: () => view.disarm(),
    show: (mention, via) =>
      view.show(mention, via, via === 'hover' || via === 'click' || via === 'tap' ? pointer : null),
    hide: (reason) => view.hide(reason),
    cardRect: () => view.rect(),
    settings: () => bridge.settings().cards,
  });

  const hit = (x: number, y: number): PaintedMention | null => {
    try {
      return bridge.mentionAt(x, y);
    } catch (err) {
      report(err);
      return null;
    }
  };

  let lastPointerType = 'mouse';
  addEventListener(
    'pointermove',
    guard((e: PointerEvent) => {
      if (e.pointerType === 'touch') return;
      pointer = { x: e.clientX, y: e.clientY };
      movedAt = e.timeStamp;
      const overCard = view.contains(e);
      controller.pointerMove(pointer, overCard ? null : hit(e.clientX, e.clientY), overCard);
    }),
    listen,
  );
  addEventListener(
    'pointerout',
    guard((e: PointerEvent) => {
      if (e.relatedTarget === null && e.pointerType !== 'touch') controller.pointerLeftDocument();
    }),
    listen,
  );
  addEventListener(
    'pointerdown',
    guard((e: PointerEvent) => {
      lastPointerType = e.pointerType || 'mouse';
      pointer = { x: e.clientX, y: e.clientY };
      const overCard = view.contains(e);
      controller.pointerDown(lastPointerType, overCard ? null : hit(e.clientX, e.clientY), overCard);
    }),
    listen,
  );
  addEventListener(
    'click',
    guard((e: MouseEvent) => {
      // detail 0: a click made by the keyboard (Enter on a link) has no position to hit-test.
      if (e.detail === 0 || view.contains(e)) return;
      const mention = hit(e.clientX, e.clientY);
      if (!mention) return;
      const pointerType = (e as PointerEvent).pointerType || lastPointerType;
      const start = mention.range.startContainer;
      const el = start.nodeType === Node.ELEMENT_NODE ? (start as Element) : start.parentElement;
      const inLink = !!el?.closest('a[href], area[href]');
      pointer = { x: e.clientX, y: e.clientY };
      if (controller.activate(mention, pointerType, inLink)) e.preventDefault();
    }),
    { capture: true, signal },
  );
  addEventListener(
    'keydown',
    guard((e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.isComposing) return;
      const focused = view.contains(e);
      if (controller.escape() && focused) {
        // The key was meant for our card; a page dialog underneath should not also close.
        e.preventDefault();
        e.stopPropagation();
      }
    }),
    { capture: true, signal },
  );

  const navigate = guard((direction: 'next' | 'previous') => {
    const mentions = bridge.mentions();
    const anchor = readingAnchor(mentions);
    const before = controller.openMention;
    const next = controller.navigate(direction, mentions, anchor);
    // autoUpdate follows the scroll, so the card lands next to the revealed mention.
    if (next && next !== before) reveal(next);
  });

  const offNavigate = bridge.onNavigate(navigate);
  // A lookup per open or pending card, not a list of the page's mentions: this runs after every repaint.
  const offChange = bridge.onChange(guard(() => controller.mentionsChanged((id) => bridge.isPainted(id))));

  const handle: CardHandle = {
    view,
    controller,
    navigate,
    dispose: () => {
      own.abort();
    },
  };
  signal.addEventListener(
    'abort',
    guard(() => {
      offNavigate();
      offChange();
      controller.dispose();
      view.dispose();
      if (fromWorld(CARD_KEY, isHandle) === handle) toWorld(CARD_KEY, undefined);
    }),
    { once: true },
  );
  toWorld(CARD_KEY, handle);

  // The page layer loaded this bundle because the reader's pointer came onto a mention: start from there.
  const intent = bridge.takeIntent();
  if (intent?.via === 'hover') {
    pointer = { x: intent.x, y: intent.y };
    movedAt = intent.timeStamp;
    controller.pointerMove(pointer, hit(intent.x, intent.y), false);
  }
}

/**
 * Entry point for /card.js: never lets an exception escape into the page. It also leaves itself under
 * CARD_START_KEY, so that the page layer can start the card again after stopping it (the page layer
 * restarted, the document was replaced) without injecting the bundle a second time.
 */
export function runCard(): void {
  toWorld(CARD_START_KEY, runCard);
  try {
    startCard();
  } catch (err) {
    report(err);
  }
}
