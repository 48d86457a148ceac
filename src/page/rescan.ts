/**
 * When the page is read again: mutation observers on the document and each
 * open shadow root record what changed (cheaply: pages can make thousands of
 * records a second), and after a delay that grows with the cost of the last
 * pass and with a page that keeps changing (pacing.ts), the changed blocks are
 * read again as one pass. A page that rewrites itself every few milliseconds
 * makes the observers pause until the next pass, which then reads everything.
 *
 * What counts as changed: added and removed nodes, text edits, and the
 * `hidden`, `aria-hidden` and `contenteditable` attributes (an exclusion that
 * appears on a block with mentions takes them away; one that goes reveals text).
 */
import { UI_HOST_ATTR } from './bridge';
import { hasAttr, isConnected, isElement, parentElementOf, parentOf, rootOf } from './dom';
import { guard, report } from './guard';
import { nextDelay, PAUSE_STREAK } from './pacing';
import { blockOf, isExcluded } from './read-text';

type Root = Document | ShadowRoot;

export interface Timers {
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(id: number): void;
  now(): number;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms) as unknown as number,
  clearTimeout: (id) => clearTimeout(id),
  now: () => performance.now(),
};

export interface RescanDeps {
  doc: Document;
  timers?: Timers;
  /** Reads these subtrees (a pass); resolves with the main-thread time it took (ms). */
  read(roots: Node[]): Promise<number>;
  /** The document's root was replaced (`document.open()`, a new `<html>`): its listeners are gone too. */
  replaced?(): void;
}

export const OBSERVED_ATTRIBUTES = ['hidden', 'aria-hidden', 'contenteditable'];

function observe(o: MutationObserver, root: Root): void {
  o.observe(root, {
    childList: true,
    characterData: true,
    subtree: true,
    attributes: true,
    attributeFilter: OBSERVED_ATTRIBUTES,
  });
}

function onlyOwnUi(nodes: NodeList): boolean {
  for (const n of nodes) if (!(isElement(n) && hasAttr(n, UI_HOST_ATTR))) return false;
  return true;
}

/**
 * The subtree to read again for a changed node: its block, or, when the node
 * lies in a region that is off limits, the block around that region (so that
 * mentions inside a block just made hidden or editable go away).
 */
export function rescanRootFor(target: Node): Node | null {
  const root = rootOf(target);
  const scope = root instanceof Document ? root.documentElement : root;
  if (!scope) return null;
  let outermostExcluded: Element | null = null;
  for (let el: Element | null = isElement(target) ? target : parentElementOf(target); el; el = parentElementOf(el)) {
    if (isExcluded(el)) outermostExcluded = el;
  }
  const from = outermostExcluded ? (parentElementOf(outermostExcluded) ?? scope) : target;
  if (isElement(from) && !parentElementOf(from)) return from;
  return blockOf(from, scope) ?? scope;
}

export class Rescans {
  readonly #deps: RescanDeps;
  readonly #timers: Timers;
  readonly #roots = new Set<Root>();
  readonly #observers = new Map<Root, MutationObserver>();
  readonly #dirty = new Set<Node>();
  #everything = false;
  #paused = false;
  #timer = 0;
  #running = false;
  #lastCost = 0;
  #lastEnd = -Infinity;
  #streak = 0;
  #stopped = false;

  constructor(deps: RescanDeps) {
    this.#deps = deps;
    this.#timers = deps.timers ?? realTimers;
  }

