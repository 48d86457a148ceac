/**
 * Painting with the CSS Custom Highlight API: ranges are registered in
 * `CSS.highlights` and styled by `::highlight()` rules, so the page's DOM is
 * never split or wrapped and no highlight can change layout. One Highlight
 * per entity kind, plus one for the mention whose card is open and one for
 * the brief flash after "scroll to mention".
 */
import { ENTITY_KINDS, type EntityKind } from '../dataset/schema';
import { DEFAULT_SETTINGS, type Settings } from '../settings/schema';
import { UI_HOST_ATTR } from './bridge';
import { ACTIVE_HIGHLIGHT, FLASH_HIGHLIGHT, highlightCss, highlightName } from './style';

/**
 * The default rules, as src/page/highlights.css carries them: the manifest injects that file at
 * document_start, before the page's first layout, because a stylesheet added to a laid-out page
 * makes the browser recompute every element's style (95 ms on a 5 MB page). Computed on first use.
 */
let defaultCss: string | null = null;
function manifestCss(): string {
  return (defaultCss ??= highlightCss(DEFAULT_SETTINGS.style));
}

export interface Paintable {
  kind: EntityKind;
  range: Range;
}

/** False where the browser lacks the API (older Firefox): detection still works, nothing is drawn. */
export function highlightsSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

/**
 * Nothing is installed until the first mention is painted: a page without
 * mentions gets no highlight registered and no stylesheet. The stylesheet
 * then goes in from an animation frame (or a timer, where frames do not run,
 * as in a hidden tab): a new sheet makes the engine recompute the page's
 * style, and there that happens in the frame's own rendering step instead of
 * being forced in the middle of our work (a visibility check right after
 * inserting it would recompute it synchronously).
 */
export class Painter {
  readonly #kinds = new Map<EntityKind, Highlight>();
  /** Per kind, the mentions inside a link (drawn with a tint as well: see style.ts). */
  readonly #links = new Map<EntityKind, Highlight>();
  #active: Highlight | null = null;
  #flash: Highlight | null = null;
  #installed = false;
  #style: Settings['style'] | null = null;
  #css = '';
  #styleEl: HTMLStyleElement | null = null;
  readonly #shadowRoots = new Set<ShadowRoot>();
  readonly #shadowSheets = new Map<ShadowRoot, CSSStyleSheet | HTMLStyleElement>();
  #flashTimer = 0;
  #styleQueued = false;
  #destroyed = false;

  readonly #doc: Document;

  constructor(doc: Document) {
    this.#doc = doc;
  }

