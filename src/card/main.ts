/**
 * The card bundle's wiring, run once per frame when the background injects
 * /card.js: page events → hit-test through the PageBridge → controller →
 * view. Every listener is guarded so that nothing thrown here ever reaches
 * the page as an uncaught exception.
 */
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import {
  CorrectReplySchema,
  ErrorReplySchema,
  GetCardReplySchema,
  WhyWordsSchema,
  LIMITS,
  type BackgroundRequest,
  type CardData,
  type CardLang,
  type CorrectReply,
  type MentionInSentence,
} from '../messages';
import { uiLang } from '../i18n';
import {
  BRIDGE_KEY,
  CARD_KEY,
  CARD_START_KEY,
  fromWorld,
  isBridge,
  toWorld,
  type NavigateRequest,
  type PageBridge,
  type PaintedMention,
} from '../page/bridge';
import { guard, report } from '../page/guard';
import { CardCache } from './cache';
import { CardController } from './controller';
import type { Point } from './grace';
import type { WhyAnswer } from './MentionTools';
import { hoverRevealAt } from './reveal';
import { CardView, type CardToolsDeps } from './view';

/**
 * The running card publishes itself on the isolated world's global under
 * CARD_KEY (a Symbol, src/page/bridge.ts: never a name, which a page's
 * <a id="…"> could take): a second injection finds it and does nothing, and
 * browser tests reach the closed shadow root through it. Page scripts run in
 * another world and cannot see it.
 */
export interface CardHandle {
  view: CardView;
  controller: CardController<PaintedMention>;
  navigate(request: NavigateRequest): void;
  dispose(): void;
}

const isHandle = (v: unknown): v is CardHandle =>
  typeof v === 'object' && v !== null && typeof (v as { dispose?: unknown }).dispose === 'function';

/**
 * The card's language: the interface's, whatever the page or the mention is
 * written in, so that the card's own words and the dataset text it shows are
 * always one language (a Chinese mention on an English interface reads an
 * English card, with the Chinese name beside the English one).
 */
export function cardLang(ui: CardLang = uiLang()): CardLang {
  return ui;
}

async function fetchCard(entity: string, lang: CardLang): Promise<CardData | null> {
  const msg: BackgroundRequest = { type: 'getCard', entity, lang };
  const res: unknown = await browser.runtime.sendMessage(msg);
  if (res === undefined) return null;
  // The background's router answers a refused request or a failed handler with { error }.
  if (v.is(ErrorReplySchema, res)) throw new Error(`getCard ${entity}: ${res.error}`);
  // A version skew between background and card bundle shows as a clear error, not a broken card.
  const card = v.safeParse(GetCardReplySchema, res);
  if (!card.success) throw new Error(`getCard answered with something that is not card data for ${entity}`);
  return card.output;
}

const ExplainWordsSchema = v.object({ words: WhyWordsSchema });

/** A background request whose answer must be `schema`'s (the router answers a refusal with { error }). */
async function ask<T>(msg: BackgroundRequest, schema: v.GenericSchema<unknown, T>): Promise<T> {
  const res: unknown = await browser.runtime.sendMessage(msg);
  if (v.is(ErrorReplySchema, res)) throw new Error(`${msg.type}: ${res.error}`);
  const parsed = v.safeParse(schema, res);
  if (!parsed.success) throw new Error(`${msg.type} answered with something unexpected`);
  return parsed.output;
}

/** The mention in its sentence as the background read it, cut to what a message carries. */
function inSentence(mention: PaintedMention): MentionInSentence | null {
  const { sentence, inSentence: at } = mention;
  if (sentence === undefined || !at || !(at.start < at.end && at.end <= sentence.length)) return null;
  // A sentence longer than a message carries (rare: a page without full stops) is cut around the span.
  const from = Math.max(
    0,
    Math.min(at.start - Math.floor((LIMITS.sentence - (at.end - at.start)) / 2), sentence.length - LIMITS.sentence),
  );
  const cut = sentence.length > LIMITS.sentence ? sentence.slice(from, from + LIMITS.sentence) : sentence;
  const shift = sentence.length > LIMITS.sentence ? from : 0;
  return { sentence: cut, start: at.start - shift, end: at.end - shift, entity: mention.entity };
}

