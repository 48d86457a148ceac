/**
 * The page's mentions: blocks in document order, each with the mentions found
 * in it, ids that stay the same while a mention's text does, and the indexes
 * hit-testing and the card look them up by. Fed by the first stage (a pass
 * says which blocks it read, the background answers for the ones the sieve let
 * through); read by the second stage, which paints what changed.
 *
 * A block's mentions are replaced only once every answer for the pass that read
 * it last has come, so a re-rendered paragraph never flickers; an answer for an
 * older pass is dropped. An answer is checked against the text as it is now: a
 * node that changed since it was read gives no mention (never a stale range).
 */
import type { EntityKind } from '../dataset/schema';
import { toOriginal } from '../detect/invisible';
import type { FoundInText } from '../messages';
import type { PaintedMention } from './bridge';
import { containsNode, documentOrder, isConnected, isEditable, isRendered, parentElementOf, rootOf } from './dom';
import { locate } from './offsets';
import type { Segment } from './read-text';

export interface Found extends PaintedMention {
  kind: EntityKind;
  /** The sentence around it (what getMentions and exports show). */
  sentence: string;
  /**
   * Where the mention stands in `sentence` (UTF-16 offsets, end exclusive): for the labelled-sentences
   * export, the card's "Why marked" and its corrections.
   */
  inSentence: { start: number; end: number };
  /** Marked by the reader ("mark as mention"), not found by the detector. */
  reader: boolean;
  /** Found by the detector, taken away by the reader's corrections: kept for the export, never painted. */
  suppressed: boolean;
  /** Every text node the mention spans (for hit-testing). */
  nodes: Text[];
  /** Accepted by the classifier rather than by the scan alone. */
  viaNlp: boolean;
}

/** A segment as the first stage read it: its text without invisible characters, and the pass. */
export interface ReadSegment extends Segment {
  /** `text` without invisible characters: what the sieve and the background read. */
  visible: string;
  /** Indices of `text` taken out of `visible` (null: none). */
  removed: number[] | null;
  pass: number;
}

export interface BlockState {
  readonly block: Element;
  /** The last pass that read this block. */
  pass: number;
  /** Answers still to come for that pass. */
  pending: number;
  /** That pass has moved on past this block (every segment of it is read). */
  closed: boolean;
  /** Mentions of the current pass so far, committed when the last answer arrives. */
  next: Found[];
  /** The block's mentions, in document order. */
  found: Found[];
}

export interface StoreChanges {
  /** Blocks whose mentions changed (their `found` is current). */
  blocks: Set<BlockState>;
  /** Blocks that are gone (their `found` is empty now; what was painted of them must go). */
  dropped: Set<BlockState>;
}

/** Document order across shadow trees: compare the outermost hosts when roots differ. */
function outermost(node: Node): Node {
  let n = node;
  for (let root = rootOf(n); root instanceof ShadowRoot; root = rootOf(n)) n = root.host;
  return n;
}

export function compareNodes(a: Node, b: Node): number {
  if (a === b) return 0;
  const ah = outermost(a);
  const bh = outermost(b);
  return ah === bh ? documentOrder(a, b) : documentOrder(ah, bh);
}

function compareFound(a: Found, b: Found): number {
  const ar = a.range;
  const br = b.range;
  if (rootOf(ar.startContainer) === rootOf(br.startContainer))
    return ar.compareBoundaryPoints(Range.START_TO_START, br);
  return compareNodes(ar.startContainer, br.startContainer);
}

/** The text with white space taken out: how a range's text is compared with what was read (a <br> read as "\n"). */
function squeeze(s: string): string {
  return s.replace(/\s+/g, '');
}

export class MentionStore {
  /** Blocks holding (or waiting for) mentions, in document order (re-sorted when one arrives out of order). */
  #blocks = new Map<Element, BlockState>();
  #lastInserted: Element | null = null;
  #orderDirty = false;
  #idCounter = 0;
  #count = 0;
  #changed = new Set<BlockState>();
  #dropped = new Set<BlockState>();
  #ordered: Found[] | null = [];
  readonly #byId = new Map<number, Found>();
  readonly #byNode = new Map<Text, Found[]>();
  readonly #listeners = new Set<() => void>();

