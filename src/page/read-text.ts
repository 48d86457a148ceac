/**
 * Reading a page's text without touching it. A TreeWalker visits elements and
 * text nodes in document order; consecutive text nodes under the same block
 * element form one segment, so a name split over inline elements ("Microsoft
 * <b>Azure</b>") and a whole sentence are seen at once. Nothing is split,
 * wrapped or written. What is never read: code, editors, form fields, hidden
 * and non-rendered content, the extension's own UI (see `isExcluded`).
 *
 * Every page pays for this walk, so per node it asks the engine as little as it
 * can (node type, local name, text) and decides the rest with set look-ups.
 */
import { UI_HOST_ATTR } from './bridge';
import { isWordCode } from './junctions';
import { containsNode, documentOf, isElement, nameOf, parentElementOf, parentOf, selectAll } from './dom';

/** Elements whose text is never read: code, editors, form fields, non-rendered content (local names). */
export const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'code',
  'pre',
  'kbd',
  'samp',
  'var',
  'textarea',
  'input',
  'select',
  'option',
  'optgroup',
  'head',
  'title',
  'iframe',
  'frame',
  'object',
  'embed',
  'canvas',
  'video',
  'audio',
  'svg',
  'math',
  'datalist',
]);

/** Elements that flow inside a line: text either side belongs to the same segment. */
const INLINE = new Set([
  'a',
  'abbr',
  'acronym',
  'b',
  'bdi',
  'bdo',
  'big',
  'cite',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'img',
  'ins',
  'label',
  'mark',
  'nobr',
  'q',
  'rb',
  'rp',
  'rt',
  'ruby',
  's',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'wbr',
]);

/**
 * Elements that may carry an open shadow root (attachShadow accepts only these
 * and custom elements, whose names hold a hyphen): the walk asks no others.
 */
export const SHADOW_HOSTS = new Set([
  'article',
  'aside',
  'blockquote',
  'body',
  'div',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'main',
  'nav',
  'p',
  'section',
  'span',
]);

/** A segment longer than this is cut at the next text node, bounding one scan call. */
const MAX_SEGMENT_CHARS = 20_000;

export interface Segment {
  /** The block element the text flows in: the unit a change re-reads. */
  block: Element;
  nodes: Text[];
  /** Start of each node's text in `text`. */
  starts: number[];
  /** Each node's text length when read. */
  lengths: number[];
  /** The nodes' text joined, with a line break for each `<br>` and between words CSS lays out apart. */
  text: string;
}

/**
 * The attribute rules as one selector, so that a walk asks the engine once per
 * subtree (querySelectorAll) instead of reading attributes of every element.
 */
export const EXCLUDED_BY_ATTRIBUTE = [
  `[${UI_HOST_ATTR}]`,
  '[hidden]',
  '[aria-hidden="true"]',
  '[contenteditable]:not([contenteditable="false"])',
  '[role="textbox"]',
  '[role="code"]',
].join(',');

// oxlint-disable-next-line typescript/unbound-method -- kept to be called with .call() on an element
const matches = Element.prototype.matches;

/** Is this element (and so its subtree) off limits? Name and attribute checks only: no style is read here. */
export function isExcluded(el: Element): boolean {
  return SKIP.has(nameOf(el)) || matches.call(el, EXCLUDED_BY_ATTRIBUTE);
}

/** Is the node inside a region that is off limits (or in a document the reader edits)? */
export function isInsideExcluded(node: Node): boolean {
  for (let el: Element | null = isElement(node) ? node : parentElementOf(node); el; el = parentElementOf(el)) {
    if (isExcluded(el)) return true;
  }
  return documentOf(node).designMode === 'on';
}

/** The nearest ancestor-or-self that is not an inline element (never above `root`). */
export function blockOf(node: Node, root: Node): Element | null {
  return blockOfElement(isElement(node) ? node : parentElementOf(node), root);
}

function blockOfElement(start: Element | null, root: Node): Element | null {
  let el = start;
  let last = el;
  while (el && el !== root && INLINE.has(nameOf(el))) {
    last = el;
    el = parentElementOf(el);
  }
  // Inline elements straight under a shadow root have no block above them: the topmost one stands in.
  return el ?? last ?? (isElement(root) ? root : null);
}

/** Moves the walker past `walker.currentNode`'s subtree (by hand: a NodeFilter would call into script per node). */
export function skipSubtree(walker: TreeWalker): Node | null {
  for (;;) {
    const next = walker.nextSibling();
    if (next) return next;
    if (!walker.parentNode()) return null;
  }
}

const INLINE_DISPLAY = new Set(['inline', 'contents', 'ruby', 'ruby-base', 'ruby-text']);

/**
 * Between two text nodes that would be glued ("how" + "Microsoft"), is there a
 * box boundary CSS lays them out across (an inline element made `display:
 * block`, a flex or grid item…)? Then the reader sees two lines, and so must
 * detection. Asked only for glued word characters, so style is read rarely.
 */
