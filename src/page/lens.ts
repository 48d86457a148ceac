/**
 * The page layer of one frame: finds mentions in the page's text, paints
 * them, keeps them current as the page changes, and answers the bridge and
 * the extension's messages. Browser edges (messaging, storage) are injected
 * by entrypoints/content.ts so this class only deals with the document.
 *
 * Work model: every scan runs as a job of time-budgeted slices (SLICE_BUDGET_MS
 * each, then a yield to the page), so no task of ours is long even on a
 * multi-megabyte page. Mutations only record targets; a flush, delayed by
 * `nextDelay` (which grows with the cost of the last scan and with a page
 * that keeps changing), re-scans the affected blocks.
 */
import type { EntityKind } from '../dataset/schema';
import type { ClassifyItem, GetMentionsResponse, PageMention } from '../messages';
import type { Settings } from '../settings/schema';
import { UI_HOST_ATTR, type NavigateRequest, type PageBridge, type PaintedMention } from './bridge';
import { blockOf, isInsideExcluded, SegmentWalk, type Segment } from './collect';
import type { PageDetector } from './detector';
import { visibleMentions } from './filter';
import { guard, report } from './guard';
import { locate } from './offsets';
import { nextDelay, PAUSE_STREAK, SLICE_BUDGET_MS } from './pacing';
import { Painter } from './paint';
import { bandOf, WINDOW_ABOVE, WINDOW_MARGIN_SCREENS } from './window';

export interface Found extends PaintedMention {
  kind: EntityKind;
  sentence: string;
  /** Every text node the mention spans (for hit-testing). */
  nodes: Text[];
  /** Accepted by the classifier rather than by the scan alone. */
  viaNlp: boolean;
}

interface BlockState {
  gen: number;
  found: Found[];
  /** The block's mentions as last painted (found filtered by the settings). */
  shown: Found[];
  /** A classifier answer appended a mention out of order. */
  unsorted: boolean;
  /** Candidates of this generation still waiting for the classifier (keeps an empty block alive). */
  awaiting: number;
}

interface PendingCandidate {
  block: Element;
  gen: number;
  segment: Segment;
  entity: string;
  start: number;
  end: number;
  text: string;
  sentenceStart: number;
  sentenceEnd: number;
}

export interface LensDeps {
  doc: Document;
  settings: Settings;
  detector: (detection: Settings['detection']) => PageDetector;
  classify(items: ClassifyItem[], context: string[]): Promise<boolean[][]>;
  /** The number of painted mentions changed (debounced). */
  onCount(count: number): void;
  /** The first mention was painted, or the pointer met one: time to load the card bundle. */
  wantCard(): void;
}

/** Candidates per classify message: keeps one message (and one NLP run) small. */
const CLASSIFY_BATCH = 64;
/** A repaint waits for the next frame, or this long where frames do not run (a hidden tab). */
const REPAINT_FALLBACK_MS = 100;

interface ClassifyGroup {
  item: ClassifyItem;
  owners: PendingCandidate[];
  /** Entities accepted without NLP when the group was formed (shared by the groups of one pass). */
  context: string[];
}
/** Content-side memory of classifier answers, so a re-rendered sentence is not asked again. */
const DECISION_CACHE_MAX = 4000;

type Root = Document | ShadowRoot;

function yieldToPage(): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (s?.yield) return s.yield();
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.addEventListener('message', () => resolve());
    ch.port1.start();
    ch.port2.postMessage(null);
  });
}

/** Document order across shadow trees: compare the outermost hosts when roots differ. */
function outermost(node: Node): Node {
  let n = node;
  for (let root = n.getRootNode(); root instanceof ShadowRoot; root = n.getRootNode()) n = root.host;
  return n;
}

function compareNodes(a: Node, b: Node): number {
  if (a === b) return 0;
  const ah = outermost(a);
  const bh = outermost(b);
  const x = ah === bh ? a : ah;
  const y = ah === bh ? b : bh;
  return x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}

function compareFound(a: Found, b: Found): number {
  const ar = a.range;
  const br = b.range;
  if (ar.startContainer.getRootNode() === br.startContainer.getRootNode()) {
    return ar.compareBoundaryPoints(Range.START_TO_START, br);
  }
  const ah = outermost(ar.startContainer);
  const bh = outermost(br.startContainer);
  if (ah === bh) return 0;
  return ah.compareDocumentPosition(bh) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}

export class Lens {
  readonly #doc: Document;
  #settings: Settings;
  #detector: PageDetector;
  readonly #painter: Painter;
  readonly #abort = new AbortController();

