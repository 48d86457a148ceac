/**
 * The first stage of the page layer (first-stage.js), injected by the
 * background into a frame whose gate (content.js, gate.ts) found a candidate:
 * it takes over the gate's sweep (the sieve, the text nodes with candidates,
 * what changed since), reads those blocks carefully, and sends what the sieve
 * lets through to the background, which says what in it is a mention (the
 * scanner and the classifier live there). From then on it reads what the page
 * changes. The first mention brings the second stage (page-layer.js: painting,
 * hit-testing, the card), injected by the background.
 *
 * Collaborators: read-text.ts (the walk), rescan.ts (when to read again),
 * find-mentions.ts (the requests), mention-store.ts (what was found). This file
 * only wires them and answers the extension's messages until the second stage
 * takes over.
 */
import { Sieve } from '../detect/sieve';
import { toOriginal, withoutInvisible } from '../detect/invisible';
import type { BackgroundRequest, ContentRequest, FindMentionsResponse, FoundInText, PageSieve } from '../messages';
import { isSiteEnabled } from '../settings/sites';
import type { GateHandoff } from './gate';
import { FIRST_STAGE_KEY, fromWorld, toWorld } from './bridge';
import { isConnected, isEditable, isRendered, parentElementOf } from './dom';
import { MentionRequests } from './find-mentions';
import { guard, report } from './guard';
import { MentionStore, type ReadSegment } from './mention-store';
import { yieldToPage } from './native';
import { candidatesIn, marksPattern } from './marks';
import { locate } from './offsets';
import { SLICE_BUDGET_MS } from './pacing';
import { isInsideExcluded, SegmentWalk, type Segment } from './read-text';
import { blocksToRead, TextSweep } from './sweep';
import { parseContentRequest } from './requests';
import { realTimers, Rescans, type Timers } from './rescan';
import { PageStats } from './stats';

/** What the second stage gives the first when it attaches. */
export interface SecondStageHooks {
  /** Its answer to a request from the popup or the background (undefined: not one it answers). */
  answer(req: ContentRequest): unknown;
  /** The first stage stops (a newer copy started, the extension went away): so does the second. */
  stop(): void;
}

/** What the first stage offers the second (published under FIRST_STAGE_KEY). */
export interface FirstStageHandle {
  readonly kind: 'partnership-lens-first-stage';
  readonly store: MentionStore;
  readonly signal: AbortSignal;
  /** The second stage takes over answering and painting. */
  attach(second: SecondStageHooks): void;
  /** Read the whole page again soon (the document was replaced, designMode switched on…). */
  readEverything(): void;
  /** Open shadow roots met so far. */
  shadowRoots(): ShadowRoot[];
  /** Everything known of the page is read and answered (nothing pending until the page changes). */
  readonly settled: boolean;
  /** Calls `cb` when the document is replaced (`document.open()`): the page's listeners were erased with it. */
  onReplaced(cb: () => void): () => void;
  /** Benchmark counters (`npm run bench` builds only; null otherwise). */
  readonly stats: PageStats | null;
}

export function isFirstStage(v: unknown): v is FirstStageHandle {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'partnership-lens-first-stage';
}

export interface FirstStageDeps {
  doc: Document;
  signal: AbortSignal;
  send(msg: BackgroundRequest): Promise<unknown>;
  /** What the gate knew: the sieve, site rules and corrections it had, the candidates it found. */
  handoff: GateHandoff;
  /** Changes of the sieve and of this site's corrections (storage.onChanged): watched only once the frame has a candidate. */
  watchSieve(cb: (s: PageSieve) => void): () => void;
  watchCorrections(cb: (v: unknown) => void): () => void;
  /** What a value the background pushed (`pushed`) is: the sieve (checked), this site's corrections, or neither. */
  pushedKind(key: string, value: unknown): { sieve: PageSieve } | { corrections: unknown } | null;
  /** Registers the extension-message handler; returns its removal. */
  listen(handler: (msg: unknown) => unknown): () => void;
  /** The host names whose site rules apply to this frame. */
  hosts(): string[];
  timers?: Timers;
  /** The gate's benchmark counters, carried on (`npm run bench` builds only). */
  stats?: PageStats | null;
}

function parseFindResponse(v: unknown, texts: number): FindMentionsResponse | null {
  const found = (v as { found?: unknown } | null)?.found;
  if (!Array.isArray(found) || found.length !== texts || !found.every(Array.isArray)) return null;
  return { found: found as FoundInText[][] };
}

