/**
 * When and what is painted: brings the highlights up to date with the mention
 * store, in the next animation frame, touching only the blocks whose mentions
 * changed (a classifier answer costs what it changed, not what the page holds),
 * for at most a slice of time per frame. Which mentions show follows the
 * reader's settings (filter.ts); how one is painted is paint.ts.
 *
 * Long pages: every registered range costs the browser work in every frame in
 * which anything on the page changes, even text far from any mention (on a page
 * with ~100,000 mentions one change made a 937 ms frame; on one with 1,000, a
 * ticker's update far from them made 11.9 ms frames with all registered, 8.6 ms
 * with the band's 136, 2.5-2.9 ms without the extension: scripts/bench/
 * frame-tax.ts), so above WINDOW_ABOVE shown mentions only the blocks near the
 * viewport have their ranges registered. An IntersectionObserver says which
 * blocks are within a screen of it (band.ts), wherever the layout puts them
 * (columns, reordered flex items): the browser computes it, not a search that
 * assumes blocks run down the page.
 *
 * It watches a run of at most WATCH_BLOCKS blocks, not all of them: the
 * browser pays for each target in every frame that scrolls (the 11,500 blocks
 * of the 5 MB page cost ~20 ms of each scrolling frame). The run is taken in
 * document order around what is on screen, found by hit-testing the viewport
 * (so a layout that shows the last blocks of the markup first still gets
 * them), and moves with the band as the reader scrolls, or to where a jump
 * landed once the scrolling stops.
 */
import type { Settings } from '../settings/schema';
import { documentOrder, parentElementOf } from './dom';
import { mentionFilter } from './filter';
import { caretAt } from './hit-test';
import type { BlockState, Found, MentionStore } from './mention-store';
import { SLICE_BUDGET_MS } from './pacing';
import { WATCH_BLOCKS, WINDOW_ABOVE, WINDOW_MARGIN_SCREENS, WINDOW_MAX_MENTIONS } from './band';
import type { Painter } from './paint';
import type { PageStats } from './stats';

/** The watched run moves when the band comes within this many blocks of one of its ends. */
const WATCH_EDGE = 60;
/** The reader stopped scrolling this long ago: hit-test the viewport, in case a jump left the watched run. */
const SCROLL_SETTLE_MS = 150;
/**
 * The band changes the registry at most this often. Each change costs the browser a frame's work in
 * proportion to the ranges registered (on the 5 MB page, ~25 ms); a reader scrolling fast would
 * otherwise pay it in every frame. Blocks come into the band a screen ahead (band.ts), so at reading
 * speeds they are registered before they reach the viewport.
 */
const BAND_EVERY_MS = 120;
/** Where the viewport is hit-tested (fractions of its width and height). */
const PROBE_X = [0.2, 0.5, 0.8];
const PROBE_Y = [0.1, 0.3, 0.5, 0.7, 0.9];
/** A repaint waits for the next frame, or this long where frames do not run (a hidden tab). */
const REPAINT_FALLBACK_MS = 100;
/** The badge count is sent at most this often. */
const COUNT_DELAY_MS = 250;

export interface RenderDeps {
  doc: Document;
  store: Pick<MentionStore, 'takeChanges' | 'blocks' | 'count'>;
  painter: Pick<Painter, 'paint' | 'update' | 'setActive' | 'restore'>;
  settings(): Settings;
  /** The number of shown mentions changed (debounced). */
  onCount(count: number): void;
  /** After every repaint. */
  onRepaint(): void;
  /** Open shadow roots holding text (hit-testing reaches into them). */
  shadowRoots?(): readonly ShadowRoot[];
  stats?: PageStats | null;
}

/** What is painted: the reader's filters over the mentions their corrections left (a suppressed one is kept for the export only). */
function shownFilter(settings: Settings): (m: Found) => boolean {
  const keep = mentionFilter(settings);
  return (m) => !m.suppressed && keep(m);
}

