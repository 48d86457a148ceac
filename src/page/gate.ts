/**
 * The gate (content.js): all that every frame of every page loads. It reads
 * the frame's text once (the sweep, sweep.ts) with the sieve, and only where
 * the sieve finds a candidate does it ask the background for the first stage
 * (first-stage.js: the careful walk, the mention requests, the store), which
 * takes over from there. A frame whose text has no candidate keeps watching
 * for new text and does nothing else: no extension listener (the background
 * pushes a changed sieve with `pushed`, the popup reads `state`, both through
 * a function run in this isolated world), no stylesheet, no message.
 *
 * Why a gate in front of the first stage: evaluating a content script costs
 * every frame in proportion to its size (about 0.2 ms per KB measured on the
 * corpus pages), and a listener registration costs a few ms more; most frames
 * never need either.
 */
import { Sieve } from '../detect/sieve';
import type { BackgroundRequest, PageSieve } from '../messages';
import { isSiteEnabled } from '../settings/sites';
import { FIRST_STAGE_KEY, GATE_KEY, toWorld } from './bridge';
import { isConnected, isElement, nameOf, parentOf } from './dom';
import { guard, report } from './guard';
import { candidatesIn, marksPattern } from './marks';
import { yieldToPage } from './native';
import { nextDelay, SLICE_BUDGET_MS } from './pacing';
import { PageStats } from './stats';
import { TextSweep } from './sweep';

export interface GateDeps {
  doc: Document;
  signal: AbortSignal;
  /** The sieve and site rules, and this frame's site's corrections (PageCorrections), in one read. */
  load(): Promise<{ sieve: PageSieve; corrections: unknown }>;
  /** What a pushed value is: the sieve (checked), this site's corrections, or neither. */
  pushedKind(key: string, value: unknown): { sieve: PageSieve } | { corrections: unknown } | null;
  /** The host names whose site rules apply to this frame. */
  hosts(): string[];
  send(msg: BackgroundRequest): Promise<unknown>;
  now?: () => number;
}

/** Does the document hold text a reader could see, or an open shadow root that may? Stops at the first. */
export function hasText(doc: Document): boolean {
  const root = doc.body ?? doc.documentElement;
  if (!root) return false;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.nodeType === 3) {
      const parent = (n as Text).parentElement;
      if (parent && /^(script|style|noscript|template)$/.test(nameOf(parent))) continue;
      if (/\S/.test((n as Text).data)) return true;
    } else if (isElement(n) && n.shadowRoot) return true;
  }
  return false;
}

type Root = Document | ShadowRoot;

export class Gate {
  readonly kind = 'partnership-lens-gate';
  /** Benchmark counters (`npm run bench` builds only; null otherwise), handed on to the first stage. */
  readonly stats: PageStats | null = __LENS_BENCH__ ? new PageStats() : null;
  readonly #deps: GateDeps;
  readonly #now: () => number;
  #sieve: Sieve | null = null;
  #sieveSource: string | null = null;
  #marks: RegExp | null = null;
  #on = false;
  #loaded = false;
  #sievePushed = false;
  #correctionsPushed = false;
  /** Asked for the first stage: the gate's work is done. */
  #handedOver = false;
  readonly #roots = new Set<Root>();
  readonly #observers: MutationObserver[] = [];
  /** What changed since the last sweep (null: everything). */
  #dirty: Set<Node> | null = null;
  #timer = 0;
  #sweeping = false;
  #lastCost = 0;
  #lastEnd = -Infinity;
  /** Reading: the mirror is being loaded. */
  #waiting = false;
  /** A sweep of everything has ended (with no candidate, or the gate would have handed over). */
  #swept = false;
  #streak = 0;

  get signal(): AbortSignal {
    return this.#deps.signal;
  }