function laidOutApart(before: Text, after: Text, block: Element, display: Map<Element, boolean>): boolean {
  if (parentOf(before) === parentOf(after) && before.nextSibling === after) return false;
  const apart = (el: Element): boolean => {
    let v = display.get(el);
    if (v === undefined) {
      const view = documentOf(el).defaultView;
      v = !!view && !INLINE_DISPLAY.has(view.getComputedStyle(el).display);
      display.set(el, v);
    }
    return v;
  };
  const left = new Set<Element>();
  for (let el = parentElementOf(before); el && el !== block; el = parentElementOf(el)) left.add(el);
  for (let el = parentElementOf(after); el && el !== block; el = parentElementOf(el)) {
    if (left.delete(el)) {
      // The common ancestor: everything above it is shared.
      for (let up = parentElementOf(el); up && up !== block; up = parentElementOf(up)) left.delete(up);
      break;
    }
    if (apart(el)) return true;
  }
  for (const el of left) if (apart(el)) return true;
  return false;
}

export interface WalkHooks {
  /** Called for every open shadow root met on the way (its text is walked separately). */
  onShadowRoot?(root: ShadowRoot): void;
}

/**
 * Segments under `root`, in document order, one per `next()` call, so the
 * caller can stop between segments to yield to the page and resume later: it
 * passes `true` to `next()` when the page may have changed since the last
 * segment. If the node the walk stood on was removed meanwhile, the walk ends
 * early and `interrupted` tells the caller to schedule another pass.
 *
 * Attribute-excluded elements are found once per walk with one selector query;
 * an element given such an attribute during a sliced walk is still walked this
 * time, and the attribute change is a mutation, which re-reads it.
 */
export class SegmentWalk {
  /** The walk stopped early because the page removed the node it stood on. */
  interrupted = false;
  #done = false;
  readonly #root: Node;
  readonly #hooks: WalkHooks;
  readonly #walker: TreeWalker;
  readonly #excluded: ReadonlySet<Element>;
  #node: Node | null;
  #current: Segment | null = null;
  #lastParent: Element | null = null;
  #lastBlock: Element | null = null;
  readonly #display = new Map<Element, boolean>();

  constructor(root: Node, hooks: WalkHooks = {}) {
    this.#root = root;
    this.#hooks = hooks;
    const doc = documentOf(root);
    this.#walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    const off = doc.designMode === 'on' || (isElement(root) && isExcluded(root));
    this.#excluded = new Set<Element>(off ? [] : Array.from(selectAll(root, EXCLUDED_BY_ATTRIBUTE)));
    this.#node = off ? null : this.#walker.nextNode();
  }

  /** The next segment, or null at the end of the walk. */
  next(resumed = false): Segment | null {
    if (this.#done) return null;
    if (resumed && this.#node && !containsNode(this.#root, this.#node)) {
      this.interrupted = true;
      this.#done = true;
      return null;
    }
    const walker = this.#walker;
    const root = this.#root;
    const excluded = this.#excluded;
    const hooks = this.#hooks;
    let node = this.#node;
    let current = this.#current;
    let lastParent = this.#lastParent;
    let lastBlock = this.#lastBlock;
    let out: Segment | null = null;
    while (node && !out) {
      if (node.nodeType === 3) {
        const text = node as Text;
        const parent = text.parentElement;
        let block: Element | null;
        if (parent === lastParent) block = lastBlock;
        else {
          block = blockOfElement(parent, root);
          lastParent = parent;
          lastBlock = block;
        }
        if (block) {
          if (current && (current.block !== block || current.text.length > MAX_SEGMENT_CHARS)) {
            if (current.text.length > 0) out = current;
            current = null;
          }
          if (!current) current = { block, nodes: [], starts: [], lengths: [], text: '' };
          const data = text.data;
          const n = current.nodes.length;
          if (
            n > 0 &&
            data.length > 0 &&
            isWordCode(current.text.charCodeAt(current.text.length - 1)) &&
            isWordCode(data.charCodeAt(0)) &&
            laidOutApart(current.nodes[n - 1]!, text, block, this.#display)
          )
            current.text += '\n';
          current.nodes.push(text);
          current.starts.push(current.text.length);
          current.lengths.push(data.length);
          current.text += data;
        }
        node = walker.nextNode();
        continue;
      }
      const el = node as Element;
      let name = el.localName;
      // A <form> can shadow its own localName (<input name="localName">): ask the prototype.
      if (typeof name !== 'string') name = nameOf(el);
      if (SKIP.has(name) || excluded.has(el)) {
        node = skipSubtree(walker);
        continue;
      }
      // (Read directly: none of these is a <form>, the one element that can shadow its own properties.)
      if (hooks.onShadowRoot && (SHADOW_HOSTS.has(name) || name.includes('-'))) {
        const shadow = el.shadowRoot;
        if (shadow) hooks.onShadowRoot(shadow);
      }
      node = walker.nextNode();
      if (name === 'br') {
        if (current) current.text += '\n';
      } else if (!INLINE.has(name) && current) {
        if (current.text.length > 0) out = current;
        current = null;
      }
    }
    this.#node = node;
    this.#current = current;
    this.#lastParent = lastParent;
    this.#lastBlock = lastBlock;
    if (out) return out;
    this.#done = true;
    this.#current = null;
    return current && current.text.length > 0 ? current : null;
  }
}