  /** Watches a document or an open shadow root; a shadow root's text is read with the next pass. */
  addRoot(root: Root): void {
    if (this.#roots.has(root) || this.#stopped) return;
    this.#roots.add(root);
    const observer = new MutationObserver(guard((records: MutationRecord[]) => this.#onMutations(records)));
    this.#observers.set(root, observer);
    if (!this.#paused) observe(observer, root);
    if (root instanceof ShadowRoot) {
      this.#dirty.add(root);
      this.#schedule(0);
    }
  }

  /** A pass is running or due (something changed and has not been read yet). */
  get busy(): boolean {
    return this.#running || this.#timer !== 0 || this.#everything || this.#dirty.size > 0;
  }

  /** Open shadow roots met so far (hit-testing needs them). */
  shadowRoots(): ShadowRoot[] {
    return [...this.#roots].filter((r): r is ShadowRoot => r instanceof ShadowRoot);
  }

  /** These nodes changed (recorded elsewhere: the gate's observers before the first stage took over). */
  changed(nodes: Iterable<Node>): void {
    for (const n of nodes) this.#dirty.add(n);
    this.#schedule(0);
  }

  /** The next pass reads every watched root (start, settings changed, the document replaced). */
  readEverything(delay = 0): void {
    this.#everything = true;
    this.#schedule(delay);
  }

  stop(): void {
    this.#stopped = true;
    this.#timers.clearTimeout(this.#timer);
    for (const o of this.#observers.values()) o.disconnect();
  }

  /** Cheap on purpose: only records targets. The work happens in the pass. */
  #onMutations(records: MutationRecord[]): void {
    let relevant = false;
    const doc = this.#deps.doc;
    const top = doc.body;
    for (const r of records) {
      if (r.type === 'childList') {
        const t = r.target;
        // Under <body> itself (where the card's host lives) look at what changed, so that our own
        // UI coming and going does not make a page-wide pass; elsewhere the parent is enough.
        if (t === top || t === doc.documentElement) {
          if (onlyOwnUi(r.addedNodes) && onlyOwnUi(r.removedNodes)) continue;
          for (const n of r.addedNodes) this.#dirty.add(isElement(n) ? n : t);
          if (r.removedNodes.length) this.#dirty.add(t);
        } else if (t === doc) {
          // document.open() or a new <html>: everything is new.
          this.#everything = true;
          this.#deps.replaced?.();
        } else {
          this.#dirty.add(t);
        }
      } else {
        if (isElement(r.target) && hasAttr(r.target, UI_HOST_ATTR)) continue;
        this.#dirty.add(r.target);
      }
      relevant = true;
    }
    if (!relevant) return;
    const now = this.#timers.now();
    // Mutations arriving soon after a pass mean a page that keeps changing: back off.
    this.#streak = now - this.#lastEnd < 1000 ? this.#streak + 1 : 0;
    if (this.#streak >= PAUSE_STREAK) this.#pause();
    this.#schedule(nextDelay(this.#lastCost, this.#streak));
  }

  /**
   * A churning page (text rewritten every few ms) would pay for a mutation record on every change:
   * observing stops until the next pass, which then reads everything (what changed meanwhile is unknown).
   */
  #pause(): void {
    if (this.#paused) return;
    this.#paused = true;
    for (const o of this.#observers.values()) o.disconnect();
  }

  #resume(): void {
    if (!this.#paused) return;
    this.#paused = false;
    this.#everything = true;
    for (const [root, o] of this.#observers) observe(o, root);
  }

  #schedule(delay: number): void {
    if (this.#stopped || this.#running || this.#timer) return;
    this.#timer = this.#timers.setTimeout(
      guard(() => {
        this.#timer = 0;
        this.#run().catch(report);
      }),
      delay,
    );
  }

  async #run(): Promise<void> {
    if (this.#running || this.#stopped) return;
    this.#running = true;
    try {
      this.#resume();
      const roots = this.#takeRoots();
      this.#lastCost = roots.length ? await this.#deps.read(roots) : 0;
    } finally {
      this.#running = false;
      this.#lastEnd = this.#timers.now();
    }
    if (this.#dirty.size || this.#everything) this.#schedule(nextDelay(this.#lastCost, this.#streak));
  }

  /** Recorded targets → the smallest set of subtrees to read again. */
  #takeRoots(): Node[] {
    if (this.#everything) {
      this.#everything = false;
      this.#dirty.clear();
      return [...this.#roots]
        .map((r) => (r instanceof Document ? r.documentElement : r))
        .filter((n): n is HTMLElement | ShadowRoot => !!n);
    }
    const picked = new Set<Node>();
    for (const target of this.#dirty) {
      if (!isConnected(target)) continue;
      if (target instanceof ShadowRoot) {
        picked.add(target);
        continue;
      }
      const root = rescanRootFor(target);
      if (root) picked.add(root);
    }
    this.#dirty.clear();
    // Drop subtrees already covered by an ancestor in the set (a shadow root's host does not cover it).
    return [...picked].filter((n) => {
      for (let p = parentOf(n); p; p = parentOf(p)) if (picked.has(p)) return false;
      return true;
    });
  }
}