/** "Why marked" and the corrections, through the background (src/background/explain.ts, corrections.ts). */
function cardTools(bridge: Pick<PageBridge, 'settings' | 'context'>, hold: CardToolsDeps['hold']): CardToolsDeps {
  return {
    site: location.hostname.toLowerCase() || location.protocol,
    why: async (mention): Promise<WhyAnswer> => {
      if (mention.reader) return { by: 'reader' };
      const m = inSentence(mention);
      if (!m) throw new Error('this mention has no sentence');
      const d = bridge.settings().detection;
      const reply = await ask(
        {
          type: 'explain',
          mention: m,
          context: bridge.context().slice(0, LIMITS.context),
          mode: d.mode,
          extraAliases: d.extraAliases,
        },
        // Only the words are shown: the card checks those (the why as data is the command line's).
        ExplainWordsSchema,
      );
      return { by: 'engine', words: reply.words };
    },
    correct: async (mention, kind): Promise<CorrectReply> => {
      if (kind === 'not-here') return ask({ type: 'correct', kind, entity: mention.entity }, CorrectReplySchema);
      const m = inSentence(mention);
      if (!m) throw new Error('this mention has no sentence');
      return ask({ type: 'correct', kind, mention: m }, CorrectReplySchema);
    },
    undo: (undo) => ask({ type: 'undoCorrection', undo } as BackgroundRequest, CorrectReplySchema),
    hold,
  };
}

