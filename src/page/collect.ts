/**
 * Reading a page's text without touching it. A TreeWalker visits text nodes in
 * document order; consecutive text nodes under the same block element form one
 * segment, so a name split over inline elements ("Microsoft <b>Azure</b>") and
 * a whole sentence are seen at once. Nothing is split, wrapped or written.
 */
import { UI_HOST_ATTR } from './bridge';

/** Elements whose text is never looked at: code, editors, form fields, non-rendered content. */
const SKIP_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'CODE',
  'PRE',
  'KBD',
  'SAMP',
  'VAR',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'OPTGROUP',
  'HEAD',
  'TITLE',
  'IFRAME',
  'FRAME',
  'OBJECT',
  'EMBED',
  'CANVAS',
  'VIDEO',
  'AUDIO',
  'svg',
  'SVG',
  'math',
  'MATH',
  'DATALIST',
]);

/** Elements that flow inside a line: text either side belongs to the same segment. */
const INLINE_TAGS = new Set([
  'A',
  'ABBR',
  'ACRONYM',
  'B',
  'BDI',
  'BDO',
  'BIG',
  'CITE',
  'DATA',
  'DEL',
  'DFN',
  'EM',
  'FONT',
  'I',
  'IMG',
  'INS',
  'LABEL',
  'MARK',
  'NOBR',
  'Q',
  'RB',
  'RP',
  'RT',
  'RUBY',
  'S',
  'SMALL',
  'SPAN',
  'STRIKE',
  'STRONG',
  'SUB',
  'SUP',
  'TIME',
  'TT',
  'U',
  'WBR',
]);

/** A segment longer than this is cut at the next text node, bounding one scan call. */
const MAX_SEGMENT_CHARS = 20_000;

export interface Segment {
  /** The block element the text flows in: the unit a mutation re-scans. */
  block: Element;
  nodes: Text[];
  /** Start of each node's text in `text`. */
  starts: number[];
  /** Each node's text length when read. */
  lengths: number[];
  text: string;
}

/**
 * The attribute rules of `isExcluded` as one selector, so that a walk asks the
 * engine once per subtree (querySelectorAll) instead of reading five
 * attributes of every element: each read is a call into the engine, and on a
 * large page those calls cost more than the walk itself.
 */
const EXCLUDED_BY_ATTRIBUTE = [
  `[${UI_HOST_ATTR}]`,
  '[hidden]',
  '[aria-hidden="true"]',
  '[contenteditable]:not([contenteditable="false"])',
  '[role="textbox"]',
  '[role="code"]',
].join(',');

/** Is this element (and so its subtree) off limits? Tag and attribute checks only: no style is read here. */
export function isExcluded(el: Element): boolean {
  return SKIP_TAGS.has(el.tagName) || el.matches(EXCLUDED_BY_ATTRIBUTE);
}

/**
 * Elements that may carry an open shadow root (attachShadow accepts only
 * these and custom elements, whose names hold a hyphen): the walk asks the
 * others for none.
 */
const SHADOW_HOSTS = new Set([
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BODY',
  'DIV',
  'FOOTER',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'MAIN',
  'NAV',
  'P',
  'SECTION',
  'SPAN',
]);

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
  return blockOfElement(node instanceof Element ? node : node.parentElement, root);
}

function blockOfElement(start: Element | null, root: Node): Element | null {
  let el = start;
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
 * Segments under `root`, in document order, one per `next()` call, so the
 * caller can stop between segments to yield to the page and resume later: it
 * passes `true` to `next()` when the page may have changed since the last
 * segment. If the node the walk stood on was removed meanwhile, the walk ends
 * early and `interrupted` tells the caller to schedule another pass.
 *
 * A plain object rather than a generator, and per node it asks the engine as
 * little as it can (node type, tag name, parent, text): the loop runs for
 * every node of the page, on every page. Attribute-excluded elements are found
 * once per walk with one selector query; an element given such an attribute
 * during a sliced walk is still walked this time, and the attribute change is
 * a mutation, which re-scans it.
 */
export class SegmentWalk {
  /** The walk stopped early because the page removed the node it stood on. */
  interrupted = false;
  private done = false;
  private readonly walker: TreeWalker;
  private readonly excluded: ReadonlySet<Element>;
  /** Tag names are upper case in HTML documents; elsewhere (XHTML) every element is asked for a shadow root. */
  private readonly htmlTags: boolean;
  private node: Node | null;
  private current: Segment | null = null;
  private lastParent: Element | null = null;
  private lastBlock: Element | null = null;

  constructor(
    private readonly root: Node,
    private readonly hooks: WalkHooks = {},
  ) {
    const doc = root.ownerDocument ?? (root as Document);
    this.htmlTags = doc.contentType === 'text/html';
    this.walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    const off = doc.designMode === 'on' || (root instanceof Element && isExcluded(root));
    this.excluded = new Set<Element>(
      !off && 'querySelectorAll' in root ? (root as ParentNode).querySelectorAll(EXCLUDED_BY_ATTRIBUTE) : [],
    );
    this.node = off ? null : this.walker.nextNode();
  }

  /** The next segment, or null at the end of the walk. */
  next(resumed = false): Segment | null {
    if (this.done) return null;
    if (resumed && this.node && !this.root.contains(this.node)) {
      this.interrupted = true;
      this.done = true;
      return null;
    }
    const { walker, root, excluded, htmlTags } = this;
    const hooks = this.hooks;
    let node = this.node;
    let current = this.current;
    let lastParent = this.lastParent;
    let lastBlock = this.lastBlock;
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
          current.nodes.push(text);
          current.starts.push(current.text.length);
          current.lengths.push(data.length);
          current.text += data;
        }
        node = walker.nextNode();
        continue;
      }
      const el = node as Element;
      const tag = el.tagName;
      if (SKIP_TAGS.has(tag) || excluded.has(el)) {
        node = skipSubtree(walker);
        continue;
      }
      if (hooks.onShadowRoot && (!htmlTags || SHADOW_HOSTS.has(tag) || tag.includes('-'))) {
        const shadow = el.shadowRoot;
        if (shadow) hooks.onShadowRoot(shadow);
      }
      node = walker.nextNode();
      if (tag === 'BR') {
        if (current) current.text += '\n';
      } else if (!INLINE_TAGS.has(tag) && current) {
        if (current.text.length > 0) out = current;
        current = null;
      }
    }
    this.node = node;
    this.current = current;
    this.lastParent = lastParent;
    this.lastBlock = lastBlock;
    if (out) return out;
    this.done = true;
    this.current = null;
    return current && current.text.length > 0 ? current : null;
  }
}