export class Render {
  readonly #deps: RenderDeps;
  /** Each block's shown mentions (its found, filtered by the settings), as last painted. */
  readonly #shown = new Map<BlockState, Found[]>();
  readonly #shownById = new Map<number, Found>();
  #count = 0;
  #full = true;
  #queued = false;
  /** Blocks changed but not yet repainted (a slice ran out). */
  readonly #pending = new Set<BlockState>();
  #ordered: Found[] | null = null;
  #activeId: number | null = null;
  #countTimer = 0;
  #lastCount = -1;
  #windowed = false;
  #io: IntersectionObserver | null = null;
  readonly #band = new Set<BlockState>();
  readonly #byElement = new Map<Element, BlockState>();
  /** The blocks the IntersectionObserver watches (a run in document order), and each one's place in it. */
  #watched = new Map<BlockState, number>();
  #watchFrom = 0;
  #runFirst: BlockState | null = null;
  #runLast: BlockState | null = null;
  #watchTotal = 0;
  /** The block the watched run is centred on. */
  #anchor: BlockState | null = null;
  /** A watched block was forgotten since the run was chosen. */
  #watchStale = false;
  /** Blocks shown since the run was chosen, not in it. */
  #fresh = new Set<BlockState>();
  #settleTimer = 0;
  /** What the observer said of each block since the band was last applied (true: near the viewport). */
  readonly #near = new Map<BlockState, boolean>();
  #bandAt = -Infinity;
  #bandTimer = 0;
  #registered = 0;
  #destroyed = false;

  constructor(deps: RenderDeps) {
    this.#deps = deps;
  }

  /** A repaint is queued or unfinished. */
  get pending(): boolean {
    return this.#queued || this.#pending.size > 0;
  }

  /** Shown mentions now. */
  get count(): number {
    return this.#count;
  }

  /** The store changed: repaint in the next frame. */
  changed(): void {
    this.#queue();
  }

  /** The settings changed: the next repaint starts over. */
  full(): void {
    this.#full = true;
    this.#queue();
  }