  /** Mentions on the page now. */
  get count(): number {
    return this.#count;
  }

  /** Called after the mentions changed (once per batch of changes). */
  onChange(cb: () => void): () => void {
    this.#listeners.add(cb);
    return () => this.#listeners.delete(cb);
  }

  /** A pass read this segment; `hit` when the sieve let it through (an answer will follow). */
  read(seg: ReadSegment, hit: boolean): void {
    let state = this.#blocks.get(seg.block);
    if (!state) {
      if (!hit) return;
      state = { block: seg.block, pass: seg.pass, pending: 0, closed: false, next: [], found: [] };
      this.#insert(state);
    } else if (state.pass !== seg.pass) {
      state.pass = seg.pass;
      state.pending = 0;
      state.closed = false;
      state.next = [];
    }
    if (hit) state.pending++;
  }

  /** Is this segment's pass still the last that read its block (is an answer for it still wanted)? */
  isCurrent(seg: ReadSegment): boolean {
    const state = this.#blocks.get(seg.block);
    return !!state && state.pass === seg.pass && state.pending > 0;
  }

  /** A pass finished reading under `root`: blocks there it did not read lose their mentions. */
  rootDone(root: Node, pass: number): void {
    let changed = false;
    for (const state of Array.from(this.#blocks.values())) {
      if (state.pass === pass) {
        if (!state.closed) {
          state.closed = true;
          if (state.pending === 0) changed = this.#commit(state) || changed;
        }
      } else if (!isConnected(state.block) || root === state.block || containsNode(root, state.block)) {
        this.#drop(state);
        changed = true;
      }
    }
    if (changed) this.#notify();
  }

  /** The background's answer for a segment read earlier. */
  answer(seg: ReadSegment, found: readonly FoundInText[]): void {
    const state = this.#blocks.get(seg.block);
    // Read again meanwhile: that pass's answer decides (or the block is gone).
    if (!state || state.pass !== seg.pass || state.pending === 0) return;
    const cache = new Map<Element, boolean>();
    for (const f of found) {
      const m = this.#make(seg, f, state, cache);
      if (m) state.next.push(m);
    }
    state.pending--;
    if (state.pending === 0 && state.closed && this.#commit(state)) this.#notify();
  }

  /** Forgets everything (site switched off, detection changed): every block counts as dropped. */
  clear(): void {
    for (const state of Array.from(this.#blocks.values())) this.#drop(state);
    this.#notify();
  }

  /** Takes what changed since the last call (the second stage paints it). */
  takeChanges(): StoreChanges {
    const out = { blocks: this.#changed, dropped: this.#dropped };
    this.#changed = new Set();
    this.#dropped = new Set();
    return out;
  }

  /** Does `el` hold painted-to-be mentions (is it a block with mentions)? */
  holds(el: Element): boolean {
    return (this.#blocks.get(el)?.found.length ?? 0) > 0;
  }

  /** Every mention, in document order (a list of the page: built on demand after a change). */
  mentions(): readonly Found[] {
    if (this.#ordered) return this.#ordered;
    this.#sort();
    const out: Found[] = [];
    for (const st of this.#blocks.values()) for (const f of st.found) out.push(f);
    this.#ordered = out;
    return out;
  }

  /** Blocks with mentions, in document order. */
  blocks(): BlockState[] {
    this.#sort();
    const out: BlockState[] = [];
    for (const st of this.#blocks.values()) if (st.found.length) out.push(st);
    return out;
  }

  byId(id: number): Found | undefined {
    return this.#byId.get(id);
  }

  /** The mentions spanning this text node. */
  at(node: Text): readonly Found[] {
    return this.#byNode.get(node) ?? [];
  }

  /** Entities on the page accepted without the classifier: what it weighs ambiguous names against. */
  context(): string[] {
    const ids = new Set<string>();
    for (const st of this.#blocks.values()) for (const f of st.found) if (!f.viaNlp) ids.add(f.entity);
    return [...ids];
  }

  // ---- internals -----------------------------------------------------------

  #insert(state: BlockState): void {
    const last = this.#lastInserted;
    if (last && this.#blocks.has(last) && compareNodes(last, state.block) > 0) this.#orderDirty = true;
    this.#blocks.set(state.block, state);
    this.#lastInserted = state.block;
  }

  #sort(): void {
    if (!this.#orderDirty) return;
    const entries = [...this.#blocks];
    entries.sort(([ea, a], [eb, b]) =>
      a.found[0] && b.found[0] ? compareFound(a.found[0], b.found[0]) : compareNodes(ea, eb),
    );
    this.#blocks = new Map(entries);
    this.#lastInserted = entries.at(-1)?.[0] ?? null;
    this.#orderDirty = false;
  }

  #notify(): void {
    this.#ordered = null;
    for (const cb of this.#listeners) cb();
  }

  /** The pass's mentions become the block's. Returns whether anything changed. */
  #commit(state: BlockState): boolean {
    const next = state.next;
    state.next = [];
    next.sort(compareFound);
    const before = state.found;
    if (before.length === 0 && next.length === 0) {
      this.#blocks.delete(state.block);
      return false;
    }
    for (const f of before) this.#unindex(f);
    for (const f of next) this.#index(f);
    this.#count += next.length - before.length;
    state.found = next;
    if (next.length === 0) this.#blocks.delete(state.block);
    this.#changed.add(state);
    return true;
  }

  #drop(state: BlockState): void {
    for (const f of state.found) this.#unindex(f);
    if (state.found.length) this.#dropped.add(state);
    this.#count -= state.found.length;
    state.found = [];
    state.next = [];
    state.pending = 0;
    this.#changed.delete(state);
    this.#blocks.delete(state.block);
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
   * A mention over the page's own nodes, or null when the text it was found in
   * is no longer what the page shows there, or is hidden or editable. Keeps the
   * id (and range) of a mention that was already there.
   */
  #make(seg: ReadSegment, f: FoundInText, state: BlockState, visibleCache: Map<Element, boolean>): Found | null {
    const start = toOriginal(f.start, seg.removed);
    const end = toOriginal(f.end, seg.removed, true);
    if (!(start < end && end <= seg.text.length)) return null;
    const a = locate(seg.starts, seg.lengths, start, false);
    const b = locate(seg.starts, seg.lengths, end, true);
    const nodes = seg.nodes.slice(a.index, b.index + 1);
    for (let i = a.index; i <= b.index; i++) {
      const n = seg.nodes[i]!;
      if (n.data.length !== seg.lengths[i] || !isConnected(n)) return null;
    }
    const startNode = nodes[0]!;
    const endNode = nodes[nodes.length - 1]!;
    const parent = parentElementOf(startNode);
    if (!parent) return null;
    let visible = visibleCache.get(parent);
    if (visible === undefined) {
      visible = isRendered(parent) && !isEditable(parent);
      visibleCache.set(parent, visible);
    }
    if (!visible) return null;
    const text = seg.text.slice(start, end);
    const sentence = seg.visible.slice(f.sentenceStart, f.sentenceEnd);
    const inSentence = { start: f.start - f.sentenceStart, end: f.end - f.sentenceStart };
    const reader = f.reader === true;
    const suppressed = f.suppressed === true;
    const same = state.found.find(
      (p) =>
        p.entity === f.entity &&
        p.text === text &&
        p.range.startContainer === startNode &&
        p.range.startOffset === a.offset &&
        p.range.endContainer === endNode &&
        p.range.endOffset === b.offset,
    );
    if (same) return { ...same, kind: f.kind, sentence, inSentence, reader, suppressed, viaNlp: f.viaNlp };
    let range: Range;
    try {
      range = startNode.ownerDocument.createRange();
      range.setStart(startNode, a.offset);
      range.setEnd(endNode, b.offset);
    } catch {
      return null;
    }
    // The nodes are as long as when read; their text must also still say the same.
    if (squeeze(range.toString()) !== squeeze(text)) return null;
    return {
      id: ++this.#idCounter,
      entity: f.entity,
      kind: f.kind,
      text,
      range,
      sentence,
      inSentence,
      reader,
      suppressed,
      nodes,
      viaNlp: f.viaNlp,
    };
  }
}
