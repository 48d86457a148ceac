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
 * The first stage takes over what the gate knows (`takeOver`): the sieve it
 * built, the text nodes its sweep found candidates in, what changed since, so
 * that the page's text is swept once.
 *
 * Why a gate in front of the first stage: evaluating a content script costs
 * every frame in proportion to its size (about 0.2 ms of main-thread time per
 * KB, measured side by side with dead code added to a bare content script),
 * and a listener registration costs a few ms more; most frames never need
 * either.
 */
import { Sieve } from '../detect/sieve';
import type { BackgroundRequest, PageSieve } from '../messages';
import { isSiteEnabled } from '../settings/sites';
import { FIRST_STAGE_KEY, GATE_KEY, toWorld } from './bridge';
import { isConnected, isElement, nameOf, parentOf, rootOf } from './dom';
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

/** What the first stage takes over from the gate (`Gate.takeOver`). */
export interface GateHandoff {
  /** The sieve and site rules, and this site's corrections: the newest the gate has (read or pushed). */
  sieve: PageSieve;
  corrections: unknown;
  /** The sieve built from `sieve.spec` (null: none), and the spec's JSON it was built from. */
  built: { source: string | null; sieve: Sieve | null };
  /**
   * The text nodes the gate's sweep found candidates in, by the root they lie under (the document's
   * root element, or an open shadow root): every candidate in that root, but for what `changed` holds.
   * Null: the gate cannot say (the settings or the page changed under it), read everything.
   */
  hits: Map<Node, Text[]> | null;
  /** What the page changed since the gate's sweep (added nodes, changed texts): to read after. */
  changed: Node[];
  /** Open shadow roots the gate met. */
  shadowRoots: ShadowRoot[];
}

/** The root a swept subtree's candidates are filed under: its shadow root, or the document's root element. */
function scopeOf(node: Node): Node {
  const root = rootOf(node);
  return root instanceof ShadowRoot ? root : ((root as Document).documentElement ?? node);
}

export class Gate {
  readonly kind = 'partnership-lens-gate';
  /** Benchmark counters (`npm run bench` builds only; null otherwise), handed on to the first stage. */
  readonly stats: PageStats | null = __LENS_BENCH__ ? new PageStats() : null;
  readonly #deps: GateDeps;
  readonly #now: () => number;
  #sieve: Sieve | null = null;
  #sieveSource: string | null = null;
  /** What `#sieve` and `#marks` were made from, handed on as they are. */
  #rawSieve: PageSieve | null = null;
  #rawCorrections: unknown = undefined;
  #marks: RegExp | null = null;
  #on = false;
  #loaded = false;
  #sievePushed = false;
  #correctionsPushed = false;
  /** Asked for the first stage: the gate only records what changes, for the first stage to read. */
  #handedOver = false;
  /** The first stage took over: the gate does nothing more. */
  #tookOver = false;
  /** The candidates found by the pass that asked for the first stage (null: not a complete account). */
  #hits: Map<Node, Text[]> | null = null;
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
      if (!what || this.#tookOver || this.#deps.signal.aborted) return;
      // The first stage is on its way: it takes the new value, and reads the whole page with it.
      if (this.#handedOver) this.#hits = null;
      if ('sieve' in what) {
        this.#sievePushed = true;
        this.#applySieve(what.sieve);
      } else {
        this.#correctionsPushed = true;
        this.#applyCorrections(what.corrections);
      }
      if (this.#loaded && !this.#handedOver) this.#update();
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
    this.#rawSieve = s;
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
    this.#rawCorrections = v;
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
    const hits = new Map<Node, Text[]>();
    let complete = true;
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
        // Interrupted (the page removed where the sweep stood): its parent changed, so a record is due; but
        // what the sweep did not reach is not accounted for.
        if (sweep.interrupted) complete = false;
        const found = sweep.hitNodes();
        if (found.length > 0) {
          const scope = scopeOf(root);
          const filed = hits.get(scope);
          if (filed) filed.push(...found);
          else hits.set(scope, found);
        }
      }
      if (hits.size > 0) {
        // Every earlier sweep since the last whole one found nothing: these are all the candidates.
        this.#handOver(complete && (everything || this.#swept) ? hits : null);
        return;
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

  /**
   * Candidates: the first stage (injected by the background) reads the page from here on. Until it takes
   * over, the gate's observers go on recording what changes, for it.
   */
  #handOver(hits: Map<Node, Text[]> | null): void {
    this.#handedOver = true;
    this.#hits = hits;
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

  /**
   * The first stage did not come: sweep only what changes from now on (no loop of requests); when it does
   * come, it reads everything (the candidates found so far are not kept).
   */
  #retry(): void {
    if (this.#deps.signal.aborted || this.#tookOver || !this.#on) return;
    this.#handedOver = false;
    this.#hits = null;
    this.#swept = false;
    this.#dirty = new Set();
  }

  /**
   * The first stage takes over: the gate stops, and hands on what it knows. Null when there is nothing to
   * take over (no candidate asked for it, or it was taken already).
   */
  takeOver(): GateHandoff | null {
    if (!this.#handedOver || this.#tookOver || !this.#rawSieve || this.#deps.signal.aborted) return null;
    this.#tookOver = true;
    const dirty = this.#dirty;
    const handoff: GateHandoff = {
      sieve: this.#rawSieve,
      corrections: this.#rawCorrections,
      built: { source: this.#sieveSource, sieve: this.#sieve },
      hits: dirty ? this.#hits : null,
      changed: dirty ? [...dirty] : [],
      shadowRoots: [...this.#roots].filter((r): r is ShadowRoot => r instanceof ShadowRoot),
    };
    this.#hits = null;
    this.#stopWatching();
    return handoff;
  }
}
