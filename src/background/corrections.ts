/**
 * The background's side of a reader's corrections (src/corrections/), registered
 * with the message router on import (entrypoints/background.ts imports this
 * module):
 *
 * - `correct` and `undoCorrection` from the card ("Not this one", "Not here",
 *   and their undo): always for the site of the frame that sent them, as the
 *   browser names it (never a site the message claims);
 * - the "Mark as mention" context menu on a selection: a submenu of entities by
 *   kind; the chosen one is marked where the reader selected it;
 * - the corrections as the page layer needs them: per site for `findMentions`
 *   (src/background/page-layer.ts applies them to every block it answers for),
 *   and a small mirror per corrected site in storage.local (PageCorrections), so
 *   an open tab of that site reads its page again when they change (the mark
 *   goes or comes at once) and a marked text that holds no known name still
 *   reaches the background; a page reads its own site's mirror only.
 *
 * This is the one context that writes corrections from a page, so the store's
 * queue (src/corrections/store-core.ts) sees every change in order.
 */
import { browser, type Browser } from 'wxt/browser';
import { correctionsForSite, type SiteCorrections } from '../corrections/apply';
import { checkUndo, correctionsSummary, mirrorChanges } from '../corrections/for-pages';
import { makeCorrection, siteOf, type Change, type Corrections } from '../corrections/model';
import { changeCorrections, getCorrections, watchCorrections } from '../corrections/store';
import { correctionProblemText } from '../corrections/words';
import { ENTITY_NAMES } from '../dataset/names';
import { displayName } from '../dataset/display';
import { ENTITY_KINDS } from '../dataset/schema';
import { sentenceAround } from '../detect/sentences';
import { t, uiLang } from '../i18n';
import { PAGE_CORRECTIONS_PREFIX, type CorrectReply, type PageCorrections } from '../messages';
import { registerHandler } from './index';

type Sender = Browser.runtime.MessageSender;

// ---- the corrections as the background holds them ----------------------------------

let corrections: Promise<Corrections> | null = null;
const current = (): Promise<Corrections> => (corrections ??= getCorrections());
const bySite = new Map<string, SiteCorrections>();

/**
 * The corrections changed (the card here, or another context: the options page, an import): the next
 * findMentions applies them, and the pages' mirror follows (their open tabs read themselves again).
 */
function changed(c: Corrections): void {
  corrections = Promise.resolve(c);
  bySite.clear();
  mirrorCorrections(c).catch(() => undefined);
}

let watching = false;
function watch(): void {
  if (watching) return;
  watching = true;
  watchCorrections(changed);
}

/** The corrections that apply on this site, prepared for `correctBlock` (kept until the corrections change). */
export async function siteCorrections(site: string): Promise<SiteCorrections> {
  watch();
  const all = await current();
  let sc = bySite.get(site);
  if (!sc) {
    sc = correctionsForSite(all, site);
    if (bySite.size > 64) bySite.clear();
    bySite.set(site, sc);
  }
  return sc;
}

// ---- the pages' mirror: one storage.local key per corrected site --------------------------------

/** Lists the sites mirrored now, so a background that starts again knows which keys it wrote. */
const MIRRORED_SITES_KEY = 'pageCorrectionSites';
let mirrored: Promise<Map<string, PageCorrections>> | null = null;
let mirrorQueue: Promise<unknown> = Promise.resolve();

function isPageCorrections(v: unknown): v is PageCorrections {
  const p = v as PageCorrections | null;
  return typeof v === 'object' && v !== null && typeof p?.rev === 'string' && Array.isArray(p.marks);
}

async function storedMirror(): Promise<Map<string, PageCorrections>> {
  const listed: unknown = (await browser.storage.local.get(MIRRORED_SITES_KEY))[MIRRORED_SITES_KEY];
  const sites = Array.isArray(listed) ? listed.filter((s): s is string => typeof s === 'string') : [];
  const values = sites.length ? await browser.storage.local.get(sites.map((s) => PAGE_CORRECTIONS_PREFIX + s)) : {};
  const out = new Map<string, PageCorrections>();
  for (const site of sites) {
    const v: unknown = values[PAGE_CORRECTIONS_PREFIX + site];
    if (isPageCorrections(v)) out.set(site, v);
  }
  return out;
}

