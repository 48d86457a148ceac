/**
 * How a mention is painted: ranges over the page's own text registered in the
 * CSS Custom Highlight API (`CSS.highlights`), so the page's DOM is never split
 * or wrapped and no mark can change layout. One Highlight per entity kind; per
 * kind one more for the mentions inside a link (the link's own underline would
 * hide a dotted one, so those get a tint too); one for the mention whose card is
 * open and one for the brief flash after "scroll to mention": each under an
 * opaque name this frame made up (see src/highlights/css.ts). Their priorities
 * put them in that order, kinds at the bottom (tests find the kinds' by it).
 *
 * The rules that style them are not in the page's DOM: the background inserts
 * them into the frame (`scripting.insertCSS`) when the first mention is
 * painted, and replaces them when the reader's style changes. They apply only
 * to elements that carry the frame's `scope` attribute (an opaque name, no
 * value), which the painter puts on the elements whose text a painted mention
 * covers: rules for every element would make the browser recompute the style
 * of the whole page (css.ts says how much), these only that of those elements. An open shadow
 * root is the exception the platform forces (`::highlight()` rules do not cross
 * shadow boundaries, and insertCSS cannot reach into one): a root that holds a
 * painted mention adopts a constructed sheet of the same rules.
 *
 * The page can read and change the registry: it sees the ranges (which text is
 * marked), and a page that clears the registry or deletes our entries gets them
 * back at the next repaint, pointer move or scroll (`restore`).
 */
import type { EntityKind } from '../dataset/schema';
import { HIGHLIGHT_SLOTS, highlightCss, type HighlightNames, type HighlightSlot } from '../highlights/css';
import type { Settings } from '../settings/schema';
import { closestOf, documentOf, hasAttr, parentElementOf, removeAttr, rootOf, setAttr } from './dom';
import { highlightApi, type HighlightApi } from './native';

/** Which highlight paints above which (a mention can be in a kind's, its link's and the active one at once). */
const PRIORITY: Record<'kind' | 'link' | 'active' | 'flash', number> = { kind: 0, link: 1, active: 2, flash: 3 };

function priorityOf(slot: HighlightSlot): number {
  if (slot === 'active' || slot === 'flash') return PRIORITY[slot];
  return slot.endsWith('-link') ? PRIORITY.link : PRIORITY.kind;
}

/** Is the range's text inside a link? */
function inLink(range: Range): boolean {
  const start = range.startContainer;
  const el = start.nodeType === 1 ? (start as Element) : start.parentElement;
  return !!el && !!closestOf(el, 'a[href], area[href]');
}

export interface Paintable {
  kind: EntityKind;
  range: Range;
}

export interface PainterDeps {
  names: HighlightNames;
  /** Puts the frame's highlight rules in place for `style` (replacing those for `previous`), or removes them (null). */
  requestStyle(style: Settings['style'] | null, previous: Settings['style'] | null): void;
  setTimeout?(fn: () => void, ms: number): number;
}

export class Painter {
  readonly #api: HighlightApi | null = highlightApi();
  readonly #deps: PainterDeps;
  readonly #highlights = new Map<HighlightSlot, Highlight>();
  #installed = false;
  #style: Settings['style'] | null = null;
  /** The style whose rules the background was asked to put in (null: none yet). */
  #inserted: Settings['style'] | null = null;
  readonly #shadowSheets = new Map<ShadowRoot, CSSStyleSheet>();
  /** Elements given the scope attribute (taken off again by `destroy`). */
  readonly #scoped = new Set<Element>();
  #flashTimer = 0;
  #destroyed = false;

  constructor(deps: PainterDeps) {
    this.#deps = deps;
  }

  /** The frame's highlight names (what the registry holds, what the rules style). */
  get names(): HighlightNames {
    return this.#deps.names;
  }

  /** Registers the highlights and asks for their rules: on first use only (a page without mentions gets neither). */
  #install(): void {
    if (this.#installed || this.#destroyed) return;
    this.#installed = true;
    if (this.#api) {
      for (const slot of HIGHLIGHT_SLOTS) {
        const h = new this.#api.Highlight();
        h.priority = priorityOf(slot);
        this.#highlights.set(slot, h);
      }
      this.restore();
    }
    this.#insertStyle();
  }