  /** Blocks holding mentions, kept in document order (re-sorted only when a block arrives out of order). */
  #blocks = new Map<Element, BlockState>();
  #lastInserted: Element | null = null;
  #orderDirty = false;
  #lastRepaintAt = 0;
  #genCounter = 0;
  #idCounter = 0;
  /** Blocks whose mentions changed since the last paint. */
  readonly #dirtyBlocks = new Set<BlockState>();
  /** Painted mentions of blocks dropped since the last paint. */
  #droppedShown: Found[] = [];
  /** The next repaint starts over (settings changed); otherwise it only touches dirty blocks. */
  #fullPaint = false;
  #shownCount = 0;
  /** Painted mentions in document order, rebuilt on demand after a change. */
  #ordered: Found[] | null = [];
  #byId = new Map<number, Found>();
  #byNode = new Map<Text, Found[]>();
  readonly #classifyQueue: ClassifyGroup[] = [];
  #classifyHead = 0;
  #classifying = false;
  #activeId: number | null = null;
  readonly #scrollCursor = new Map<string, number>();
  readonly #decisions = new Map<string, boolean>();

  readonly #roots = new Set<Root>();
  readonly #observers = new Map<Root, MutationObserver>();
  #paused = false;
  readonly #dirtyTargets = new Set<Node>();
  #fullRescan = false;
  #flushTimer = 0;
  #running = false;
  #lastCost = 0;
  #lastFlushEnd = -Infinity;
  #streak = 0;
  #countTimer = 0;
  #lastCount = -1;
  #repaintQueued = false;
  #firstPaintSignalled = false;
  /** Too many mentions to register them all: only `windowSet`'s blocks are registered (see window.ts). */
  #windowed = false;
  #windowSet = new Set<BlockState>();
  #windowQueued = false;

  readonly #changeListeners = new Set<() => void>();
  readonly #navigateListeners = new Set<(d: NavigateRequest) => void>();
  readonly #pendingNavigate: NavigateRequest[] = [];

  readonly bridge: PageBridge;

  readonly #deps: LensDeps;

  constructor(deps: LensDeps) {
    this.#deps = deps;
    this.#doc = deps.doc;
    this.#settings = deps.settings;
    this.#detector = deps.detector(deps.settings.detection);
    this.#painter = new Painter(this.#doc);
    this.#painter.setStyle(this.#settings.style);
    this.bridge = this.#makeBridge();
  }

  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  /** Starts observing and schedules the first full scan. */
  start(): void {
    this.#addRoot(this.#doc);
    this.#fullRescan = true;
    this.#schedule(0);
  }