/**
 * Brings the pages' mirror up to date with `c`: writes only the sites whose corrections changed (their
 * open pages read themselves again) and removes the sites that have none left. One at a time.
 */
export function mirrorCorrections(c: Corrections): Promise<void> {
  const run = mirrorQueue.then(async () => {
    const before = await (mirrored ??= storedMirror());
    const after = correctionsSummary(c);
    const { set, remove } = mirrorChanges(before, after);
    if (set.size || remove.length) {
      await browser.storage.local.set({
        ...Object.fromEntries([...set].map(([site, v]) => [PAGE_CORRECTIONS_PREFIX + site, v])),
        [MIRRORED_SITES_KEY]: [...after.keys()],
      });
      if (remove.length) await browser.storage.local.remove(remove.map((site) => PAGE_CORRECTIONS_PREFIX + site));
    }
    mirrored = Promise.resolve(after);
  });
  mirrorQueue = run.catch(() => {
    mirrored = null;
  });
  return run;
}

/** The site of the frame that sent a message: its own URL's (a frame's corrections are its page's). */
export function senderSite(sender: Sender): string {
  return siteOf(sender.url ?? sender.tab?.url ?? '');
}

// ---- changes from the card ------------------------------------------------------------

function problemReply(problem: Parameters<typeof correctionProblemText>[0]): CorrectReply {
  return { ok: false, problem: correctionProblemText(problem, t) };
}

async function change(changes: readonly Change[]): Promise<CorrectReply> {
  const result = await changeCorrections(changes);
  if (!result.ok) return problemReply(result.problem);
  // The store's watcher tells every context; this one is told now, so the next findMentions already
  // applies the change whatever the order of the events (the mirror writes only what differs, once).
  changed(result.corrections);
  return { ok: true, undo: result.undo };
}

registerHandler('correct', async (req, sender): Promise<CorrectReply> => {
  const site = senderSite(sender);
  if (!site) return problemReply({ code: 'invalid', message: 'this page has no site' });
  const made =
    req.kind === 'not-here'
      ? makeCorrection({ kind: 'not-here', site, entity: req.entity })
      : makeCorrection({ kind: 'not-this', site, ...req.mention });
  if (!made.ok) return problemReply(made.problem);
  return change([{ op: 'add', correction: made.correction }]);
});

registerHandler('undoCorrection', async (req, sender): Promise<CorrectReply> => {
  const changes = checkUndo(req.undo, senderSite(sender));
  if (!changes) return problemReply({ code: 'invalid', message: 'not an undo of this site’s corrections' });
  return change(changes);
});

// ---- "Mark as mention" ------------------------------------------------------------------

const MENU_ROOT = 'mark-as-mention';
const MENU_PREFIX = 'mark:';

/** The context menu: "Mark as mention" on a selection, with the entities by kind (names in the interface's language). */
async function createMenus(): Promise<void> {
  const menus = browser.contextMenus;
  if (!menus) return;
  // Created anew at every start (Chrome keeps them across worker restarts, Firefox's event page may not).
  await menus.removeAll();
  const create = (props: Parameters<typeof menus.create>[0]) =>
    new Promise<void>((resolve) => {
      menus.create(props, () => {
        // Read, so the browser does not report an unchecked error (an id already there after a race).
        void browser.runtime.lastError;
        resolve();
      });
    });
  const lang = uiLang();
  await create({ id: MENU_ROOT, title: t('menu_markAsMention'), contexts: ['selection'] });
  for (const kind of ENTITY_KINDS) {
    const names = ENTITY_NAMES.filter((n) => n.kind === kind)
      .map((n) => ({ id: n.id, title: displayName(n, lang) }))
      .sort((a, b) => a.title.localeCompare(b.title, lang));
    if (names.length === 0) continue;
    const parentId = `${MENU_ROOT}:${kind}`;
    await create({ id: parentId, parentId: MENU_ROOT, title: t(`kind_${kind}`), contexts: ['selection'] });
    for (const n of names)
      await create({ id: `${MENU_PREFIX}${n.id}`, parentId, title: n.title, contexts: ['selection'] });
  }
}

