/**
 * The second stage of the page layer (page-layer.js), injected by the
 * background into a frame once the first stage has found a mention there: it
 * paints the first stage's mentions, follows the reader's settings, answers
 * the popup, hit-tests for the card and loads the card bundle when a reader is
 * about to need it.
 *
 * Collaborators: render.ts (when and what is painted), paint.ts (how), hit-test.ts
 * (what is under the pointer), card-loader.ts (when card.js comes), the bridge
 * (bridge.ts) that card.js talks to. Input drives it only when the reader made
 * it: events a page script dispatched (`isTrusted` false) are ignored.
 */
import { makeHighlightNames } from '../highlights/css';
import type { BackgroundRequest, ContentRequest, GetMentionsResponse } from '../messages';
import type { Settings } from '../settings/schema';
import {
  BRIDGE_KEY,
  CARD_KEY,
  FIRST_STAGE_KEY,
  fromWorld,
  isBridge,
  toWorld,
  type CardIntent,
  type NavigateRequest,
  type PageBridge,
} from './bridge';
import { CardLoader } from './card-loader';
import { isFirstStage, type FirstStageHandle } from './first-stage';
import { closestOf, containsNode, parentElementOf } from './dom';
import { guard, report, runGuarded } from './guard';
import { mentionAt } from './hit-test';
import type { Found } from './mention-store';
import { ext } from './native';
import { Painter } from './paint';
import { Render } from './render';
import { loadPageSettings, watchPageSettings } from './settings';

export interface SecondStageDeps {
  doc: Document;
  send(msg: BackgroundRequest): Promise<unknown>;
  loadSettings(): Promise<Settings>;
  watchSettings(cb: (s: Settings) => void): () => void;
}

const isDisposable = (v: unknown): v is { dispose(): void } =>
  typeof v === 'object' && v !== null && typeof (v as { dispose?: unknown }).dispose === 'function';

export class SecondStage {
  readonly #first: FirstStageHandle;
  readonly #deps: SecondStageDeps;
  readonly #abort = new AbortController();
  #settings: Settings | null = null;
  readonly #painter: Painter;
  readonly #render: Render;
  readonly #loader: CardLoader;
  readonly bridge: PageBridge;
  readonly #changeListeners = new Set<() => void>();
  readonly #navigateListeners = new Set<(d: NavigateRequest) => void>();
  readonly #pendingNavigate: NavigateRequest[] = [];
  readonly #scrollCursor = new Map<string, number>();
  readonly #undo: (() => void)[] = [];
  /** The pointer move waiting for the next frame (hit-testing runs at most once a frame). */
  #move: PointerEvent | null = null;
  /** The reader holds Tab down (focus moves because of it). */
  #tabDown = false;
  /** The page listeners' own signal, renewed when document.open() erased them. */
  #listeners = new AbortController();