  /** Registers the highlights and schedules the stylesheets: on first use only. */
  #install(): void {
    if (this.#installed || this.#destroyed) return;
    this.#installed = true;
    if (highlightsSupported()) {
      for (const kind of ENTITY_KINDS) {
        const h = new Highlight();
        this.#kinds.set(kind, h);
        CSS.highlights.set(highlightName(kind), h);
        const link = new Highlight();
        this.#links.set(kind, link);
        CSS.highlights.set(highlightName(`${kind}-link`), link);
      }
      this.#active = new Highlight();
      this.#active.priority = 1;
      CSS.highlights.set(ACTIVE_HIGHLIGHT, this.#active);
      this.#flash = new Highlight();
      this.#flash.priority = 2;
      CSS.highlights.set(FLASH_HIGHLIGHT, this.#flash);
    }
    this.#queueStyle();
  }

  /** (Re)writes the `::highlight()` rules for new style settings everywhere they are installed. */
  setStyle(style: Settings['style']): void {
    this.#style = style;
    if (!this.#installed) return;
    this.#css = highlightCss(style);
    for (const [root, sheet] of this.#shadowSheets) this.#writeSheet(root, sheet);
    this.#queueStyle();
  }

  /** Writes the stylesheets from the next animation frame, or a timer where no frame comes. */
  #queueStyle(): void {
    if (this.#styleQueued || this.#destroyed) return;
    this.#styleQueued = true;
    const view = this.#doc.defaultView;
    let timer = 0;
    const run = () => {
      if (!this.#styleQueued) return;
      this.#styleQueued = false;
      clearTimeout(timer);
      if (!this.#destroyed) this.#writeStyles();
    };
    if (view && typeof view.requestAnimationFrame === 'function') view.requestAnimationFrame(run);
    timer = setTimeout(run, 200) as unknown as number;
  }

  #writeStyles(): void {
    if (this.#style && !this.#css) this.#css = highlightCss(this.#style);
    this.#ensureDocumentStyle();
    for (const root of this.#shadowRoots) this.#installShadowSheet(root);
  }

  /** Does the page document need our <style>? Not for the default rules, which come with the manifest. */
  #ownDocumentStyle(): boolean {
    return !!this.#css && this.#css !== manifestCss();
  }

  /**
   * The page document gets a <style> (marked as extension UI) when the reader chose their own
   * style; pages that rebuild <head> can drop it, so every paint checks it is still there.
   */
  #ensureDocumentStyle(): void {
    if (!this.#ownDocumentStyle()) {
      this.#styleEl?.remove();
      return;
    }
    if (!this.#styleEl) {
      this.#styleEl = this.#doc.createElement('style');
      this.#styleEl.setAttribute(UI_HOST_ATTR, 'highlight-style');
    }
    if (this.#styleEl.textContent !== this.#css) this.#styleEl.textContent = this.#css;
    if (!this.#styleEl.isConnected) (this.#doc.head ?? this.#doc.documentElement).append(this.#styleEl);
  }

  /** `::highlight()` rules do not cross shadow boundaries: each open shadow root adopts its own sheet. */
  addShadowRoot(root: ShadowRoot): void {
    if (this.#shadowRoots.has(root)) return;
    this.#shadowRoots.add(root);
    if (this.#installed && !this.#styleQueued) this.#installShadowSheet(root);
  }

  #installShadowSheet(root: ShadowRoot): void {
    if (this.#shadowSheets.has(root) || !this.#css) return;
    let sheet: CSSStyleSheet | HTMLStyleElement;
    try {
      sheet = new CSSStyleSheet();
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    } catch {
      // Where constructed sheets cannot be adopted from this world, fall back to a <style> in the root.
      sheet = this.#doc.createElement('style');
      sheet.setAttribute(UI_HOST_ATTR, 'highlight-style');
      root.append(sheet);
    }
    this.#shadowSheets.set(root, sheet);
    this.#writeSheet(root, sheet);
  }

  #writeSheet(_root: ShadowRoot, sheet: CSSStyleSheet | HTMLStyleElement): void {
    if (sheet instanceof CSSStyleSheet) sheet.replaceSync(this.#css);
    else sheet.textContent = this.#css;
  }

  /** Replaces every kind's ranges with `mentions`' ranges. */
  paint(mentions: readonly Paintable[]): void {
    if (!this.#installed && mentions.length === 0) return;
    this.#install();
    if (!this.#styleQueued && this.#ownDocumentStyle() && !this.#styleEl?.isConnected) this.#queueStyle();
    for (const h of this.#kinds.values()) h.clear();
    for (const h of this.#links.values()) h.clear();
    for (const m of mentions) this.#add(m);
  }

  /** A mention inside a link is in its kind's link highlight too (readers: visible on a link's underline). */
  #add(m: Paintable): void {
    this.#kinds.get(m.kind)?.add(m.range);
    if (inLink(m.range)) this.#links.get(m.kind)?.add(m.range);
  }

  /** Adds and removes ranges without touching the rest: a Highlight is a set. */
  update(added: readonly Paintable[], removed: readonly Paintable[]): void {
    if (!this.#installed && added.length === 0) return;
    this.#install();
    if (!this.#styleQueued && this.#ownDocumentStyle() && !this.#styleEl?.isConnected) this.#queueStyle();
    for (const m of removed) {
      this.#kinds.get(m.kind)?.delete(m.range);
      this.#links.get(m.kind)?.delete(m.range);
    }
    for (const m of added) this.#add(m);
  }

  setActive(range: Range | null): void {
    if (range) this.#install();
    const h = this.#active;
    // Unchanged: leave the registry alone (any change to a highlight makes the browser repaint the page's highlights).
    if (!h || (range ? h.size === 1 && h.has(range) : h.size === 0)) return;
    h.clear();
    if (range) h.add(range);
  }

  /** A brief extra highlight on one range (after scrolling to it). */
  flashRange(range: Range, ms = 1200): void {
    this.#install();
    if (!this.#flash) return;
    this.#flash.clear();
    this.#flash.add(range);
    clearTimeout(this.#flashTimer);
    this.#flashTimer = setTimeout(() => this.#flash?.clear(), ms) as unknown as number;
  }

  /** Removes every trace: highlights, styles, adopted sheets. */
  destroy(): void {
    this.#destroyed = true;
    this.#styleQueued = false;
    clearTimeout(this.#flashTimer);
    if (this.#installed && highlightsSupported()) {
      for (const kind of ENTITY_KINDS) {
        CSS.highlights.delete(highlightName(kind));
        CSS.highlights.delete(highlightName(`${kind}-link`));
      }
      CSS.highlights.delete(ACTIVE_HIGHLIGHT);
      CSS.highlights.delete(FLASH_HIGHLIGHT);
    }
    this.#styleEl?.remove();
    for (const [root, sheet] of this.#shadowSheets) {
      if (sheet instanceof CSSStyleSheet) root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet);
      else sheet.remove();
    }
    this.#shadowSheets.clear();
  }
}

/** Is the range's text inside a link? */
function inLink(range: Range): boolean {
  const start = range.startContainer;
  const el = start.nodeType === Node.ELEMENT_NODE ? (start as Element) : start.parentElement;
  return !!el?.closest('a[href], area[href]');
}