/** What the selection is in its frame: the text of its block (cut around it) and its span there. */
export interface SelectionInBlock {
  text: string;
  start: number;
  end: number;
}

/**
 * Runs in the frame (scripting.executeScript, the extension's isolated world): the selection's span
 * in the text of the block that holds it, white space at its ends left out. Self-contained.
 */
function readSelection(): SelectionInBlock | null {
  const sel = getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  let el: Element | null =
    range.commonAncestorContainer.nodeType === 1
      ? (range.commonAncestorContainer as Element)
      : range.commonAncestorContainer.parentElement;
  while (el && el.parentElement && el !== document.body && getComputedStyle(el).display.startsWith('inline'))
    el = el.parentElement;
  if (!el) return null;
  const before = document.createRange();
  before.selectNodeContents(el);
  before.setEnd(range.startContainer, range.startOffset);
  const text = el.textContent ?? '';
  let start = before.toString().length;
  let end = start + range.toString().length;
  while (start < end && /\s/.test(text.charAt(start))) start++;
  while (end > start && /\s/.test(text.charAt(end - 1))) end--;
  if (start >= end || end > text.length) return null;
  // Enough around it for its sentence: 2,000 characters either side.
  const from = Math.max(0, start - 2000);
  return { text: text.slice(from, end + 2000), start: start - from, end: end - from };
}

/**
 * Runs in the frame (scripting.executeScript): says what "Mark as mention of" did, by the selection, for
 * four seconds: a host element with a closed shadow root (README, Security), its words as generated
 * content like the card's, `role="status"` for screen readers, in the top layer. Self-contained.
 */
function showNotice(text: string, problem: boolean): void {
  const TAG = 'partnership-lens-notice';
  document.querySelector(TAG)?.remove();
  const sel = getSelection();
  const at = sel && sel.rangeCount > 0 ? sel.getRangeAt(0).getBoundingClientRect() : null;
  const host = document.createElement(TAG);
  host.setAttribute('data-partnership-lens', 'notice');
  host.setAttribute(
    'style',
    'all: initial !important; position: fixed !important; inset: 0 auto auto 0 !important; z-index: 2147483647 !important; margin: 0 !important; border: 0 !important; padding: 0 !important; background: transparent !important; overflow: visible !important;',
  );
  const root = host.attachShadow({ mode: 'closed' });
  const css = `
    [data-t]::before { content: attr(data-t); }
    .n { position: fixed; max-width: min(28em, 90vw); padding: 0.5em 0.8em; border-radius: 0.5em;
      font: 14px/1.4 system-ui, sans-serif; color: #fff; background: ${problem ? '#a40e26' : '#1f2328'};
      box-shadow: 0 4px 16px rgb(0 0 0 / 0.25); }`;
  try {
    // A constructed sheet: not subject to the page's CSP (as the card's, src/card/view.tsx adoptStyles).
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } catch {
    // Firefox's content-script sandbox cannot hand the page's root a sheet it made: a <style> then.
    const style = document.createElement('style');
    style.textContent = css;
    root.append(style);
  }
  const box = document.createElement('div');
  box.className = 'n';
  box.setAttribute('role', problem ? 'alert' : 'status');
  box.setAttribute('data-t', text);
  const top = at && at.height > 0 ? Math.min(at.bottom + 8, innerHeight - 60) : 16;
  const left = at && at.height > 0 ? Math.max(8, Math.min(at.left, innerWidth - 300)) : 16;
  box.style.top = `${top}px`;
  box.style.left = `${left}px`;
  root.append(box);
  document.documentElement.append(host);
  try {
    host.popover = 'manual';
    host.showPopover();
  } catch {
    /* no popover support, or not allowed here: the z-index still applies */
  }
  setTimeout(() => host.remove(), 4000);
}