  destroy(): void {
    if (this.#abort.signal.aborted) return;
    this.#abort.abort();
    clearTimeout(this.#flushTimer);
    clearTimeout(this.#countTimer);
    for (const o of this.#observers.values()) o.disconnect();
    this.#painter.destroy();
    this.#blocks.clear();
    this.#dirtyBlocks.clear();
    this.#droppedShown = [];
    this.#ordered = [];
    this.#shownCount = 0;
    this.#byId.clear();
    this.#byNode.clear();
    this.#classifyQueue.length = 0;
    this.#changeListeners.clear();
    this.#navigateListeners.clear();
  }

  // ---- settings ------------------------------------------------------------

  /** Applies new settings live: restyle and refilter, or re-scan when detection changed. */
  updateSettings(next: Settings, rescan: boolean): void {
    this.#settings = next;
    this.#painter.setStyle(next.style);
    if (rescan) {
      this.#detector = this.#deps.detector(next.detection);
      this.#decisions.clear();
      this.#fullRescan = true;
      this.#schedule(0);
    }
    this.#fullPaint = true;
    this.#repaint();
  }

  // ---- observing -----------------------------------------------------------

  #addRoot(root: Root): void {
    if (this.#roots.has(root) || this.#abort.signal.aborted) return;
    this.#roots.add(root);
    if (root instanceof ShadowRoot) this.#painter.addShadowRoot(root);
    const observer = new MutationObserver(guard((records: MutationRecord[]) => this.#onMutations(records)));
    this.#observers.set(root, observer);
    if (!this.#paused) observe(observer, root);
  }

  /**
   * A churning page (text rewritten every few ms) would pay for a mutation
   * record on every change: observing stops until the next rescan, which then
   * covers the whole page (what changed meanwhile is unknown).
   */
  #pause(): void {
    if (this.#paused) return;
    this.#paused = true;
    for (const o of this.#observers.values()) o.disconnect();
  }

  #resume(): void {
    if (!this.#paused) return;
    this.#paused = false;
    this.#fullRescan = true;
    for (const [root, o] of this.#observers) observe(o, root);
  }

  #onShadowRoot = (root: ShadowRoot): void => {
    if (this.#roots.has(root)) return;
    this.#addRoot(root);
    this.#dirtyTargets.add(root);
  };

  /** Cheap on purpose: pages can produce thousands of records a second. The work happens in `flush`. */
  #onMutations(records: MutationRecord[]): void {
    let relevant = false;
    const top = this.#doc.body;
    for (const r of records) {
      if (r.type === 'childList') {
        const t = r.target;
        // Under <body> itself (where the card's host lives) look at what changed, so that our own
        // UI coming and going does not trigger a page-wide rescan; elsewhere the parent is enough.
        if (t === top || t === this.#doc.documentElement) {
          if (onlyOwnUi(r.addedNodes) && onlyOwnUi(r.removedNodes)) continue;
          for (const n of r.addedNodes) this.#dirtyTargets.add(n.nodeType === 1 ? n : t);
          if (r.removedNodes.length) this.#dirtyTargets.add(t);
        } else {
          this.#dirtyTargets.add(t);
        }
      } else {
        if (r.target instanceof Element && r.target.hasAttribute(UI_HOST_ATTR)) continue;
        this.#dirtyTargets.add(r.target);
      }
      relevant = true;
    }
    if (!relevant) return;
    const now = performance.now();
    // Mutations arriving soon after a flush mean a page that keeps changing: back off.
    this.#streak = now - this.#lastFlushEnd < 1000 ? this.#streak + 1 : 0;
    if (this.#streak >= PAUSE_STREAK) this.#pause();
    this.#schedule(nextDelay(this.#lastCost, this.#streak));
  }

  #schedule(delay: number): void {
    if (this.#abort.signal.aborted || this.#running || this.#flushTimer) return;
    this.#flushTimer = setTimeout(
      guard(() => {
        this.#flushTimer = 0;
        this.#flush().catch(report);
      }),
      delay,
    ) as unknown as number;
  }

  /** Turns recorded mutation targets into the smallest set of subtrees to re-scan. */
  #takeScanRoots(): Node[] {
    if (this.#fullRescan) {
      this.#fullRescan = false;
      this.#dirtyTargets.clear();
      return [...this.#roots]
        .map((r) => (r instanceof Document ? r.documentElement : r))
        .filter((n): n is HTMLElement | ShadowRoot => !!n);
    }
    const picked = new Set<Node>();
    for (const target of this.#dirtyTargets) {
      if (!target.isConnected) continue;
      if (target instanceof ShadowRoot) {
        picked.add(target);
        continue;
      }
      if (isInsideExcluded(target)) continue;
      const root = target.getRootNode();
      const scope = root instanceof Document ? root.documentElement : root;
      const block = target instanceof Element && !target.parentElement ? target : blockOf(target, scope);
      picked.add(block ?? scope);
    }
    this.#dirtyTargets.clear();
    // Drop subtrees already covered by an ancestor in the set.
    return [...picked].filter((n) => {
      for (let p = n.parentNode; p; p = p.parentNode) if (picked.has(p)) return false;
      return true;
    });
  }

  // ---- scanning ------------------------------------------------------------

  async #flush(): Promise<void> {
    if (this.#running || this.#abort.signal.aborted) return;
    this.#running = true;
    let busy = 0;
    let sliceStart = performance.now();
    const pending: PendingCandidate[] = [];
    try {
      this.#resume();
      const scanRoots = this.#takeScanRoots();
      for (const root of scanRoots) {
        if (!root.isConnected) continue;
        const seen = new Map<Element, Found[]>();
        const walk = new SegmentWalk(root, { onShadowRoot: this.#onShadowRoot });
        // true once we have yielded to the page: the walk then checks it still stands in the tree.
        let resumed = false;
        for (;;) {
          const seg = walk.next(resumed);
          resumed = false;
          if (!seg) {
            if (walk.interrupted) this.#fullRescan = true;
            break;
          }
          this.#ingest(seg, seen, pending);
          if (performance.now() - sliceStart > SLICE_BUDGET_MS) {
            busy += performance.now() - sliceStart;
            // Show progress on a long scan, but not every frame: a repaint walks every mention.
            if (performance.now() - this.#lastRepaintAt > 300) this.#queueRepaint();
            await yieldToPage();
            if (this.#abort.signal.aborted) return;
            resumed = true;
            sliceStart = performance.now();
          }
        }
        // Blocks under this root that no longer hold text lose their mentions.
        if (performance.now() - sliceStart > SLICE_BUDGET_MS / 2) {
          busy += performance.now() - sliceStart;
          await yieldToPage();
          if (this.#abort.signal.aborted) return;
          sliceStart = performance.now();
        }
        for (const [block, state] of this.#blocks) {
          if (
            (state.found.length === 0 && state.awaiting === 0) ||
            (!seen.has(block) && (root === block || root.contains(block)))
          )
            this.#dropBlock(block);
        }
      }
      for (const block of this.#blocks.keys()) if (!block.isConnected) this.#dropBlock(block);
      // In the next frame, as its own task: on a long page the last slice and the paint together
      // would make one long task. Nothing to paint (most pages): no frame is asked for, only the count.
      if (this.#dirtyBlocks.size > 0 || this.#droppedShown.length > 0 || this.#fullPaint) this.#queueRepaint();
      else this.#queueCount();
    } finally {
      busy += performance.now() - sliceStart;
      this.#running = false;
      this.#lastCost = busy;
      this.#lastFlushEnd = performance.now();
    }
    if (pending.length) this.#classifyPending(pending);
    if (this.#dirtyTargets.size || this.#fullRescan) this.#schedule(nextDelay(this.#lastCost, this.#streak));
  }

  /** Scans one segment; accepted mentions join its block's state, ambiguous ones wait for the classifier. */
  #ingest(seg: Segment, seen: Map<Element, Found[]>, pending: PendingCandidate[]): void {
    let state = this.#blocks.get(seg.block);
    let previous = seen.get(seg.block);
    if (previous === undefined) {
      // First segment of this block in this pass: its old mentions are replaced (ids kept when unchanged).
      previous = state?.found ?? [];
      seen.set(seg.block, previous);
      if (state) {
        state.gen = ++this.#genCounter;
        state.found = [];
        state.unsorted = false;
        state.awaiting = 0;
        this.#dirtyBlocks.add(state);
      }
    }
    const candidates = this.#detector.scan(seg.text);
    if (candidates.length === 0) return;
    if (!state) {
      state = { gen: ++this.#genCounter, found: [], shown: [], unsorted: false, awaiting: 0 };
      this.#insertBlock(seg.block, state);
      this.#dirtyBlocks.add(state);
    }
    const visible = new Map<Element, boolean>();
    for (const c of candidates) {
      const startNode = seg.nodes[locate(seg.starts, seg.lengths, c.start, false).index];
      const parent = startNode?.parentElement;
      if (!parent) continue;
      let vis = visible.get(parent);
      if (vis === undefined) {
        vis = isRendered(parent);
        visible.set(parent, vis);
      }
      if (!vis) continue;
      const span = this.#detector.sentence(seg.text, c.start, c.end);
      if (c.needsContext && !this.#detector.plain) {
        const sentence = seg.text.slice(span.start, span.end);
        const cached = this.#decisions.get(decisionKey(sentence, c.entity, c.start - span.start, c.end - span.start));
        if (cached === false) continue;
        if (cached === undefined) {
          pending.push({
            block: seg.block,
            gen: state.gen,
            segment: seg,
            entity: c.entity,
            start: c.start,
            end: c.end,
            text: c.text,
            sentenceStart: span.start,
            sentenceEnd: span.end,
          });
          state.awaiting++;
          continue;
        }
      }
      const found = this.#makeFound(
        seg,
        c.entity,
        c.start,
        c.end,
        c.text,
        seg.text.slice(span.start, span.end),
        c.needsContext,
        previous,
      );
      if (found) state.found.push(found);
    }
  }

  /** Appends a block; notes when it does not follow the last one in document order. */
  #insertBlock(block: Element, state: BlockState): void {
    const last = this.#lastInserted;
    if (last && this.#blocks.has(last) && compareNodes(last, block) > 0) {
      this.#orderDirty = true;
    }
    this.#blocks.set(block, state);
    this.#lastInserted = block;
  }

  /** Forgets a block; its painted mentions come off at the next repaint. */
  #dropBlock(block: Element): void {
    const state = this.#blocks.get(block);
    if (!state) return;
    for (const f of state.shown) this.#droppedShown.push(f);
    state.shown = [];
    this.#dirtyBlocks.delete(state);
    this.#blocks.delete(block);
  }

  #makeFound(
    seg: Segment,
    entity: string,
    start: number,
    end: number,
    text: string,
    sentence: string,
    viaNlp: boolean,
    previous: readonly Found[],
  ): Found | null {
    const kind = this.#detector.kindOf(entity);
    if (!kind) return null;
    const a = locate(seg.starts, seg.lengths, start, false);
    const b = locate(seg.starts, seg.lengths, end, true);
    const startNode = seg.nodes[a.index]!;
    const endNode = seg.nodes[b.index]!;
    // Keep the id (and range) of an unchanged mention, so an open card survives unrelated re-renders.
    const same = previous.find(
      (p) =>
        p.entity === entity &&
        p.text === text &&
        p.range.startContainer === startNode &&
        p.range.startOffset === a.offset &&
        p.range.endContainer === endNode &&
        p.range.endOffset === b.offset,
    );
    if (same) return { ...same, sentence, viaNlp };
    const range = this.#doc.createRange();
    range.setStart(startNode, a.offset);
    range.setEnd(endNode, b.offset);
    return {
      id: ++this.#idCounter,
      entity,
      text,
      range,
      kind,
      sentence,
      nodes: seg.nodes.slice(a.index, b.index + 1),
      viaNlp,
    };
  }

  // ---- classification ------------------------------------------------------

  #classifyPending(pending: PendingCandidate[]): void {
    // One item per sentence; candidates in it share the item.
    const groups = new Map<string, ClassifyGroup>();
    const context = this.#contextEntities();
    for (const p of pending) {
      const key = `${p.gen}:${p.sentenceStart}`;
      let g = groups.get(key);
      if (!g) {
        g = {
          item: { sentence: p.segment.text.slice(p.sentenceStart, p.sentenceEnd), candidates: [] },
          owners: [],
          context,
        };
        groups.set(key, g);
        this.#classifyQueue.push(g);
      }
      g.item.candidates.push({ entity: p.entity, start: p.start - p.sentenceStart, end: p.end - p.sentenceStart });
      g.owners.push(p);
    }
    this.#pumpClassify();
  }

  /**
   * Sends the next batch when none is in flight: one request at a time, so a
   * page with thousands of ambiguous names queues them here instead of
   * flooding the background, and each answer is applied before the next
   * leaves. Groups whose blocks were re-scanned meanwhile are not sent.
   */
  #pumpClassify(): void {
    if (this.#classifying || this.#abort.signal.aborted) return;
    const queue = this.#classifyQueue;
    const batch: ClassifyGroup[] = [];
    while (this.#classifyHead < queue.length && batch.length < CLASSIFY_BATCH) {
      const g = queue[this.#classifyHead]!;
      if (batch.length && g.context !== batch[0]!.context) break;
      this.#classifyHead++;
      if (g.owners.some((p) => this.#blocks.get(p.block)?.gen === p.gen)) batch.push(g);
    }
    if (this.#classifyHead >= queue.length) {
      queue.length = 0;
      this.#classifyHead = 0;
    } else if (this.#classifyHead > 1024) {
      queue.splice(0, this.#classifyHead);
      this.#classifyHead = 0;
    }
    if (batch.length === 0) {
      if (queue.length) this.#pumpClassify();
      return;
    }
    this.#classifying = true;
    this.#deps
      .classify(
        batch.map((g) => g.item),
        batch[0]!.context,
      )
      .then(guard((decisions: boolean[][]) => this.#applyDecisions(batch, decisions)))
      .catch(report)
      .finally(() => {
        this.#classifying = false;
        this.#pumpClassify();
      });
  }

  /** Entities accepted on this page without NLP: what the classifier weighs ambiguous names against. */
  #contextEntities(): string[] {
    const ids = new Set<string>();
    for (const s of this.#blocks.values()) for (const f of s.found) if (!f.viaNlp) ids.add(f.entity);
    return [...ids];
  }

  #applyDecisions(batch: readonly ClassifyGroup[], decisions: boolean[][]): void {
    if (this.#abort.signal.aborted) return;
    if (this.#decisions.size > DECISION_CACHE_MAX) this.#decisions.clear();
    let changed = false;
    batch.forEach((g, i) => {
      g.owners.forEach((p, j) => {
        const yes = decisions[i]?.[j] === true;
        const c = g.item.candidates[j]!;
        this.#decisions.set(decisionKey(g.item.sentence, c.entity, c.start, c.end), yes);
        const state = this.#blocks.get(p.block);
        // The block was re-scanned meanwhile: its own pass asks again (or hits the cache).
        if (!state || state.gen !== p.gen) return;
        state.awaiting = Math.max(0, state.awaiting - 1);
        if (!yes) return;
        const found = this.#makeFound(p.segment, p.entity, p.start, p.end, p.text, g.item.sentence, true, []);
        if (!found) return;
        if (state.found.some((f) => overlaps(f, found))) return;
        state.found.push(found);
        state.unsorted = true;
        this.#dirtyBlocks.add(state);
        changed = true;
      });
    });
    // Answers arriving in one frame share one repaint.
    if (changed) this.#queueRepaint();
  }

  // ---- painting ------------------------------------------------------------

  #queueRepaint(): void {
    if (this.#repaintQueued) return;
    this.#repaintQueued = true;
    let timer = 0;
    const run = guard(() => {
      if (!this.#repaintQueued) return;
      clearTimeout(timer);
      this.#repaintQueued = false;
      this.#repaint();
    });
    requestAnimationFrame(run);
    timer = setTimeout(run, REPAINT_FALLBACK_MS) as unknown as number;
  }

  /**
   * Brings the highlights up to date. Normally incremental: only blocks whose
   * mentions changed are looked at, and only their added and removed ranges
   * touch the highlights, so an answer from the classifier costs what it
   * changed, not what the page holds. A full pass when settings changed, and
   * with `firstOnly` (which mention comes first is a page-wide question).
   */
  #repaint(): void {
    if (this.#abort.signal.aborted) return;
    this.#lastRepaintAt = performance.now();
    this.#repaintQueued = false;
    if (this.#fullPaint || this.#settings.style.firstOnly) this.#repaintAll();
    else this.#repaintDirty();
    this.#syncWindow();
    const active = this.#activeId === null ? undefined : this.#byId.get(this.#activeId);
    if (this.#activeId !== null && !active) this.#activeId = null;
    this.#painter.setActive(active?.range ?? null);
    for (const cb of this.#changeListeners) guard(cb)();
    this.#queueCount();
    if (this.#shownCount > 0 && !this.#firstPaintSignalled) {
      this.#firstPaintSignalled = true;
      this.#deps.wantCard();
    }
  }

  #repaintAll(): void {
    this.#fullPaint = false;
    this.#dirtyBlocks.clear();
    this.#droppedShown = [];
    this.#sortBlocks();
    const all: Found[] = [];
    for (const st of this.#blocks.values()) {
      if (st.unsorted) {
        st.found.sort(compareFound);
        st.unsorted = false;
      }
      for (const f of st.found) if (!f.range.collapsed) all.push(f);
    }
    const visible = visibleMentions(all, this.#settings);
    const shown = new Set(visible);
    for (const st of this.#blocks.values()) st.shown = st.found.filter((f) => shown.has(f));
    this.#byNode = new Map();
    this.#byId = new Map();
    for (const m of visible) this.#index(m);
    this.#shownCount = visible.length;
    this.#ordered = visible;
    // Windowed: the band is registered afresh by syncWindow, which runs next.
    this.#windowSet.clear();
    this.#painter.paint(this.#windowed ? [] : visible);
  }

  #repaintDirty(): void {
    if (this.#dirtyBlocks.size === 0 && this.#droppedShown.length === 0) return;
    const added: Found[] = [];
    const removed: Found[] = [];
    for (const f of this.#droppedShown) {
      this.#unindex(f);
      removed.push(f);
    }
    this.#shownCount -= this.#droppedShown.length;
    this.#droppedShown = [];
    const t0 = performance.now();
    let done = 0;
    for (const st of this.#dirtyBlocks) {
      // A long page's first paint can hold thousands of blocks: past the slice budget, the rest
      // waits for the next frame (re-queued below) instead of making one long task.
      if ((++done & 31) === 0 && performance.now() - t0 > SLICE_BUDGET_MS) break;
      this.#dirtyBlocks.delete(st);
      if (st.unsorted) {
        st.found.sort(compareFound);
        st.unsorted = false;
      }
      const live = st.found.filter((f) => !f.range.collapsed);
      const next = visibleMentions(live, this.#settings);
      const before = new Set(st.shown.map((f) => f.range));
      const after = new Set(next.map((f) => f.range));
      // Unindex first: a kept mention is a new object with the same id and range.
      const registered = !this.#windowed || this.#windowSet.has(st);
      for (const f of st.shown) {
        this.#unindex(f);
        if (registered && !after.has(f.range)) removed.push(f);
      }
      for (const f of next) {
        this.#index(f);
        if (registered && !before.has(f.range)) added.push(f);
      }
      this.#shownCount += next.length - st.shown.length;
      st.shown = next;
    }
    if (this.#dirtyBlocks.size > 0) this.#queueRepaint();
    this.#ordered = null;
    this.#painter.update(added, removed);
  }

  #index(m: Found): void {
    this.#byId.set(m.id, m);
    for (const n of m.nodes) {
      const list = this.#byNode.get(n);
      if (list) list.push(m);
      else this.#byNode.set(n, [m]);
    }
  }

  #unindex(m: Found): void {
    if (this.#byId.get(m.id) === m) this.#byId.delete(m.id);
    for (const n of m.nodes) {
      const list = this.#byNode.get(n);
      if (!list) continue;
      const i = list.indexOf(m);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.#byNode.delete(n);
    }
  }

  /**
   * Keeps the registered ranges to the band around the viewport while the page has more than
   * WINDOW_ABOVE mentions (see window.ts), and registers them all again when it has fewer.
   */
  #syncWindow(): void {
    const want = this.#shownCount > WINDOW_ABOVE;
    if (!want) {
      if (!this.#windowed) return;
      this.#windowed = false;
      this.#windowSet.clear();
      this.#fullPaint = true;
      this.#queueRepaint();
      return;
    }
    if (!this.#windowed) {
      this.#windowed = true;
      this.#windowSet.clear();
      this.#painter.paint([]);
      const view = this.#doc.defaultView;
      const onMove = guard(() => this.#queueWindow());
      const opts = { capture: true, passive: true, signal: this.#abort.signal };
      this.#doc.addEventListener('scroll', onMove, opts);
      view?.addEventListener('resize', onMove, opts);
    }
    this.#sortBlocks();
    const list: [Element, BlockState][] = [];
    for (const entry of this.#blocks) if (entry[1].shown.length > 0) list.push(entry);
    const height = this.#doc.defaultView?.innerHeight ?? 0;
    const margin = height * WINDOW_MARGIN_SCREENS;
    const band = bandOf(
      list,
      ([el]) => el.getBoundingClientRect(),
      -margin,
      height + margin,
      ([, st]) => st.shown.length,
    );
    const next = new Set<BlockState>();
    for (let i = band.from; i < band.to; i++) next.add(list[i]![1]);
    const added: Found[] = [];
    const removed: Found[] = [];
    for (const st of this.#windowSet) if (!next.has(st)) removed.push(...st.shown);
    for (const st of next) if (!this.#windowSet.has(st)) added.push(...st.shown);
    this.#windowSet = next;
    if (added.length || removed.length) this.#painter.update(added, removed);
  }

  /** A scroll or resize moved the viewport: move the band in the next frame. */
  #queueWindow(): void {
    if (!this.#windowed || this.#windowQueued) return;
    this.#windowQueued = true;
    requestAnimationFrame(
      guard(() => {
        this.#windowQueued = false;
        if (!this.#abort.signal.aborted && this.#windowed) this.#syncWindow();
      }),
    );
  }

  /** Puts the blocks back in document order after one arrived out of order. */
  #sortBlocks(): void {
    if (!this.#orderDirty) return;
    const entries = [...this.#blocks];
    entries.sort(([ea, a], [eb, b]) =>
      a.found[0] && b.found[0] ? compareFound(a.found[0], b.found[0]) : compareNodes(ea, eb),
    );
    this.#blocks = new Map(entries);
    this.#lastInserted = entries.at(-1)?.[0] ?? null;
    this.#orderDirty = false;
  }

  /** Painted mentions in document order. */
  get #painted(): Found[] {
    if (this.#ordered) return this.#ordered;
    this.#sortBlocks();
    const out: Found[] = [];
    for (const st of this.#blocks.values()) for (const f of st.shown) out.push(f);
    this.#ordered = out;
    return out;
  }

  #queueCount(): void {
    clearTimeout(this.#countTimer);
    this.#countTimer = setTimeout(
      guard(() => {
        if (this.#shownCount === this.#lastCount) return;
        this.#lastCount = this.#shownCount;
        this.#deps.onCount(this.#lastCount);
      }),
      250,
    ) as unknown as number;
  }

  // ---- queries -------------------------------------------------------------

  /** The painted mention under a viewport point, or null. */
  mentionAt(x: number, y: number): Found | null {
    const hit = caretAt(
      this.#doc,
      x,
      y,
      [...this.#roots].filter((r): r is ShadowRoot => r instanceof ShadowRoot),
    );
    if (!hit || hit.node.nodeType !== 3) return null;
    const list = this.#byNode.get(hit.node as Text);
    if (!list) return null;
    for (const m of list) {
      if (!m.range.isPointInRange(hit.node, hit.offset)) continue;
      // The caret sits between characters: confirm the point is over the mention's glyphs.
      for (const r of m.range.getClientRects()) {
        if (x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1) return m;
      }
    }
    return null;
  }

  mentions(): readonly Found[] {
    return this.#painted;
  }

  getMentions(): GetMentionsResponse {
    const mentions: PageMention[] = this.#painted.map((m) => ({
      entity: m.entity,
      text: m.text,
      sentence: m.sentence,
    }));
    return { url: this.#doc.location?.href ?? '', mentions };
  }

  /** Scrolls to the entity's next mention (cycling) and flashes it. */
  scrollToMention(entity: string): { found: boolean; index: number; total: number } {
    const list = this.#painted.filter((m) => m.entity === entity);
    if (list.length === 0) return { found: false, index: -1, total: 0 };
    const index = ((this.#scrollCursor.get(entity) ?? -1) + 1) % list.length;
    this.#scrollCursor.set(entity, index);
    const m = list[index]!;
    const el = m.range.startContainer.parentElement;
    const reduce = this.#doc.defaultView?.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    el?.scrollIntoView({ block: 'center', inline: 'nearest', behavior: reduce ? 'auto' : 'smooth' });
    this.#painter.flashRange(m.range);
    return { found: true, index, total: list.length };
  }

  /** A navigation shortcut: handed to the card bundle, or kept until it subscribes. */
  navigate(direction: NavigateRequest): void {
    if (this.#navigateListeners.size === 0) {
      this.#pendingNavigate.splice(0, this.#pendingNavigate.length, direction);
      this.#deps.wantCard();
      return;
    }
    for (const cb of this.#navigateListeners) guard(cb)(direction);
  }

  #makeBridge(): PageBridge {
    return {
      mentionAt: (x, y) => this.mentionAt(x, y),
      settings: () => this.#settings,
      mentions: () => this.#painted,
      isPainted: (id) => this.#byId.has(id),
      setActive: (id) => {
        this.#activeId = id;
        const m = id === null ? undefined : this.#byId.get(id);
        this.#painter.setActive(m?.range ?? null);
      },
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
      signal: this.#abort.signal,
    };
  }
}

// ---- helpers ---------------------------------------------------------------

function decisionKey(sentence: string, entity: string, start: number, end: number): string {
  return `${entity}\u0000${start}\u0000${end}\u0000${sentence}`;
}

function overlaps(a: Found, b: Found): boolean {
  return (
    a.range.compareBoundaryPoints(Range.START_TO_END, b.range) > 0 &&
    a.range.compareBoundaryPoints(Range.END_TO_START, b.range) < 0
  );
}

function observe(o: MutationObserver, root: Root): void {
  o.observe(root, {
    childList: true,
    characterData: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['hidden', 'aria-hidden', 'contenteditable'],
  });
}

function onlyOwnUi(nodes: NodeList): boolean {
  for (const n of nodes) if (!(n instanceof Element && n.hasAttribute(UI_HOST_ATTR))) return false;
  return true;
}

/** Is the element rendered and visible? Only asked for elements that hold a candidate. */
function isRendered(el: Element): boolean {
  if (typeof el.checkVisibility === 'function') {
    return el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: false });
  }
  const view = el.ownerDocument.defaultView;
  if (!view) return true;
  return (el as HTMLElement).offsetParent !== null || view.getComputedStyle(el).position === 'fixed';
}

/** The caret position at a viewport point: the standard API first, WebKit/Blink's older one as fallback. */
function caretAt(
  doc: Document,
  x: number,
  y: number,
  shadowRoots: ShadowRoot[],
): { node: Node; offset: number } | null {
  const d = doc as Document & {
    caretPositionFromPoint?: (x: number, y: number, opts?: { shadowRoots?: ShadowRoot[] }) => CaretPosition | null;
  };
  if (typeof d.caretPositionFromPoint === 'function') {
    const pos = shadowRoots.length ? d.caretPositionFromPoint(x, y, { shadowRoots }) : d.caretPositionFromPoint(x, y);
    return pos ? { node: pos.offsetNode, offset: pos.offset } : null;
  }
  if (typeof doc.caretRangeFromPoint === 'function') {
    const r = doc.caretRangeFromPoint(x, y);
    return r ? { node: r.startContainer, offset: r.startOffset } : null;
  }
  return null;
}