  /** Shown mentions in document order (built on demand after a change). */
  shown(): readonly Found[] {
    if (this.#ordered) return this.#ordered;
    const out: Found[] = [];
    for (const st of this.#deps.store.blocks()) for (const f of this.#shown.get(st) ?? []) out.push(f);
    this.#ordered = out;
    return out;
  }

  shownById(id: number): Found | undefined {
    return this.#shownById.get(id);
  }

  setActive(id: number | null): void {
    this.#activeId = id;
    this.#deps.painter.setActive((id === null ? undefined : this.#shownById.get(id))?.range ?? null);
  }

  /**
   * The page scrolled (a trusted event). The band follows by itself within the watched run; once the
   * scrolling stops, the viewport is hit-tested in case it left that run (a jump, a search, a fast fling).
   */
  scrolled(): void {
    if (!this.#windowed || this.#destroyed) return;
    clearTimeout(this.#settleTimer);
    this.#settleTimer = setTimeout(() => {
      if (this.#windowed && !this.#destroyed) this.#rewatch(this.#onScreen());
    }, SCROLL_SETTLE_MS) as unknown as number;
  }

  destroy(): void {
    this.#destroyed = true;
    clearTimeout(this.#countTimer);
    clearTimeout(this.#settleTimer);
    clearTimeout(this.#bandTimer);
    this.#io?.disconnect();
  }

  #queue(): void {
    if (this.#queued || this.#destroyed) return;
    this.#queued = true;
    let timer = 0;
    const run = () => {
      if (!this.#queued) return;
      clearTimeout(timer);
      this.#queued = false;
      if (this.#destroyed) return;
      const stats = this.#deps.stats;
      if (__LENS_BENCH__ && stats) stats.turn(() => this.#repaint(), 'paint');
      else this.#repaint();
    };
    requestAnimationFrame(run);
    timer = setTimeout(run, REPAINT_FALLBACK_MS) as unknown as number;
  }

  #repaint(): void {
    if (this.#full || this.#deps.settings().style.firstOnly) this.#repaintAll();
    else this.#repaintChanged();
    this.#ordered = null;
    this.#syncWindow();
    if (this.#windowed && (this.#freshInRun() || this.#watchStale)) this.#rewatch(null);
    if (this.#activeId !== null && !this.#shownById.has(this.#activeId)) this.#activeId = null;
    this.setActive(this.#activeId);
    this.#deps.painter.restore();
    this.#deps.onRepaint();
    this.#queueCount();
  }

  #isRegistered(st: BlockState): boolean {
    return !this.#windowed || this.#band.has(st);
  }

  #repaintAll(): void {
    this.#full = false;
    this.#deps.store.takeChanges();
    this.#pending.clear();
    const keep = shownFilter(this.#deps.settings());
    const all: Found[] = [];
    const before = new Set(this.#shown.keys());
    this.#shown.clear();
    this.#shownById.clear();
    for (const st of this.#deps.store.blocks()) {
      const list = st.found.filter(keep);
      before.delete(st);
      if (!list.length) continue;
      this.#setShown(st, list);
      if (this.#isRegistered(st)) all.push(...list);
    }
    for (const st of before) this.#forget(st);
    this.#count = this.#shownById.size;
    if (this.#startWindow()) return;
    this.#registered = all.length;
    this.#deps.painter.paint(all);
  }

  #repaintChanged(): void {
    const changes = this.#deps.store.takeChanges();
    const added: Found[] = [];
    const removed: Found[] = [];
    for (const st of changes.dropped) {
      this.#pending.delete(st);
      const old = this.#shown.get(st);
      if (old && this.#isRegistered(st)) removed.push(...old);
      this.#forget(st);
    }
    for (const st of changes.blocks) this.#pending.add(st);
    const keep = shownFilter(this.#deps.settings());
    const t0 = performance.now();
    let done = 0;
    for (const st of this.#pending) {
      // A long page's first paint can hold thousands of blocks: past the slice budget, the rest
      // waits for the next frame instead of making one long task.
      if ((++done & 31) === 0 && performance.now() - t0 > SLICE_BUDGET_MS) break;
      this.#pending.delete(st);
      const old = this.#shown.get(st) ?? [];
      const next = st.found.filter(keep);
      const registered = this.#isRegistered(st);
      const was = new Set(old.map((f) => f.range));
      const now = new Set(next.map((f) => f.range));
      for (const f of old) if (registered && !now.has(f.range)) removed.push(f);
      for (const f of next) if (registered && !was.has(f.range)) added.push(f);
      if (!next.length) this.#forget(st);
      else {
        // Still shown: it keeps its place in the watched run and the band (its ranges were swapped above).
        for (const f of old) if (this.#shownById.get(f.id) === f) this.#shownById.delete(f.id);
        this.#setShown(st, next);
      }
    }
    if (this.#pending.size) this.#queue();
    this.#count = this.#shownById.size;
    if (this.#startWindow()) return;
    this.#registered += added.length - removed.length;
    this.#deps.painter.update(added, removed);
  }

  #setShown(st: BlockState, list: Found[]): void {
    this.#shown.set(st, list);
    for (const f of list) this.#shownById.set(f.id, f);
    this.#byElement.set(st.block, st);
    if (this.#windowed && !this.#watched.has(st)) this.#fresh.add(st);
  }

  /**
   * Some block shown since the run was chosen belongs in it: the run has room, or the block falls inside
   * it. Walks the store's blocks in order as far as the run's last one, comparing identities only: on the
   * 5 MB page, whose answers come in document order, a DOM order comparison per new block cost 320 ms,
   * and choosing the run again at every repaint would read every block each time.
   */
  #freshInRun(): boolean {
    if (!this.#fresh.size) return false;
    const fresh = this.#fresh;
    this.#fresh = new Set();
    if (this.#watched.size < WATCH_BLOCKS) return true;
    let inside = false;
    for (const st of this.#deps.store.blocks()) {
      if (st === this.#runFirst) inside = true;
      if (inside && fresh.has(st)) return true;
      if (st === this.#runLast) break;
    }
    return false;
  }

  #forget(st: BlockState): void {
    for (const f of this.#shown.get(st) ?? []) if (this.#shownById.get(f.id) === f) this.#shownById.delete(f.id);
    this.#shown.delete(st);
    if (this.#byElement.get(st.block) === st) this.#byElement.delete(st.block);
    if (this.#watched.delete(st)) {
      this.#io?.unobserve(st.block);
      this.#watchStale = true;
    }
    this.#band.delete(st);
  }

  /**
   * This repaint makes the page long enough to window: the band starts now, instead of registering every
   * mention first only to unregister them at once (on the 5 MB page a 90-130 ms callback, and the scope
   * attribute left on every block's elements, which the browser then restyles). True when it started:
   * the caller paints nothing more.
   */
  #startWindow(): boolean {
    if (this.#windowed || this.#count <= WINDOW_ABOVE) return false;
    this.#syncWindow();
    return true;
  }

  /**
   * Keeps the registered ranges to the blocks near the viewport while more than WINDOW_ABOVE mentions
   * show, and registers them all again when fewer do.
   */
  #syncWindow(): void {
    const want = this.#count > WINDOW_ABOVE;
    if (want === this.#windowed) return;
    this.#windowed = want;
    this.#band.clear();
    this.#watched.clear();
    this.#fresh.clear();
    this.#near.clear();
    this.#anchor = null;
    if (!want) {
      clearTimeout(this.#settleTimer);
      this.#io?.disconnect();
      this.#io = null;
      this.#full = true;
      this.#queue();
      return;
    }
    this.#deps.painter.paint([]);
    this.#registered = 0;
    const margin = `${WINDOW_MARGIN_SCREENS * 100}%`;
    this.#io = new IntersectionObserver((entries) => this.#onBand(entries), {
      root: this.#deps.doc,
      rootMargin: `${margin} 0px ${margin} 0px`,
    });
    this.#rewatch(this.#onScreen());
  }

  /** Blocks with shown mentions, in document order. */
  #shownBlocks(): BlockState[] {
    return this.#deps.store.blocks().filter((st) => this.#shown.has(st));
  }

  /** Nodes at a few points of the viewport (the caret positions there): what the reader has on screen. */
  #onScreen(): Node[] {
    const doc = this.#deps.doc;
    const view = doc.defaultView;
    const width = doc.documentElement?.clientWidth || view?.innerWidth || 0;
    const height = view?.innerHeight || doc.documentElement?.clientHeight || 0;
    const roots = this.#deps.shadowRoots?.() ?? [];
    const nodes: Node[] = [];
    for (const fy of PROBE_Y) {
      for (const fx of PROBE_X) {
        const hit = caretAt(doc, fx * width, fy * height, roots);
        if (hit) nodes.push(hit.node);
      }
    }
    return nodes;
  }

  /**
   * Chooses the run of blocks to watch: around `onScreen` (the blocks those nodes are in, or the nearest
   * in document order; the run holding most of them), else around the current anchor, and observes it.
   * Blocks leaving the run leave the band too (the observer no longer says when they go off screen).
   */
  #rewatch(onScreen: readonly Node[] | null): void {
    const io = this.#io;
    if (!io) return;
    this.#watchStale = false;
    this.#fresh.clear();
    const list = this.#shownBlocks();
    const index = new Map<BlockState, number>();
    list.forEach((st, i) => index.set(st, i));
    let centre = -1;
    if (onScreen?.length) {
      const at = onScreen.map((n) => this.#indexNear(n, list, index)).sort((a, b) => a - b);
      // The run of WATCH_BLOCKS that holds the most of them (a reordered layout can show far-apart blocks).
      let best = 0;
      let bestCount = 0;
      for (let i = 0, j = 0; i < at.length; i++) {
        while (at[i]! - at[j]! >= WATCH_BLOCKS) j++;
        if (i - j + 1 > bestCount) {
          bestCount = i - j + 1;
          best = j;
        }
      }
      centre = at[best + Math.floor((bestCount - 1) / 2)]!;
    }
    if (centre < 0 && this.#anchor) centre = index.get(this.#anchor) ?? -1;
    if (centre < 0) centre = 0;
    this.#anchor = list[centre] ?? null;
    const from = Math.max(0, Math.min(centre - WATCH_BLOCKS / 2, list.length - WATCH_BLOCKS));
    const run = list.slice(from, from + WATCH_BLOCKS);
    const next = new Map<BlockState, number>();
    run.forEach((st, i) => next.set(st, i));
    const removed: Found[] = [];
    for (const st of this.#watched.keys()) {
      if (next.has(st)) continue;
      io.unobserve(st.block);
      this.#near.delete(st);
      if (this.#band.delete(st)) {
        const shown = this.#shown.get(st) ?? [];
        removed.push(...shown);
        this.#registered -= shown.length;
      }
    }
    for (const st of run) if (!this.#watched.has(st)) io.observe(st.block);
    this.#watched = next;
    this.#runFirst = run[0] ?? null;
    this.#runLast = run.at(-1) ?? null;
    this.#watchFrom = from;
    this.#watchTotal = list.length;
    if (removed.length) this.#deps.painter.update([], removed);
  }

  /** The index in `list` of the block holding `node`, or of the first block after it in document order. */
  #indexNear(node: Node, list: readonly BlockState[], index: ReadonlyMap<BlockState, number>): number {
    for (let el = node.nodeType === 1 ? (node as Element) : parentElementOf(node); el; el = parentElementOf(el)) {
      const st = this.#byElement.get(el);
      const i = st && index.get(st);
      if (i !== undefined) return i;
    }
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (documentOrder(list[mid]!.block, node) < 0) lo = mid + 1;
      else hi = mid;
    }
    return Math.min(lo, Math.max(0, list.length - 1));
  }

  #onBand(entries: IntersectionObserverEntry[]): void {
    if (this.#destroyed || !this.#windowed) return;
    for (const e of entries) {
      const st = this.#byElement.get(e.target);
      if (st) this.#near.set(st, e.isIntersecting);
    }
    const wait = this.#bandAt + BAND_EVERY_MS - performance.now();
    if (wait <= 0) this.#applyBand();
    else if (!this.#bandTimer) {
      this.#bandTimer = setTimeout(() => {
        this.#bandTimer = 0;
        this.#applyBand();
      }, wait) as unknown as number;
    }
  }

  /** Registers the blocks that came near the viewport and unregisters those that left, in one change. */
  #applyBand(): void {
    if (this.#destroyed || !this.#windowed) return;
    this.#bandAt = performance.now();
    const added: Found[] = [];
    const removed: Found[] = [];
    for (const [st, near] of this.#near) {
      if (!this.#watched.has(st)) continue;
      const list = this.#shown.get(st) ?? [];
      if (near && !this.#band.has(st)) {
        if (this.#registered + list.length > WINDOW_MAX_MENTIONS) continue;
        this.#band.add(st);
        added.push(...list);
        this.#registered += list.length;
      } else if (!near && this.#band.delete(st)) {
        removed.push(...list);
        this.#registered -= list.length;
      }
    }
    this.#near.clear();
    if (added.length || removed.length) this.#deps.painter.update(added, removed);
    this.#followBand();
  }

  /** The band nears an end of the watched run (the reader scrolls on): centre the run on the band again. */
  #followBand(): void {
    let lo = Infinity;
    let hi = -Infinity;
    let mid: BlockState | null = null;
    for (const st of this.#band) {
      const i = this.#watched.get(st);
      if (i === undefined) continue;
      if (i < lo) lo = i;
      if (i > hi) hi = i;
    }
    if (lo === Infinity) return;
    const size = this.#watched.size;
    const nearStart = lo < WATCH_EDGE && this.#watchFrom > 0;
    const nearEnd = hi >= size - WATCH_EDGE && this.#watchFrom + size < this.#watchTotal;
    if (!nearStart && !nearEnd) return;
    const centre = Math.floor((lo + hi) / 2);
    for (const [st, i] of this.#watched) if (i === centre) mid = st;
    this.#anchor = mid ?? this.#anchor;
    this.#rewatch(null);
  }

  #queueCount(): void {
    clearTimeout(this.#countTimer);
    this.#countTimer = setTimeout(() => {
      if (this.#destroyed || this.#count === this.#lastCount) return;
      this.#lastCount = this.#count;
      this.#deps.onCount(this.#count);
    }, COUNT_DELAY_MS) as unknown as number;
  }
}