/** Is `s` what a frame's readSelection returns? (It comes from a page's frame: checked like any message.) */
function isSelection(s: unknown): s is SelectionInBlock {
  const x = s as SelectionInBlock | null;
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof x.text === 'string' &&
    Number.isInteger(x.start) &&
    Number.isInteger(x.end) &&
    x.start >= 0 &&
    x.start < x.end &&
    x.end <= x.text.length
  );
}

/**
 * Marks the selection in a tab's frame as a mention of `entity` (the context menu's choice). Resolves to
 * what was done: the correction's undo, or why nothing was (no selection, a limit).
 */
export async function markSelection(
  target: { tabId: number; frameId: number; url: string },
  entity: string,
): Promise<CorrectReply> {
  const site = siteOf(target.url);
  if (!site) return problemReply({ code: 'invalid', message: 'this page has no site' });
  const [res] = await browser.scripting.executeScript({
    target: { tabId: target.tabId, frameIds: [target.frameId] },
    func: readSelection,
  });
  const sel: unknown = res?.result;
  if (!isSelection(sel)) return { ok: false, problem: t('corrections_noSelection') };
  const s = sentenceAround(sel.text, sel.start, sel.end);
  const start = Math.min(s.start, sel.start);
  const end = Math.max(s.end, sel.end);
  const made = makeCorrection({
    kind: 'mark',
    site,
    entity,
    sentence: sel.text.slice(start, end),
    start: sel.start - start,
    end: sel.end - start,
  });
  if (!made.ok) return problemReply(made.problem);
  return change([{ op: 'add', correction: made.correction }]);
}

type MenuInfo = Browser.contextMenus.OnClickData;

/** The context menu's click: an entity of the "Mark as mention" submenu. */
export async function onMenuClicked(info: MenuInfo, tab?: Browser.tabs.Tab): Promise<CorrectReply | null> {
  const id = String(info.menuItemId);
  if (!id.startsWith(MENU_PREFIX) || tab?.id === undefined) return null;
  const entity = id.slice(MENU_PREFIX.length);
  if (!ENTITY_NAMES.some((n) => n.id === entity)) return null;
  const url = info.frameUrl ?? info.pageUrl ?? tab.url ?? '';
  const target = { tabId: tab.id, frameIds: [info.frameId ?? 0] };
  // Text in a form field is never read by the page layer, so it cannot hold a mention.
  const reply: CorrectReply = info.editable
    ? { ok: false, problem: t('corrections_inField') }
    : await markSelection({ tabId: tab.id, frameId: info.frameId ?? 0, url }, entity);
  const name = displayName(
    ENTITY_NAMES.find((n) => n.id === entity)!,
    uiLang(),
  );
  const text = reply.ok ? t('notice_marked', name) : reply.problem;
  // The reader sees what happened where they selected (a page that refuses scripts: nothing to show).
  await browser.scripting.executeScript({ target, func: showNotice, args: [text, !reply.ok] }).catch(() => undefined);
  return reply;
}

/**
 * The context menu's click handler under a Symbol on the worker's global: browser tests call it there
 * (a native context menu cannot be clicked in a headless browser). Only code running in this worker
 * can reach it; no page and no message can.
 */
export const MENU_CLICK_KEY: unique symbol = Symbol.for('partnership-lens.menu-clicked');

export function startCorrections(): void {
  watch();
  current()
    .then(mirrorCorrections)
    .catch(() => undefined);
  createMenus().catch((e: unknown) => console.warn('[Partnership Lens] context menu:', e));
  browser.contextMenus?.onClicked.addListener((info, tab) => {
    onMenuClicked(info, tab).catch((e: unknown) => console.warn('[Partnership Lens] mark as mention:', e));
  });
  (globalThis as unknown as Record<symbol, unknown>)[MENU_CLICK_KEY] = onMenuClicked;
}