  constructor(first: FirstStageHandle, deps: SecondStageDeps) {
    this.#first = first;
    this.#deps = deps;
    const names = makeHighlightNames();
    this.#painter = new Painter({
      names,
      requestStyle: (style, previous) => runGuarded(() => deps.send({ type: 'paintStyle', names, style, previous })),
    });
    this.#render = new Render({
      doc: deps.doc,
      store: first.store,
      painter: this.#painter,
      settings: () => this.#settings!,
      onCount: (count) => runGuarded(() => deps.send({ type: 'mentionCount', count })),
      onRepaint: () => this.#repainted(),
      shadowRoots: () => first.shadowRoots(),
      stats: first.stats,
    });
    this.#loader = new CardLoader({ load: () => deps.send({ type: 'loadCard' }), report });
    this.bridge = this.#makeBridge();
  }

  start(): void {
    const first = this.#first;
    first.attach({ answer: (req) => this.#answer(req), stop: () => this.stop() });
    if (__LENS_BENCH__ && first.stats) first.stats.secondStage = true;
    toWorld(BRIDGE_KEY, this.bridge);
    this.#undo.push(first.store.onChange(() => this.#settings && this.#render.changed()));
    this.#undo.push(first.onReplaced(() => this.#documentReplaced()));
    this.#undo.push(this.#deps.watchSettings((s) => this.#applySettings(s)));
    this.#listen();
    this.#deps
      .loadSettings()
      .then((s) => {
        if (!this.#settings) this.#applySettings(s);
      })
      .catch(report);
  }

  stop(): void {
    if (this.#abort.signal.aborted) return;
    this.#abort.abort();
    this.#listeners.abort();
    for (const undo of this.#undo.splice(0)) undo();
    this.#render.destroy();
    this.#painter.destroy();
    this.#changeListeners.clear();
    this.#navigateListeners.clear();
    if (fromWorld(BRIDGE_KEY, isBridge) === this.bridge) toWorld(BRIDGE_KEY, undefined);
    runGuarded(() => this.#deps.send({ type: 'mentionCount', count: 0 }));
  }

  #applySettings(next: Settings): void {
    this.#settings = next;
    this.#painter.setStyle(next.style);
    this.#render.full();
  }

  #repainted(): void {
    for (const cb of this.#changeListeners) guard(cb)();
    // A device that cannot hover opens cards with a tap: the bundle should be there before the first one.
    if (this.#render.count > 0 && !this.#loader.running && this.#cannotHover()) this.#loader.want();
  }

  #cannotHover(): boolean {
    const view = this.#deps.doc.defaultView;
    return !!view?.matchMedia?.('(hover: none)').matches;
  }

  // ---- input ---------------------------------------------------------------

  #listen(): void {
    const doc = this.#deps.doc;
    this.#listeners.abort();
    this.#listeners = new AbortController();
    const opts = { capture: true, passive: true, signal: this.#listeners.signal };
    doc.addEventListener(
      'pointermove',
      guard((e: PointerEvent) => this.#onPointerMove(e)),
      opts,
    );
    doc.addEventListener(
      'scroll',
      guard((e: Event) => {
        if (!e.isTrusted) return;
        this.#painter.restore();
        this.#render.scrolled();
      }),
      opts,
    );
    // Keyboard readers: a link holding a mention focused with Tab (the browser moves focus between the key's
    // trusted keydown and keyup; script focus is trusted too, so the key is what tells them apart).
    const onTab = guard((e: KeyboardEvent) => {
      if (e.isTrusted && e.key === 'Tab') this.#tabDown = e.type === 'keydown';
    });
    doc.addEventListener('keydown', onTab, opts);
    doc.addEventListener('keyup', onTab, opts);
    doc.addEventListener(
      'focusin',
      guard((e: FocusEvent) => {
        if (!e.isTrusted || !this.#tabDown || this.#loader.running) return;
        const target = e.composedPath()[0];
        const link = target instanceof Element ? closestOf(target, 'a[href], area[href]') : null;
        if (link && this.#render.shown().some((m) => containsNode(link, m.range.startContainer)))
          this.#loader.want({ via: 'focus', link });
      }),
      opts,
    );
    // designMode has no event of its own: the first edit in a document the reader can now edit reads it again.
    doc.addEventListener(
      'beforeinput',
      guard((e: Event) => {
        if (e.isTrusted && doc.designMode === 'on') this.#first.readEverything();
      }),
      opts,
    );
  }

  #onPointerMove(e: PointerEvent): void {
    if (!e.isTrusted || e.pointerType === 'touch') return;
    if (this.#move) {
      this.#move = e;
      return;
    }
    this.#move = e;
    requestAnimationFrame(
      guard(() => {
        const ev = this.#move;
        this.#move = null;
        if (!ev || this.#abort.signal.aborted) return;
        this.#painter.restore();
        if (this.#deps.doc.designMode === 'on') this.#first.readEverything();
        if (this.#loader.running) return;
        if (this.#mentionAt(ev.clientX, ev.clientY))
          this.#loader.want({ via: 'hover', x: ev.clientX, y: ev.clientY, timeStamp: ev.timeStamp });
        // The pointer is over a paragraph that holds a mention: load the card now, so that it is there by the
        // time the pointer reaches the mention and its hover delay is over.
        else if (this.#nearMention(ev.target)) this.#loader.want();
      }),
    );
  }

  /** Is `target` (an element the pointer is over) inside a block that holds a mention? Looks a few levels up. */
  #nearMention(target: EventTarget | null): boolean {
    let el = target instanceof Element ? target : null;
    for (let i = 0; el && i < 6; i++, el = parentElementOf(el)) if (this.#first.store.holds(el)) return true;
    return false;
  }

  /** document.open() erased every listener of the page, ours and the card's: put them back, repaint. */
  #documentReplaced(): void {
    if (this.#abort.signal.aborted) return;
    this.#listen();
    this.#painter.restore();
    this.#render.full();
    const card = fromWorld(CARD_KEY, isDisposable);
    if (card) {
      card.dispose();
      this.#loader.want();
    }
  }

  #mentionAt(x: number, y: number): Found | null {
    return mentionAt(
      {
        doc: this.#deps.doc,
        shadowRoots: () => this.#first.shadowRoots(),
        at: (node) => this.#first.store.at(node),
        shown: (m) => this.#render.shownById(m.id) === m,
      },
      x,
      y,
    );
  }

  // ---- answers ---------------------------------------------------------------

  #answer(req: ContentRequest): unknown {
    switch (req.type) {
      case 'getMentions':
        return this.getMentions();
      case 'scrollToMention': {
        const r = this.scrollToMention(req.entity);
        // From the popup's list: the card opens on the mention just scrolled to, focus in it (the card
        // bundle is loaded for it if it is not there yet).
        if (req.openCard && r.found) this.navigate({ entity: req.entity, index: r.index });
        return r;
      }
      case 'navigateMention':
        this.navigate(req.direction);
        return { ok: true };
      default:
        return undefined;
    }
  }

  getMentions(): GetMentionsResponse {
    return {
      url: this.#deps.doc.location?.href ?? '',
      mentions: this.#render.shown().map((m) => ({
        entity: m.entity,
        text: m.text,
        sentence: m.sentence,
        ...m.inSentence,
      })),
      settled: this.#first.settled && !!this.#settings && !this.#render.pending,
      context: this.#first.store.context(),
      corrected: this.#first.store
        .mentions()
        .filter((m) => m.suppressed)
        .map((m) => ({ entity: m.entity, text: m.text, sentence: m.sentence, ...m.inSentence })),
    };
  }

  /** Scrolls to the entity's next mention (cycling) and flashes it. */
  scrollToMention(entity: string): { found: boolean; index: number; total: number } {
    const list = this.#render.shown().filter((m) => m.entity === entity);
    if (list.length === 0) return { found: false, index: -1, total: 0 };
    const index = ((this.#scrollCursor.get(entity) ?? -1) + 1) % list.length;
    this.#scrollCursor.set(entity, index);
    const m = list[index]!;
    const el = m.range.startContainer.parentElement;
    const reduce = this.#deps.doc.defaultView?.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    el?.scrollIntoView({ block: 'center', inline: 'nearest', behavior: reduce ? 'auto' : 'smooth' });
    this.#painter.flashRange(m.range);
    return { found: true, index, total: list.length };
  }

  /**
   * A navigation shortcut ('next'/'previous'), or a mention the popup chose ({entity, index}): handed to the
   * card bundle, or kept until it subscribes (and the bundle asked for).
   */
  navigate(direction: NavigateRequest): void {
    if (this.#navigateListeners.size === 0) {
      this.#pendingNavigate.splice(0, this.#pendingNavigate.length, direction);
      this.#loader.want();
      return;
    }
    for (const cb of this.#navigateListeners) guard(cb)(direction);
  }

  #makeBridge(): PageBridge {
    return {
      mentionAt: (x, y) => this.#mentionAt(x, y),
      settings: () => this.#settings!,
      mentions: () => this.#render.shown(),
      isPainted: (id) => !!this.#render.shownById(id),
      setActive: (id) => this.#render.setActive(id),
      onChange: (cb) => {
        this.#changeListeners.add(cb);
        return () => this.#changeListeners.delete(cb);
      },
      onNavigate: (cb) => {
        this.#navigateListeners.add(cb);
        const queued = this.#pendingNavigate.splice(0);
        if (queued.length) queueMicrotask(guard(() => queued.forEach((d) => cb(d))));
        return () => this.#navigateListeners.delete(cb);
      },
      takeIntent: (): CardIntent => this.#loader.takeIntent(),
      context: () => this.#first.store.context(),
      signal: this.#abort.signal,
    };
  }
}

/** Entry point of page-layer.js: attaches to the frame's first stage (injected first, by the manifest). */
export function startSecondStage(): void {
  const first = fromWorld(FIRST_STAGE_KEY, isFirstStage);
  if (!first || first.signal.aborted) throw new Error('page-layer.js ran without the first stage');
  // Injected twice for one first stage (two answers crossing): the one already running stays.
  const running = fromWorld(BRIDGE_KEY, isBridge);
  if (running && !running.signal.aborted) return;
  new SecondStage(first, {
    doc: document,
    send: (msg) => ext.runtime.sendMessage(msg),
    loadSettings: loadPageSettings,
    watchSettings: watchPageSettings,
  }).start();
}
