/**
 * DOM reads that a page cannot redirect. A `<form>` is the one element whose
 * own properties the page can shadow: `<form><input name="localName">` makes
 * `form.localName` that input (in our world too: the named properties of a
 * form override even its built-in ones). So whatever the page layer asks of an
 * element that may be a form, it asks through the prototype's own getters and
 * methods, taken here once. Text nodes, ranges and the walker are ours or
 * cannot be shadowed.
 */

type Getter<T> = (this: unknown) => T;

function getter<T>(proto: object, name: string): Getter<T> {
  // oxlint-disable-next-line typescript/unbound-method -- kept to be called with .call() on a node
  const g = Object.getOwnPropertyDescriptor(proto, name)?.get;
  if (!g) throw new Error(`no ${name} getter`);
  return g as Getter<T>;
}

const LOCAL_NAME = getter<string>(Element.prototype, 'localName');
const PARENT_NODE = getter<ParentNode | null>(Node.prototype, 'parentNode');
const PARENT_ELEMENT = getter<Element | null>(Node.prototype, 'parentElement');
const IS_CONNECTED = getter<boolean>(Node.prototype, 'isConnected');
const NODE_TYPE = getter<number>(Node.prototype, 'nodeType');
const OWNER_DOCUMENT = getter<Document | null>(Node.prototype, 'ownerDocument');
/* eslint-disable @typescript-eslint/unbound-method -- called with an explicit receiver below */
const { contains, compareDocumentPosition, getRootNode } = Node.prototype;
const {
  hasAttribute,
  setAttribute,
  removeAttribute,
  getBoundingClientRect,
  getClientRects,
  closest,
  querySelectorAll,
} = Element.prototype;
const checkVisibility = (Element.prototype as { checkVisibility?: (o?: object) => boolean }).checkVisibility;
const isContentEditable = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'isContentEditable')?.get as
  Getter<boolean> | undefined;

/** The element's local name (lower case for HTML elements, in HTML and XHTML documents alike). */
export function nameOf(el: Element): string {
  const n = el.localName;
  return typeof n === 'string' ? n : LOCAL_NAME.call(el);
}

export function parentOf(n: Node): ParentNode | null {
  return PARENT_NODE.call(n);
}

export function parentElementOf(n: Node): Element | null {
  return PARENT_ELEMENT.call(n);
}

export function isConnected(n: Node): boolean {
  return IS_CONNECTED.call(n);
}

/** The document a node belongs to (a document is its own). */
export function documentOf(n: Node): Document {
  return OWNER_DOCUMENT.call(n) ?? (n as Document);
}

/** `root.querySelectorAll(selector)` for a document, a shadow root or an element (which may be a form). */
export function selectAll(root: Node, selector: string): ArrayLike<Element> {
  if (NODE_TYPE.call(root) === 1) return querySelectorAll.call(root, selector);
  return 'querySelectorAll' in root ? (root as ParentNode).querySelectorAll(selector) : [];
}

export function isElement(n: Node): n is Element {
  return NODE_TYPE.call(n) === 1;
}

export function isText(n: Node): n is Text {
  return NODE_TYPE.call(n) === 3;
}

export function containsNode(ancestor: Node, n: Node): boolean {
  return contains.call(ancestor, n);
}

/** -1 when `a` comes before `b` in its tree, 1 otherwise. */
export function documentOrder(a: Node, b: Node): number {
  return compareDocumentPosition.call(a, b) & 4 /* FOLLOWING */ ? -1 : 1;
}

export function rootOf(n: Node): Node {
  return getRootNode.call(n);
}

export function setAttr(el: Element, name: string, value = ''): void {
  setAttribute.call(el, name, value);
}

export function removeAttr(el: Element, name: string): void {
  removeAttribute.call(el, name);
}

export function hasAttr(el: Element, name: string): boolean {
  return hasAttribute.call(el, name);
}

export function rectOf(el: Element): DOMRect {
  return getBoundingClientRect.call(el);
}

export function rectsOf(el: Element): DOMRectList {
  return getClientRects.call(el);
}

export function closestOf(el: Element, selector: string): Element | null {
  return closest.call(el, selector);
}

/** Is the element rendered and visible? (Style is read: ask only for elements that hold a name.) */
export function isRendered(el: Element): boolean {
  if (checkVisibility) return checkVisibility.call(el, { visibilityProperty: true, contentVisibilityAuto: false });
  const view = documentOf(el).defaultView;
  if (!view) return true;
  return view.getComputedStyle(el).display !== 'none';
}

/**
 * Can the reader edit this element's text: `contenteditable`, `designMode`, or
 * CSS (`-webkit-user-modify: read-write`, which editors that draw their lines
 * in plain `div`s use)? Chromium's `isContentEditable` answers all three.
 */
export function isEditable(el: Element): boolean {
  if (isContentEditable && el instanceof HTMLElement && isContentEditable.call(el)) return true;
  const view = documentOf(el).defaultView;
  if (!view) return false;
  const style = view.getComputedStyle(el) as CSSStyleDeclaration & { webkitUserModify?: string };
  const modify = style.getPropertyValue('-webkit-user-modify') || style.webkitUserModify || '';
  return modify.startsWith('read-write');
}