  constructor(deps: GateDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? (() => performance.now());
    deps.signal.addEventListener('abort', () => this.#stopWatching(), { once: true });
    if (__LENS_BENCH__)
      Object.assign(this, { benchStats: () => this.stats?.snapshot(0, !!this.#timer || this.#sweeping) });
  }

  start(): void {
    toWorld(GATE_KEY, this);
    toWorld(FIRST_STAGE_KEY, this);
    const doc = this.#deps.doc;
    if (hasText(doc)) {
      this.#load();
      return;
    }
    // A frame without text (most ad and tracking frames): one observer until some appears; no storage read.
    const observer = new MutationObserver(
      guard(() => {
        if (!hasText(doc)) return;
        observer.disconnect();
        this.#load();
      }),
    );
    observer.observe(doc, { childList: true, characterData: true, subtree: true });
    this.#observers.push(observer);
  }

  /** The sieve or this site's corrections changed (pushed by the background into this world). */
  pushed(key: string, value: unknown): void {
    guard(() => {
      const what = this.#deps.pushedKind(key, value);
      if (!what || this.#handedOver || this.#deps.signal.aborted) return;
      if ('sieve' in what) {
        this.#sievePushed = true;
        this.#applySieve(what.sieve);
      } else {
        this.#correctionsPushed = true;
        this.#applyCorrections(what.corrections);
      }
      if (this.#loaded) this.#update();
    })();
  }

  /** The popup's view of this frame: no mention (a candidate hands the frame over), settled once swept. */
  state(): unknown {
    return {
      url: this.#deps.doc.location?.href ?? '',
      mentions: [],
      // Read all it knows of: no text yet, or loaded and (switched off, or swept with nothing pending).
      settled:
        !this.#waiting && !this.#handedOver && !this.#sweeping && this.#timer === 0 && (!this.#on || this.#swept),
    };
  }

  #load(): void {
    this.#waiting = true;
    this.#deps
      .load()
      .then(({ sieve, corrections }) => {
        this.#waiting = false;
        if (this.#deps.signal.aborted) return;
        // A value pushed meanwhile is newer than what this read returned.
        if (!this.#correctionsPushed) this.#applyCorrections(corrections);
        if (!this.#sievePushed) this.#applySieve(sieve);
        this.#loaded = true;
        this.#update();
      })
      .catch((error: unknown) => {
        this.#waiting = false;
        report(error);
      });
  }

  #applySieve(s: PageSieve): void {
    const source = s.spec ? JSON.stringify(s.spec) : null;
    if (source !== this.#sieveSource) {
      this.#sieveSource = source;
      try {
        this.#sieve = s.spec ? new Sieve(s.spec) : null;
      } catch (error) {
        report(error);
        this.#sieve = null;
      }
    }
    this.#on = !!this.#sieve && this.#deps.hosts().every((h) => isSiteEnabled(s.sites, h));
  }

  #applyCorrections(v: unknown): void {
    const marks = (v as { marks?: unknown } | null | undefined)?.marks;
    const pattern = marksPattern(Array.isArray(marks) ? marks : []);
    this.#marks = pattern && new RegExp(pattern.source, 'gu');
  }

  /** Switched on: sweep everything (again) and watch; off: stop watching. */
  #update(): void {
    if (!this.#on) {
      this.#stopWatching();
      return;
    }
    if (this.#roots.size === 0) this.#watch(this.#deps.doc);
    this.#dirty = null;
    this.#swept = false;
    this.#schedule(0);
  }

  #watch(root: Root): void {
    if (this.#roots.has(root)) return;
    this.#roots.add(root);
    const observer = new MutationObserver(guard((records: MutationRecord[]) => this.#changed(records)));
    observer.observe(root, { childList: true, characterData: true, subtree: true });
    this.#observers.push(observer);
    if (root instanceof ShadowRoot) this.#mark(root);
  }

  #stopWatching(): void {
    for (const o of this.#observers.splice(0)) o.disconnect();
    this.#roots.clear();
    clearTimeout(this.#timer);
    this.#timer = 0;
  }

  #mark(node: Node): void {
    if (this.#dirty) this.#dirty.add(node);
  }

  /** Records what to sweep again; the sweep waits (longer on a page that keeps changing: pacing.ts). */
  #changed(records: MutationRecord[]): void {
    for (const r of records) {
      if (r.type === 'childList') for (const n of r.addedNodes) this.#mark(n);
      else this.#mark(r.target);
    }
    const now = this.#now();
    this.#streak = now - this.#lastEnd < 1000 ? this.#streak + 1 : 0;
    this.#schedule(nextDelay(this.#lastCost, this.#streak));
  }

  #schedule(delay: number): void {
    if (this.#timer || this.#sweeping || this.#handedOver || !this.#on) return;
    this.#timer = setTimeout(
      guard(() => {
        this.#timer = 0;
        this.#sweep().catch(report);
      }),
      delay,
    ) as unknown as number;
  }

  /** Sweeps what changed (or everything), in slices; on the first candidate, asks for the first stage. */
  async #sweep(): Promise<void> {
    this.#sweeping = true;
    let busy = 0;
    let sliceStart = this.#now();
    const everything = this.#dirty === null;
    try {
      const roots = this.#takeRoots();
      const spent = () => this.#now() - sliceStart > SLICE_BUDGET_MS;
      for (const root of roots) {
        if (!isConnected(root)) continue;
        const sweep = new TextSweep(root, (text) => candidatesIn(text, this.#sieve, this.#marks), {
          onShadowRoot: (r) => this.#watch(r),
        });
        for (let resumed = false; ; resumed = true) {
          sweep.step(spent, resumed);
          if (sweep.done) break;
          busy += this.#now() - sliceStart;
          if (__LENS_BENCH__) this.stats?.readSlice(this.#now() - sliceStart);
          await yieldToPage();
          if (this.#deps.signal.aborted || !this.#on) return;
          sliceStart = this.#now();
        }
        if (__LENS_BENCH__) this.stats?.swept(sweep.length);
        // Interrupted (the page removed where the sweep stood): its parent changed, so a record is due.
        if (sweep.hitNodes().length > 0) {
          this.#handOver();
          return;
        }
      }
      if (everything) this.#swept = true;
    } finally {
      if (__LENS_BENCH__) this.stats?.readSlice(this.#now() - sliceStart);
      busy += this.#now() - sliceStart;
      this.#lastCost = busy;
      this.#lastEnd = this.#now();
      this.#sweeping = false;
    }
    if (this.#dirty === null || this.#dirty.size > 0) this.#schedule(nextDelay(this.#lastCost, this.#streak));
  }

  /** What to sweep: every watched root, or the changed nodes not inside another changed node. */
  #takeRoots(): Node[] {
    const dirty = this.#dirty;
    this.#dirty = new Set();
    if (!dirty) return [...this.#roots].map((r) => (r instanceof Document ? (r.documentElement ?? r) : r));
    const picked = new Set<Node>();
    for (const n of dirty) picked.add(n.nodeType === 3 ? (parentOf(n) ?? n) : n);
    return [...picked].filter((n) => {
      for (let p = parentOf(n); p; p = parentOf(p)) if (picked.has(p)) return false;
      return true;
    });
  }

  /** A candidate: the first stage (injected by the background) reads the page from here on. */
  #handOver(): void {
    this.#handedOver = true;
    this.#stopWatching();
    this.#deps.send({ type: 'loadFirstStage' }).then(
      (r) => {
        // Not loaded (the frame is going away, the bundle is missing): watch again; a later change may retry.
        if ((r as { ok?: unknown } | null)?.ok !== true) this.#retry();
      },
      (e: unknown) => {
        report(e);
        this.#retry();
      },
    );
  }

  /** The first stage did not come: watch again, and sweep only what changes from now on (no loop of requests). */
  #retry(): void {
    if (this.#deps.signal.aborted || !this.#on) return;
    this.#handedOver = false;
    this.#watch(this.#deps.doc);
    this.#dirty = new Set();
  }
}
