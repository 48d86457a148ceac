/**
 * The first look of every pass: which blocks under a root may hold a name. It
 * reads each text node once, in document order, joined as it comes (the way
 * the benchmark's floor reads a page), and runs the sieve over that text in
 * chunks. Only the blocks a hit falls in are then read properly (read-text.ts:
 * segments, exclusions, words CSS lays out apart), so a page pays for the
 * careful walk only where a name may be, and a page without any pays for
 * about what one RegExp over its text costs.
 *
 * It must let through everything the careful walk would (a superset), so:
 * - it skips what the careful walk skips by element name (script, code, form
 *   fields…) and by attribute (hidden, aria-hidden, editable: one selector
 *   query per sweep); what only style or an ancestor decides (not rendered,
 *   CSS-editable) is read here and left out by the careful walk of the block;
 * - where two text nodes meet word character to word character ("how" +
 *   "Microsoft", which CSS may lay out as two lines, or a `<br>`), the careful
 *   walk may put a line break between them: the sieve also runs over the text
 *   around every such junction with a break there;
 * - chunks overlap by more than the longest name, so a name across two chunks
 *   is seen whole in the second.
 */
import { withoutInvisible, toOriginal } from '../detect/invisible';
import { containsNode, documentOf, parentElementOf, selectAll } from './dom';
import { breakJunctions, isWordCode, withoutBreaks } from './junctions';
import { nodeIndexAt } from './offsets';
import { blockOf, EXCLUDED_BY_ATTRIBUTE, SKIP, SHADOW_HOSTS, skipSubtree, type WalkHooks } from './read-text';

// oxlint-disable-next-line typescript/unbound-method -- called with .call() on an element
const LOCAL_NAME = Object.getOwnPropertyDescriptor(Element.prototype, 'localName')!.get!;
// oxlint-disable-next-line typescript/unbound-method -- called with .call() on an element
const SHADOW_ROOT = Object.getOwnPropertyDescriptor(Element.prototype, 'shadowRoot')!.get!;

/** Text scanned at once: bounds one scan call (the 5 MB page is read in ~80 of them). */
export const CHUNK_CHARS = 65_536;
/** Characters of the previous chunk scanned again with the next: longer than any name (80) and its spacing. */
export const OVERLAP_CHARS = 256;

/** Where in a text a name may start (the sieve and the reader's marks). */
export type FindHits = (text: string) => Iterable<number>;

/**
 * Reads the text nodes under `root` a slice at a time (`step`), and says which
 * of them a hit starts in (`hitNodes`, in document order).
 */
export class TextSweep {
  /** The sweep stopped early because the page removed the node it stood on. */
  interrupted = false;
  done = false;
  readonly #root: Node;
  readonly #hooks: WalkHooks;
  readonly #find: FindHits;
  readonly #walker: TreeWalker;
  #node: Node | null;
  readonly #excluded: ReadonlySet<Element>;
  /** Every text node read, and where its text starts in the (virtual) joined text. */
  readonly #nodes: Text[] = [];
  readonly #starts: number[] = [];
  /** Offsets in the joined text where two nodes meet word character to word character. */
  readonly #junctions: number[] = [];
  #length = 0;
  #lastCode = 32;
  /** Text read since the last scan, and what the last scan read (its tail is the next one's overlap). */
  #pending: string[] = [];
  #pendingStart = 0;
  #pendingLength = 0;
  #tail = '';
  /** Indices into #nodes of the nodes hits start in. */
  readonly #hits = new Set<number>();

  constructor(root: Node, find: FindHits, hooks: WalkHooks = {}) {
    this.#root = root;
    this.#find = find;
    this.#hooks = hooks;
    this.#walker = documentOf(root).createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    // One selector query per sweep, as the careful walk does: hidden and editable regions are not read.
    this.#excluded = new Set(Array.from(selectAll(root, EXCLUDED_BY_ATTRIBUTE)));
    this.#node = this.#walker.nextNode();
  }