export class FirstStage implements FirstStageHandle {
  readonly kind = 'partnership-lens-first-stage';
  readonly store = new MentionStore();
  readonly stats: PageStats | null;
  readonly #deps: FirstStageDeps;
  readonly #timers: Timers;
  readonly #abort = new AbortController();
  #sieve: Sieve | null = null;
  #sieveSource: string | null = null;
  #enabled = false;
  #rescans: Rescans | null = null;
  #requests: MentionRequests | null = null;
  #pass = 0;
  #second: SecondStageHooks | null = null;
  #layerAsked = false;
  /** The gate's candidates, for the first pass (then null: passes sweep for themselves). */
  #handoff: GateHandoff | null;
  /** The revision of this site's corrections the page was last read with ('' for none). */
  #correctionsRev = '';
  /** The texts the reader marked on this site (null: none): a block holding one goes to the background. */
  #marks: RegExp | null = null;
  /** The same, global: where in a swept text a mark may be. */
  #marksAll: RegExp | null = null;
  readonly #undo: (() => void)[] = [];
  readonly #replacedListeners = new Set<() => void>();

  constructor(deps: FirstStageDeps) {
    this.#deps = deps;
    // The gate's counters go on (its sweeps are this frame's work too): `npm run bench` builds only.
    this.stats = __LENS_BENCH__ ? (deps.stats ?? new PageStats()) : null;
    if (__LENS_BENCH__)
      Object.assign(this, {
        benchStats: () => this.stats?.snapshot(this.store.count, this.#requests?.busy ?? false),
      });
    this.#timers = deps.timers ?? realTimers;
    this.#handoff = deps.handoff;
    deps.signal.addEventListener('abort', () => this.stop(), { once: true });
  }

  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  /**
   * Publishes the handle and reads the page with what the gate handed over. Extension listeners come
   * when a block's text has a candidate the reader can see (`#engage`): until then the background pushes
   * the sieve's changes (`pushed`) and the popup reads the frame's state (`state`), both through a function
   * run in this isolated world (scripting.executeScript).
   */
  start(): void {
    toWorld(FIRST_STAGE_KEY, this);
    const { sieve, corrections, built } = this.#deps.handoff;
    this.#applyCorrections(corrections);
    this.#sieveSource = built.source;
    this.#sieve = built.sieve;
    this.#apply(sieve);
  }

  #listening = false;
  #listen(): void {
    if (this.#listening) return;
    this.#listening = true;
    this.#undo.push(this.#deps.listen((msg) => this.#answer(msg)));
  }

  /** The frame's text has a candidate: from now on it answers messages and follows storage itself. */
  #engage(): void {
    if (this.#listening || this.#abort.signal.aborted) return;
    this.#listen();
    this.#undo.push(this.#deps.watchSieve((s) => this.#apply(s)));
    this.#undo.push(this.#deps.watchCorrections((v) => this.#applyCorrections(v)));
  }

  /** A value the background pushed into this world after it changed in storage (see `start`). */
  pushed(key: string, value: unknown): void {
    guard(() => {
      const what = this.#deps.pushedKind(key, value);
      if (!what || this.#abort.signal.aborted) return;
      if ('sieve' in what) this.#apply(what.sieve);
      else this.#applyCorrections(what.corrections);
    })();
  }

  /** What the popup shows for this frame while the second stage is not there (its getMentions answer). */
  state(): unknown {
    return guard(() => this.#answer({ type: 'getMentions' }))();
  }

  stop(): void {
    if (this.#abort.signal.aborted) return;
    this.#abort.abort();
    this.#disable();
    for (const undo of this.#undo.splice(0)) undo();
    this.#second?.stop();
    this.#second = null;
    if (fromWorld(FIRST_STAGE_KEY, isFirstStage) === this) toWorld(FIRST_STAGE_KEY, undefined);
  }

  attach(second: SecondStageHooks): void {
    if (this.#abort.signal.aborted) {
      second.stop();
      return;
    }
    this.#second?.stop();
    this.#second = second;
  }

  readEverything(): void {
    this.#handoff = null;
    this.#rescans?.readEverything();
  }

  get settled(): boolean {
    if (!this.#enabled) return true;
    return !(this.#rescans?.busy ?? false) && !(this.#requests?.busy ?? false);
  }

  shadowRoots(): ShadowRoot[] {
    return this.#rescans?.shadowRoots() ?? [];
  }

  onReplaced(cb: () => void): () => void {
    this.#replacedListeners.add(cb);
    return () => this.#replacedListeners.delete(cb);
  }

  /** New sieve or site rules: start, stop, or read everything again with the new sieve. */
  #apply(s: PageSieve): void {
    const on = !!s.spec && this.#deps.hosts().every((h) => isSiteEnabled(s.sites, h));
    const source = s.spec ? JSON.stringify(s.spec) : null;
    const changed = source !== this.#sieveSource;
    this.#sieveSource = source;
    if (changed) {
      try {
        this.#sieve = s.spec ? new Sieve(s.spec) : null;
      } catch (error) {
        report(error);
        this.#sieve = null;
      }
    }
    if (!on || !this.#sieve) {
      this.#disable();
      return;
    }
    if (!this.#enabled) this.#enable();
    else if (changed) {
      // Other names: every mention is decided anew.
      this.#requests?.stop();
      this.#requests = this.#makeRequests();
      this.store.clear();
      this.readEverything();
    }
  }

  /** This site's corrections (the background's mirror, PageCorrections; absent: none): read again when they changed. */
  #applyCorrections(v: unknown): void {
    const c = v as { rev?: unknown; marks?: unknown } | null | undefined;
    const rev = typeof c?.rev === 'string' ? c.rev : '';
    if (rev === this.#correctionsRev) return;
    this.#correctionsRev = rev;
    this.#marks = marksPattern(Array.isArray(c?.marks) ? c.marks : []);
    this.#marksAll = this.#marks && new RegExp(this.#marks.source, 'gu');
    // Every block is decided again with them, its marks kept until the answer (no flicker).
    if (this.#enabled) this.readEverything();
  }

  #enable(): void {
    this.#enabled = true;
    this.#requests = this.#makeRequests();
    this.#rescans = new Rescans({
      doc: this.#deps.doc,
      timers: this.#timers,
      read: (roots) => this.#read(roots),
      replaced: () => {
        for (const cb of this.#replacedListeners) guard(cb)();
      },
    });
    this.#rescans.addRoot(this.#deps.doc);
    for (const root of this.#handoff?.shadowRoots ?? []) this.#rescans.addRoot(root);
    this.#rescans.readEverything();
  }

  #disable(): void {
    if (!this.#enabled) return;
    this.#enabled = false;
    // Switched off: nothing of the second stage stays (its highlights, rules, listeners, the card).
    this.#second?.stop();
    this.#second = null;
    this.#layerAsked = false;
    this.#rescans?.stop();
    this.#rescans = null;
    this.#requests?.stop();
    this.#requests = null;
    this.store.clear();
  }

  #makeRequests(): MentionRequests {
    const stats = this.stats;
    return new MentionRequests({
      send: async (texts, context) => {
        const t0 = __LENS_BENCH__ ? stats?.requestStarted() : 0;
        try {
          const msg: BackgroundRequest = { type: 'findMentions', texts, context };
          return parseFindResponse(await this.#deps.send(msg), texts.length);
        } finally {
          if (__LENS_BENCH__) stats?.requestEnded(t0 ?? 0);
        }
      },
      current: (seg) => this.store.isCurrent(seg),
      context: () => this.store.context(),
      answered: (seg, found) => {
        if (__LENS_BENCH__) stats?.turn(() => this.store.answer(seg, found));
        else this.store.answer(seg, found);
      },
      batchDone: () => this.#maybeLoadLayer(),
      report,
    });
  }

  /** The page has mentions and nothing paints them yet: ask the background for the second stage. */
  #maybeLoadLayer(): void {
    if (this.#second || this.#layerAsked || this.store.count === 0 || this.#abort.signal.aborted) return;
    this.#layerAsked = true;
    this.#deps.send({ type: 'loadPageLayer' }).then(
      (r) => {
        // Not loaded (the frame is going away, the bundle is missing): a later answer may ask again.
        if ((r as { ok?: unknown } | null)?.ok !== true) this.#layerAsked = false;
      },
      (e: unknown) => {
        this.#layerAsked = false;
        report(e);
      },
    );
  }

  /**
   * One pass over `roots`, in slices: sweep the text for blocks that may hold a name (sweep.ts), read
   * those blocks carefully (read-text.ts), queue what the sieve lets through. Returns its busy time.
   */
  async #read(roots: Node[]): Promise<number> {
    const pass = ++this.#pass;
    const requests = this.#requests;
    // The first pass starts from the gate's sweep; what the page changed since is read by the next one.
    const handoff = this.#handoff;
    this.#handoff = null;
    if (handoff?.changed.length) this.#rescans?.changed(handoff.changed);
    const now = () => this.#timers.now();
    requests?.hold();
    let busy = 0;
    let sliceStart = now();
    const spent = () => now() - sliceStart > SLICE_BUDGET_MS;
    /** Ends the slice and lets the page run; false when this pass is no longer wanted. */
    const pause = async (): Promise<boolean> => {
      busy += now() - sliceStart;
      if (__LENS_BENCH__) this.stats?.readSlice(now() - sliceStart);
      await yieldToPage();
      sliceStart = now();
      return !this.#abort.signal.aborted && this.#requests === requests;
    };
    try {
      for (const root of roots) {
        if (!isConnected(root)) continue;
        let hitNodes = handoff?.hits?.get(root);
        if (hitNodes) hitNodes = hitNodes.filter(isConnected);
        else {
          const sweep = new TextSweep(root, (text) => candidatesIn(text, this.#sieve, this.#marksAll), {
            onShadowRoot: (r) => this.#rescans?.addRoot(r),
          });
          for (let resumed = false; ; resumed = true) {
            sweep.step(spent, resumed);
            if (sweep.done) break;
            if (!(await pause())) return busy;
          }
          if (__LENS_BENCH__) this.stats?.swept(sweep.length);
          // Ended early (the page removed the node the sweep stood on): the next pass reads it all.
          if (sweep.interrupted) {
            this.#rescans?.readEverything(50);
            continue;
          }
          hitNodes = sweep.hitNodes();
        }
        for (const block of blocksToRead(hitNodes, root)) {
          if (!isConnected(block) || isInsideExcluded(block)) continue;
          const walk = new SegmentWalk(block);
          let resumed = false;
          for (;;) {
            const seg = walk.next(resumed);
            resumed = false;
            if (!seg) break;
            this.#take(seg, pass, requests);
            if (spent()) {
              if (!(await pause())) return busy;
              resumed = true;
            }
          }
        }
        this.store.rootDone(root, pass);
      }
    } finally {
      busy += now() - sliceStart;
      if (__LENS_BENCH__) this.stats?.readSlice(now() - sliceStart);
      requests?.release();
    }
    return busy;
  }

  #take(segment: Segment, pass: number, requests: MentionRequests | null): void {
    const visible = withoutInvisible(segment.text);
    const seg: ReadSegment = Object.assign(segment, { visible: visible.text, removed: visible.removed, pass });
    const hit = this.#sieved(seg);
    if (hit) this.#engage();
    if (__LENS_BENCH__) this.stats?.segment(hit);
    this.store.read(seg, hit);
    if (hit) requests?.add(seg);
  }

  /** Does the sieve find a name in this segment that the reader can see (rendered, not in an editor)? */
  #sieved(seg: ReadSegment): boolean {
    const sieve = this.#sieve;
    if (!sieve) return false;
    if (this.#marks?.test(seg.visible)) return true;
    const seen = new Set<Element>();
    for (const at of sieve.hits(seg.visible, 4)) {
      const node = seg.nodes[locate(seg.starts, seg.lengths, toOriginal(at, seg.removed), false).index];
      const parent = node && parentElementOf(node);
      if (!parent || seen.has(parent)) continue;
      seen.add(parent);
      if (isRendered(parent) && !isEditable(parent)) return true;
    }
    return false;
  }

  /** The extension's messages to this frame, answered by the second stage once it is there. */
  #answer(msg: unknown): unknown {
    const req = parseContentRequest(msg);
    if (!req) return undefined;
    const theirs = this.#second?.answer(req);
    if (theirs !== undefined) return theirs;
    switch (req.type) {
      case 'getMentions':
        // Nothing to paint yet: settled once read, unless mentions wait for the second stage.
        return {
          url: this.#deps.doc.location?.href ?? '',
          mentions: [],
          settled: this.settled && this.store.count === 0,
        };
      case 'scrollToMention':
        return { found: false, index: -1, total: 0 };
      case 'navigateMention':
        return { ok: false };
      default:
        return undefined;
    }
  }
}