  /** Puts our highlights back where the page removed them (`CSS.highlights.clear()`, `delete`, `document.open()`). */
  restore(): void {
    if (!this.#api || !this.#installed || this.#destroyed) return;
    const registry = this.#api.registry;
    for (const [slot, h] of this.#highlights) {
      const name = this.#deps.names[slot];
      if (registry.get(name) !== h) registry.set(name, h);
    }
  }

  /** The reader's style: its rules go in (or are replaced) everywhere they are installed. */
  setStyle(style: Settings['style']): void {
    this.#style = style;
    if (!this.#installed) return;
    this.#insertStyle();
    for (const sheet of this.#shadowSheets.values()) sheet.replaceSync(highlightCss(style, this.#deps.names));
  }

  #insertStyle(): void {
    const style = this.#style;
    if (!style || style === this.#inserted || this.#destroyed) return;
    const previous = this.#inserted;
    this.#inserted = style;
    this.#deps.requestStyle(style, previous);
  }

  /** A painted mention inside an open shadow root: that root adopts the rules (they do not cross into it). */
  #shadowSheetFor(range: Range): void {
    const root = rootOf(range.startContainer);
    if (!(root instanceof ShadowRoot) || this.#shadowSheets.has(root) || !this.#style) return;
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(highlightCss(this.#style, this.#deps.names));
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      this.#shadowSheets.set(root, sheet);
    } catch {
      // A root this world cannot adopt into: its mentions stay registered, unstyled.
    }
  }

  /** Replaces every kind's ranges with `mentions`' ranges. */
  paint(mentions: readonly Paintable[]): void {
    if (!this.#installed && mentions.length === 0) return;
    this.#install();
    for (const slot of HIGHLIGHT_SLOTS) if (slot !== 'active' && slot !== 'flash') this.#highlights.get(slot)?.clear();

    for (const m of mentions) this.#add(m);
  }

  /** Adds and removes ranges without touching the rest: a Highlight is a set. */
  update(added: readonly Paintable[], removed: readonly Paintable[]): void {
    if (!this.#installed && added.length === 0) return;
    this.#install();
    for (const m of removed) {
      this.#highlights.get(m.kind)?.delete(m.range);
      this.#highlights.get(`${m.kind}-link`)?.delete(m.range);
    }
    for (const m of added) this.#add(m);
  }

  #add(m: Paintable): void {
    this.#highlights.get(m.kind)?.add(m.range);
    if (inLink(m.range)) this.#highlights.get(`${m.kind}-link`)?.add(m.range);
    this.#scope(m.range);
    this.#shadowSheetFor(m.range);
  }

  /**
   * Puts the scope attribute on the elements whose text the range covers (its start's and end's
   * parents, and any between: a mention across `<b>` or `<a>`), again where the page took it off.
   */
  #scope(range: Range): void {
    const name = this.#deps.names.scope;
    const mark = (node: Node): void => {
      const el = parentElementOf(node);
      if (!el || hasAttr(el, name)) return;
      setAttr(el, name);
      this.#scoped.add(el);
    };
    const start = range.startContainer;
    const end = range.endContainer;
    mark(start);
    if (end === start) return;
    mark(end);
    const walker = documentOf(start).createTreeWalker(range.commonAncestorContainer, NodeFilter.SHOW_TEXT);
    walker.currentNode = start;
    for (let n = walker.nextNode(); n && n !== end; n = walker.nextNode()) mark(n);
  }

  setActive(range: Range | null): void {
    if (range) this.#install();
    const h = this.#highlights.get('active');
    // Unchanged: leave the registry alone (any change to a highlight makes the browser repaint them all).
    if (!h || (range ? h.size === 1 && h.has(range) : h.size === 0)) return;
    h.clear();
    if (range) {
      h.add(range);
      this.#scope(range);
    }
  }

  /** A brief extra highlight on one range (after scrolling to it). */
  flashRange(range: Range, ms = 1200): void {
    this.#install();
    const h = this.#highlights.get('flash');
    if (!h) return;
    h.clear();
    h.add(range);
    this.#scope(range);
    clearTimeout(this.#flashTimer);
    const clear = () => h.clear();
    this.#flashTimer = this.#deps.setTimeout ? this.#deps.setTimeout(clear, ms) : Number(setTimeout(clear, ms));
  }

  /** Removes every trace: highlights, the frame's rules, adopted sheets. */
  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    clearTimeout(this.#flashTimer);
    if (this.#api && this.#installed) {
      const registry = this.#api.registry;
      for (const [slot, h] of this.#highlights) {
        const name = this.#deps.names[slot];
        if (registry.get(name) === h) registry.delete(name);
      }
    }
    if (this.#inserted) this.#deps.requestStyle(null, this.#inserted);
    for (const el of this.#scoped) removeAttr(el, this.#deps.names.scope);
    this.#scoped.clear();
    for (const [root, sheet] of this.#shadowSheets) {
      root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet);
    }
    this.#shadowSheets.clear();
  }
}