  /**
   * Reads on until the sweep ends or `spent()` says the slice is over (asked every few dozen nodes).
   * `resumed`: the page may have changed since the last slice.
   */
  step(spent: () => boolean, resumed = false): void {
    if (this.done) return;
    if (resumed && this.#node && !containsNode(this.#root, this.#node)) {
      this.interrupted = true;
      this.done = true;
      return;
    }
    const walker = this.#walker;
    const hooks = this.#hooks;
    const nodes = this.#nodes;
    const starts = this.#starts;
    let node = this.#node;
    let count = 0;
    while (node) {
      if (node.nodeType === 3) {
        const data = (node as Text).data;
        const n = data.length;
        if (n > 0) {
          if (isWordCode(this.#lastCode) && isWordCode(data.charCodeAt(0))) this.#junctions.push(this.#length);
          nodes.push(node as Text);
          starts.push(this.#length);
          this.#pending.push(data);
          this.#length += n;
          this.#pendingLength += n;
          this.#lastCode = data.charCodeAt(n - 1);
          if (this.#pendingLength >= CHUNK_CHARS) this.#scan();
        }
        node = walker.nextNode();
      } else {
        const el = node as Element;
        // Through the prototype's getter: one call site for every kind of element (cheaper on a cold page
        // than a property read that meets a hundred element classes), and a <form> cannot shadow it.
        const name = LOCAL_NAME.call(el) as string;
        if (SKIP.has(name) || this.#excluded.has(el)) {
          // Never read: the text either side is not joined across it.
          this.#lastCode = 32;
          node = skipSubtree(walker);
        } else {
          if (hooks.onShadowRoot && (SHADOW_HOSTS.has(name) || name.includes('-'))) {
            const shadow = SHADOW_ROOT.call(el) as ShadowRoot | null;
            if (shadow) hooks.onShadowRoot(shadow);
          }
          node = walker.nextNode();
        }
      }
      if (++count >= 32) {
        count = 0;
        if (spent()) break;
      }
    }
    this.#node = node;
    if (!node) {
      this.#scan();
      this.done = true;
    }
  }

  /** Characters read so far. */
  get length(): number {
    return this.#length;
  }

  /** The nodes hits start in, in document order (complete once `done`). */
  hitNodes(): Text[] {
    return [...this.#hits].sort((a, b) => a - b).map((i) => this.#nodes[i]!);
  }

  /** Runs the sieve over the text read since the last scan, with the previous text's tail in front. */
  #scan(): void {
    if (this.#pendingLength === 0) return;
    const chunk = this.#pending.length === 1 ? this.#pending[0]! : this.#pending.join('');
    const text = this.#tail + chunk;
    const base = this.#pendingStart - this.#tail.length;
    this.#pending = [];
    this.#pendingStart = this.#length;
    this.#pendingLength = 0;
    this.#tail = text.length > OVERLAP_CHARS ? text.slice(-OVERLAP_CHARS) : text;
    this.#scanText(text, base);
    // Around each junction in this text, scan again with a line break at every junction there (see the
    // file's comment): windows wider than any name either side, merged where they meet.
    const junctions = this.#junctions;
    let from = junctions.length;
    while (from > 0 && junctions[from - 1]! > base) from--;
    const end = base + text.length;
    while (from < junctions.length && junctions[from]! < end) {
      const first = from;
      let stop = Math.min(end, junctions[from]! + OVERLAP_CHARS);
      while (from + 1 < junctions.length && junctions[from + 1]! < end && junctions[from + 1]! - OVERLAP_CHARS < stop) {
        from++;
        stop = Math.min(end, junctions[from]! + OVERLAP_CHARS);
      }
      from++;
      const start = Math.max(base, junctions[first]! - OVERLAP_CHARS);
      const window = text.slice(start - base, stop - base);
      this.#scanText(breakJunctions(window, start, junctions, first), start, first);
    }
  }

  #scanText(text: string, base: number, junctionsFrom = -1): void {
    const visible = withoutInvisible(text);
    const hits = this.#hits;
    for (const at of this.#find(visible.text)) {
      let pos = toOriginal(at, visible.removed);
      if (junctionsFrom >= 0) pos = withoutBreaks(pos, base, this.#junctions, junctionsFrom);
      hits.add(nodeIndexAt(this.#starts, base + pos, false));
    }
  }
}

/**
 * The blocks to read carefully for these hit nodes (in document order): each node's block, less the
 * blocks inside another one of the list (reading a block reads the blocks inside it).
 */
export function blocksToRead(hitNodes: readonly Text[], root: Node): Element[] {
  const blocks: Element[] = [];
  const picked = new Set<Element>();
  for (const node of hitNodes) {
    const block = blockOf(node, root);
    if (block && !picked.has(block)) {
      picked.add(block);
      blocks.push(block);
    }
  }
  if (blocks.length < 2) return blocks;
  return blocks.filter((b) => {
    for (let up = parentElementOf(b); up; up = parentElementOf(up)) {
      if (picked.has(up)) return false;
      if (up === root) break;
    }
    return true;
  });
}