/** Do two ranges start at the same point of the same text? (A mark that came back after an undo.) */
function sameStart(a: Range, b: Range): boolean {
  return a.startContainer === b.startContainer && a.startOffset === b.startOffset;
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
  const lang = cardLang();
  /** Names this frame's card in the tab, so the background can close every other frame's card when it opens. */
  const token = Math.random().toString(36).slice(2) + Date.now().toString(36);
  let pointer: Point | null = null;
  /** timeStamp of the pointermove being handled: the hover delay runs from the movement itself. */
  let movedAt = 0;

  const view = new CardView({
    cache,
    langFor: () => lang,
    accentFor: (data) => bridge.settings().style.colours[data.kind],
    onUnavailable: (mention, err) => {
      if (err) report(err);
      controller.unavailable(mention);
    },
    // Hover and focus cards open when revealed (if still wanted); click, tap and keyboard ones opened at once.
    onRevealed: (mention, via) => {
      const wanted = (via !== 'hover' && via !== 'focus') || controller.revealed(mention);
      // One card in the tab: the cards of other frames (same-origin iframes, the top page) close.
      if (wanted) browser.runtime.sendMessage({ type: 'cardOpened', token } satisfies BackgroundRequest).catch(report);
      return wanted;
    },
    onCloseButton: () => controller.close('close-button'),
    onFocusLeft: () => controller.close('focus-left'),
    onOpenTimeline: (entity) => {
      const msg: BackgroundRequest = { type: 'openTimeline', entity };
      browser.runtime.sendMessage(msg).catch(report);
    },
    onActive: (id) => bridge.setActive(id),
    onHidden: () => controller.close('hidden'),
    // Drawn in the top page (this frame is a same-origin iframe): the pointer and keys over it reach us here.
    onPointerOverCard: () => controller.pointerMove(pointer ?? { x: 0, y: 0 }, null, true),
    onPointerLeftCard: () => controller.pointerLeftDocument(),
    onEscape: () => controller.escape(),
    onPressOutside: () => controller.pointerDown('mouse', null, false),
    onError: report,
    tools: cardTools(bridge, (mention, on) => controller.hold(mention, on)),
  });

  const controller: CardController<PaintedMention> = new CardController<PaintedMention>({
    setTimer: (fn, ms) => setTimeout(guard(fn), ms),
    clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    prefetch: (mention) => {
      cache.get(mention.entity, lang).catch(() => {
        /* reported when the card itself is asked for */
      });
    },
    arm: (mention, delayMs, via) =>
      view.arm(
        mention,
        via === 'hover' ? pointer : null,
        hoverRevealAt(via === 'hover' ? movedAt : 0, performance.now(), delayMs),
        via,
      ),
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

  // Only the reader's own input opens, moves or closes a card: an event a page script made
  // (dispatchEvent, el.click(), a synthetic key) has isTrusted false. Focus moved by page script
  // (el.focus()) is still a trusted focus event, so focus opens a card only while the reader holds
  // Tab down: the browser moves focus between the key's trusted keydown and keyup.
  let lastPointerType = 'mouse';
  let tabDown = false;
  const onTabKey = (e: KeyboardEvent) => {
    if (e.isTrusted && e.key === 'Tab') tabDown = e.type === 'keydown';
  };
  addEventListener('keydown', onTabKey, listen);
  addEventListener('keyup', onTabKey, listen);
  // The window losing focus (its keyup may never come); element blurs reach this capture listener too.
  addEventListener('blur', (e) => e.target === window && (tabDown = false), listen);
  addEventListener(
    'pointermove',
    guard((e: PointerEvent) => {
      if (!e.isTrusted || e.pointerType === 'touch') return;
      pointer = { x: e.clientX, y: e.clientY };
      movedAt = e.timeStamp;
      const overCard = view.contains(e);
      const mention = overCard ? null : hit(e.clientX, e.clientY);
      // Over the open card or its mention: a card the page has hidden meanwhile counts as closed,
      // so this very hover opens it again.
      if (controller.openMention && (overCard || mention?.id === controller.openMention.id)) view.checkVisible();
      controller.pointerMove(pointer, mention, overCard && view.isShown);
    }),
    listen,
  );
  addEventListener(
    'pointerout',
    guard((e: PointerEvent) => {
      if (!e.isTrusted) return;
      if (e.relatedTarget === null && e.pointerType !== 'touch') controller.pointerLeftDocument();
    }),
    listen,
  );
  addEventListener(
    'pointerdown',
    guard((e: PointerEvent) => {
      if (!e.isTrusted) return;
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
      if (!e.isTrusted || e.detail === 0 || view.contains(e)) return;
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
      if (!e.isTrusted || e.key !== 'Escape' || e.isComposing) return;
      const focused = view.contains(e);
      if (controller.escape() && focused) {
        // The key was meant for our card; a page dialog underneath should not also close.
        e.preventDefault();
        e.stopPropagation();
      }
    }),
    { capture: true, signal },
  );
  addEventListener(
    'focusin',
    guard((e: FocusEvent) => {
      if (!e.isTrusted || view.contains(e)) return;
      const target = e.composedPath()[0];
      const link = target instanceof Element ? target.closest('a[href], area[href]') : null;
      if (!link || !tabDown) {
        controller.focusOut();
        return;
      }
      const mention = mentionIn(link, bridge.mentions());
      if (mention) controller.focusIn(mention);
      else controller.focusOut();
    }),
    listen,
  );
  addEventListener(
    'focusout',
    guard((e: FocusEvent) => {
      if (!e.isTrusted || view.contains(e)) return;
      const next = e.relatedTarget;
      // Into the card (retargeted to its host), or to another link that focusin will judge: not leaving.
      if (next === view.host || (next instanceof Element && next.closest('a[href], area[href]'))) return;
      controller.focusOut();
    }),
    listen,
  );

  const navigate = guard((request: NavigateRequest) => {
    const mentions = bridge.mentions();
    let next: PaintedMention | null;
    const before = controller.openMention;
    if (typeof request === 'string') {
      next = controller.navigate(request, mentions, readingAnchor(mentions));
    } else {
      // From the popup's "This page" list: that entity's index-th mention (the one the page layer just scrolled to).
      const target = mentions.filter((m) => m.entity === request.entity)[request.index];
      next = target ? controller.openWithKeyboard(target) : null;
    }
    // autoUpdate follows the scroll, so the card lands next to the revealed mention.
    if (next && next !== before) reveal(next);
  });

  // A card drawn in the top page outlives nothing of this frame: when the frame goes, so does its card.
  if (view.inTopDocument)
    addEventListener(
      'pagehide',
      guard(() => own.abort()),
      { signal },
    );

  const offNavigate = bridge.onNavigate(navigate);
  // A lookup per open or pending card, not a list of the page's mentions: this runs after every repaint.
  const offChange = bridge.onChange(
    guard(() => {
      // A card held open after a correction: its mark came back (undo) as a new one, which it now belongs to.
      const held = controller.heldMention;
      if (held && !bridge.isPainted(held.id)) {
        const back = bridge.mentions().find((m) => m.entity === held.entity && sameStart(m.range, held.range));
        if (back) {
          controller.rebind(back);
          view.rebind(back);
        }
      }
      controller.mentionsChanged((id) => bridge.isPainted(id));
    }),
  );

  // Another frame of this tab opened a card (the background tells every frame): ours closes.
  const onMessage = (msg: unknown, sender: { id?: string }): undefined => {
    if (sender.id !== browser.runtime.id) return undefined;
    const m = msg as { type?: unknown; except?: unknown } | null;
    if (m?.type === 'closeCard' && m.except !== token) guard(() => controller.close('replaced'))();
    return undefined;
  };
  browser.runtime.onMessage.addListener(onMessage);

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
      browser.runtime.onMessage.removeListener(onMessage);
      controller.dispose();
      view.dispose();
      if (fromWorld(CARD_KEY, isHandle) === handle) toWorld(CARD_KEY, undefined);
    }),
    { once: true },
  );
  toWorld(CARD_KEY, handle);

  // The page layer loaded this bundle because the reader was about to need it: start from there
  // instead of waiting for the next move (the hover delay still runs from the move that came).
  const intent = bridge.takeIntent();
  if (intent?.via === 'hover') {
    pointer = { x: intent.x, y: intent.y };
    movedAt = intent.timeStamp;
    controller.pointerMove(pointer, hit(intent.x, intent.y), false);
  } else if (intent?.via === 'focus') {
    const mention = mentionIn(intent.link, bridge.mentions());
    if (mention) controller.focusIn(mention);
  }
}

/** The first painted mention inside `container` (a focused link), in document order. */
export function mentionIn(container: Node, mentions: readonly PaintedMention[]): PaintedMention | null {
  for (const m of mentions) if (container.contains(m.range.startContainer)) return m;
  return null;
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
