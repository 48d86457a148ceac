/**
 * Reading a page's text without touching it. A TreeWalker visits text nodes in
 * document order; consecutive text nodes under the same block element form one
 * segment, so a name split over inline elements ("Microsoft <b>Azure</b>") and
 * a whole sentence are seen at once. Nothing is split, wrapped or written.
 */
import { UI_HOST_ATTR } from './bridge';

/** Elements whose text is never looked at: code, editors, form fields, non-rendered content. */
const SKIP_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'CODE', 'PRE', 'KBD', 'SAMP', 'VAR', 'TEXTAREA', 'INPUT',
  'SELECT', 'OPTION', 'OPTGROUP', 'HEAD', 'TITLE', 'IFRAME', 'FRAME', 'OBJECT', 'EMBED', 'CANVAS',
  'VIDEO', 'AUDIO', 'svg', 'SVG', 'math', 'MATH', 'DATALIST',
]);

/** Elements that flow inside a line: text either side belongs to the same segment. */
const INLINE_TAGS = new Set([
  'A', 'ABBR', 'ACRONYM', 'B', 'BDI', 'BDO', 'BIG', 'CITE', 'DATA', 'DEL', 'DFN', 'EM', 'FONT', 'I',
  'IMG', 'INS', 'LABEL', 'MARK', 'NOBR', 'Q', 'RB', 'RP', 'RT', 'RUBY', 'S', 'SMALL', 'SPAN', 'STRIKE',
  'STRONG', 'SUB', 'SUP', 'TIME', 'TT', 'U', 'WBR',
]);

/** A segment longer than this is cut at the next text node, bounding one scan call. */
const MAX_SEGMENT_CHARS = 20_000;

export interface Segment {
  /** The block element the text flows in: the unit a mutation re-scans. */
  block: Element;
  nodes: Text[];
  /** Start of each node's text in `text`. */
  starts: number[];
  text: string;
}

/** Is this element (and so its subtree) off limits? Attribute checks only: no style is read here. */
export function isExcluded(el: Element): boolean {
  if (SKIP_TAGS.has(el.tagName)) return true;
  if (el.hasAttribute(UI_HOST_ATTR) || el.hasAttribute('hidden')) return true;
  if (el.getAttribute('aria-hidden') === 'true') return true;
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && editable !== 'false') return true;
  const role = el.getAttribute('role');
  return role === 'textbox' || role === 'code';
}

/** Is any ancestor of `node` (up to its root) off limits? For mutation targets inside a skipped region. */
export function isInsideExcluded(node: Node): boolean {
  for (let el: Element | null = node instanceof Element ? node : node.parentElement; el; el = el.parentElement) {
    if (isExcluded(el)) return true;
  }
  const doc = node.ownerDocument;
  return doc?.designMode === 'on';
}

/** The nearest ancestor-or-self that is not an inline element (never above `root`). */
export function blockOf(node: Node, root: Node): Element | null {
  let el: Element | null = node instanceof Element ? node : node.parentElement;
  let last = el;
  while (el && el !== root && INLINE_TAGS.has(el.tagName)) {
    last = el;
    el = el.parentElement;
  }
  // Inline elements straight under a shadow root have no block above them: the topmost one stands in.
  return el ?? last ?? (root instanceof Element ? root : null);
}

/**
 * Moves the walker past `walker.currentNode`'s subtree. Done by hand rather
 * than with a NodeFilter: a filter is a call from the engine into script for
 * every node of the page, which on a multi-megabyte page costs more than the walk.
 */
function skipSubtree(walker: TreeWalker): Node | null {
  for (;;) {
    const next = walker.nextSibling();
    if (next) return next;
    if (!walker.parentNode()) return null;
  }
}

export interface WalkHooks {
  /** Called for every open shadow root met on the way (its text is walked separately). */
  onShadowRoot?(root: ShadowRoot): void;
}

/**
 * Segments under `root`, in document order. A generator, so the caller can
 * stop between segments to yield to the page and resume later. If the node it
 * stood on was removed meanwhile, the walk ends early and `interrupted` tells
 * the caller to schedule another pass.
 */
export function* segments(root: Node, hooks: WalkHooks = {}): Generator<Segment, { interrupted: boolean }> {
  const doc = root.ownerDocument ?? (root as Document);
  if (doc.designMode === 'on') return { interrupted: false };
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  let current: Segment | null = null;
  let lastParent: Element | null = null;
  let lastBlock: Element | null = null;

  const flush = function* (): Generator<Segment> {
    if (current && current.text.length > 0) {
      const done: Segment = current;
      current = null;
      yield done;
      // After the consumer resumes us the page may have moved on.
      if (!root.contains(walker.currentNode)) throw new Interrupted();
    }
    current = null;
  };

  try {
    if (root instanceof Element && isExcluded(root)) return { interrupted: false };
    for (let node = walker.nextNode(); node; ) {
      if (node.nodeType === 3) {
        const text = node as Text;
        const parent = text.parentElement;
        let block: Element | null;
        if (parent === lastParent) block = lastBlock;
        else {
          block = parent ? blockOf(parent, root) : null;
          lastParent = parent;
          lastBlock = block;
        }
        if (!block) {
          node = walker.nextNode();
          continue;
        }
        if (current && (current.block !== block || current.text.length > MAX_SEGMENT_CHARS)) yield* flush();
        if (!current) current = { block, nodes: [], starts: [], text: '' };
        current.nodes.push(text);
        current.starts.push(current.text.length);
        current.text += text.data;
        node = walker.nextNode();
        continue;
      }
      const el = node as Element;
      if (isExcluded(el)) {
        node = skipSubtree(walker);
        continue;
      }
      if (el.shadowRoot && hooks.onShadowRoot) hooks.onShadowRoot(el.shadowRoot);
      if (el.tagName === 'BR') {
        if (current) current.text += '\n';
      } else if (!INLINE_TAGS.has(el.tagName)) {
        yield* flush();
      }
      node = walker.nextNode();
    }
    yield* flush();
  } catch (error) {
    if (error instanceof Interrupted) return { interrupted: true };
    throw error;
  }
  return { interrupted: false };
}

class Interrupted extends Error {}
