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
 * blocks are within two screens of it, wherever the layout puts them (columns,
 * reordered flex items): the browser computes it, not a search that assumes
 * blocks run down the page.
 */
import type { Settings } from '../settings/schema';
import { mentionFilter } from './filter';
import type { BlockState, Found, MentionStore } from './mention-store';
import { SLICE_BUDGET_MS } from './pacing';
import type { Painter } from './paint';
import type { PageStats } from './stats';

/** Above this many shown mentions, only those near the viewport are registered. */
export const WINDOW_ABOVE = 500;
/** The band reaches this many viewport heights above and below the viewport. */
export const WINDOW_MARGIN_SCREENS = 2;
/** At most this many mentions are registered at once (a band of very dense text stops early). */
export const WINDOW_MAX_MENTIONS = 1200;
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

  destroy(): void {
    this.#destroyed = true;
    clearTimeout(this.#countTimer);
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
      this.#forget(st);
      if (next.length) this.#setShown(st, next);
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
    if (this.#windowed) this.#io?.observe(st.block);
  }

  #forget(st: BlockState): void {
    for (const f of this.#shown.get(st) ?? []) if (this.#shownById.get(f.id) === f) this.#shownById.delete(f.id);
    this.#shown.delete(st);
    if (this.#byElement.get(st.block) === st) {
      this.#byElement.delete(st.block);
      this.#io?.unobserve(st.block);
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
    if (!want) {
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
    for (const el of this.#byElement.keys()) this.#io.observe(el);
  }

  #onBand(entries: IntersectionObserverEntry[]): void {
    if (this.#destroyed || !this.#windowed) return;
    const added: Found[] = [];
    const removed: Found[] = [];
    for (const e of entries) {
      const st = this.#byElement.get(e.target);
      if (!st) continue;
      const list = this.#shown.get(st) ?? [];
      if (e.isIntersecting && !this.#band.has(st)) {
        if (this.#registered + list.length > WINDOW_MAX_MENTIONS) continue;
        this.#band.add(st);
        added.push(...list);
        this.#registered += list.length;
      } else if (!e.isIntersecting && this.#band.delete(st)) {
        removed.push(...list);
        this.#registered -= list.length;
      }
    }
    if (added.length || removed.length) this.#deps.painter.update(added, removed);
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
