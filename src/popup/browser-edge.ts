/**
 * Everything the popup asks of the browser, in one thin layer: which tab it
 * describes, talking to that tab's content script (its answers parsed with
 * their schemas from src/messages.ts), the stored filters and the timeline
 * focus a card leaves (src/timeline/focus.ts). Downloads are
 * src/export/download.ts, shared with the options page.
 */
import { browser } from 'wxt/browser';
import { storage } from '#imports';
import * as v from 'valibot';
import {
  GetMentionsResponseSchema,
  MentionCountRequestSchema,
  type BackgroundRequest,
  type ContentRequest,
} from '../messages';
import { EMPTY_FILTERS, parseStoredFilters, type TimelineFilters } from '../timeline/filter';
import { focusFromStorage, timelineFocusItem } from '../timeline/focus';
import { pageStateFrom, restrictedReason, type FrameReply, type PageState } from './page';
import { FIRST_STAGE_SYMBOL } from '../page/bridge';

export type { PageState } from './page';

/** Timeline filters survive closing the popup. */
export const filtersItem = storage.defineItem<TimelineFilters>('local:popupFilters', { fallback: EMPTY_FILTERS });

export async function loadFilters(): Promise<TimelineFilters> {
  try {
    return parseStoredFilters(await filtersItem.getValue());
  } catch {
    return { ...EMPTY_FILTERS };
  }
}

export function saveFilters(f: TimelineFilters): void {
  filtersItem.setValue(f).catch((e) => console.warn('Partnership Lens: could not save the timeline filters', e));
}

/** The entity a card asked to focus on, if any, cleared so that the next opening is ordinary. */
export async function takeTimelineFocus(): Promise<string | null> {
  try {
    const item = timelineFocusItem();
    const value: unknown = await item.getValue();
    if (value === null || value === undefined) return null;
    await item.removeValue();
    return focusFromStorage(value, Date.now());
  } catch {
    // Storage unavailable (the extension context is going away): the URL parameter still works.
    return null;
  }
}

/**
 * The tab the popup describes: `?tab=ID` when the popup page was opened in a
 * tab of its own (tests, or a card asking for the timeline where no popup can
 * open), else the active tab of the popup's window.
 */
export async function targetTabId(search: string): Promise<number | null> {
  const param = new URLSearchParams(search).get('tab');
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  const self = await browser.tabs.getCurrent().catch(() => undefined);
  if (self) {
    // In a tab of its own (a card asked for the timeline where no popup could open): describe
    // the tab the reader came from, the most recently used other tab of this window.
    const others = (await browser.tabs.query({ currentWindow: true })).filter((t) => t.id !== self.id);
    others.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
    return others[0]?.id ?? null;
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

/** True when the popup page is open in a tab rather than the toolbar popup. */
export async function openedInTab(): Promise<boolean> {
  try {
    return (await browser.tabs.getCurrent()) !== undefined;
  } catch {
    return false;
  }
}

/** How long the content script gets to answer: past this the popup says so rather than spinning. */
export const MENTIONS_TIMEOUT_MS = 2000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timeout')), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e) => (clearTimeout(t), reject(e)),
    );
  });
}

export async function sendToTab(
  tabId: number,
  msg: ContentRequest,
  timeoutMs = MENTIONS_TIMEOUT_MS,
  frameId = 0,
): Promise<unknown> {
  return withTimeout(browser.tabs.sendMessage(tabId, msg, { frameId }), timeoutMs);
}

/**
 * A frame whose text had no candidate listens to no message (every page would pay for the listener:
 * src/page/first-stage.ts `start`): its first stage's state is read by a function run in its isolated
 * world instead. Null where our script is not running (not injected yet, a restricted page).
 */
async function readFirstStage(tabId: number, frameId: number): Promise<unknown> {
  try {
    const [result] = await browser.scripting.executeScript({
      target: { tabId, frameIds: [frameId] },
      // Now, not once the document is idle: a tab still loading answers null (the popup says so).
      injectImmediately: true,
      args: [FIRST_STAGE_SYMBOL],
      func: (symbol: string) => {
        const stage = (globalThis as Record<symbol, unknown>)[Symbol.for(symbol)] as
          { state?: () => unknown } | undefined;
        return typeof stage?.state === 'function' ? (stage.state() ?? null) : null;
      },
    });
    return result?.result ?? null;
  } catch {
    return null;
  }
}

/** A frame's getMentions answer: by message, or from its first stage when it listens to none. */
async function askFrame(tabId: number, frameId: number): Promise<unknown> {
  try {
    return await sendToTab(tabId, { type: 'getMentions' }, MENTIONS_TIMEOUT_MS, frameId);
  } catch {
    return await readFirstStage(tabId, frameId);
  }
}

/**
 * The tab's frames other than the top one, where a script can run: found by running a no-op in
 * every frame (scripting, which the extension has for the card bundle; no webNavigation permission).
 */
async function childFrameIds(tabId: number): Promise<number[]> {
  try {
    const results = await browser.scripting.executeScript({
      target: { tabId, allFrames: true },
      func: () => true,
    });
    return [...new Set(results.map((r) => r.frameId))].filter((id) => id !== 0);
  } catch {
    return [];
  }
}

/** Every frame's mentions but the top page's: frames without a content script, or without mentions, are left out. */
async function readChildFrames(tabId: number): Promise<FrameReply[]> {
  const ids = await childFrameIds(tabId);
  const replies = await Promise.all(
    ids.map(async (frameId) => {
      try {
        const parsed = v.safeParse(
          GetMentionsResponseSchema,
          await sendToTab(tabId, { type: 'getMentions' }, MENTIONS_TIMEOUT_MS, frameId),
        );
        return parsed.success && parsed.output.mentions.length > 0 ? { frameId, reply: parsed.output } : null;
      } catch {
        return null;
      }
    }),
  );
  return replies.filter((r): r is FrameReply => r !== null);
}

/**
 * Asks the page for its mentions, in every frame the content script runs in (the badge counts them
 * all), and says plainly why not when it cannot.
 */
export async function readPage(tabId: number): Promise<PageState> {
  const tab = await browser.tabs.get(tabId).catch(() => null);
  if (!tab) return { kind: 'no-tab' };
  // `url` is only visible where the extension has host access; elsewhere the content script cannot run either.
  const url = tab.url || tab.pendingUrl || undefined;
  if (url && restrictedReason(url)) return pageStateFrom(url, null, tab.status);
  let reply = null;
  const frames = readChildFrames(tabId);
  try {
    const parsed = v.safeParse(GetMentionsResponseSchema, await askFrame(tabId, 0));
    if (parsed.success) reply = parsed.output;
  } catch {
    /* no listener, or no answer in time: pageStateFrom tells them apart */
  }
  if (reply) return pageStateFrom(url, reply, tab.status, await frames);
  const now = await browser.tabs.get(tabId).catch(() => null);
  return pageStateFrom(url, null, now ? (now.status ?? 'complete') : null);
}

/**
 * The tab's title, and which of `sentences` (the site's corrections', for the labelled-sentences
 * export) its frames show, spacing aside: read once, on export, by a function run in each frame's
 * isolated world. The page's DOM is the page's: the getters are the prototypes' own, so that an
 * element named "title" or "documentElement" cannot stand in for them.
 */
export async function readForLabels(
  tabId: number,
  sentences: readonly string[],
): Promise<{ title: string; onPage: boolean[] }> {
  const results = await browser.scripting.executeScript({
    target: { tabId, allFrames: sentences.length > 0 },
    args: [[...sentences]],
    func: (wanted: string[]) => {
      // Reflect.get with the prototype's own getter: an element named "title" or "documentElement" is no stand-in.
      const squeeze = (s: string) => s.replace(/\s+/g, ' ').trim();
      const title: unknown = Reflect.get(Document.prototype, 'title', document);
      const root: unknown = Reflect.get(Document.prototype, 'documentElement', document);
      const all: unknown = root instanceof Node ? Reflect.get(Node.prototype, 'textContent', root) : '';
      const text = squeeze(typeof all === 'string' ? all : '');
      return { title: typeof title === 'string' ? title : '', onPage: wanted.map((w) => text.includes(squeeze(w))) };
    },
  });
  const top = results.find((r) => r.frameId === 0)?.result;
  const onPage = sentences.map((_, i) => results.some((r) => r.result?.onPage[i] === true));
  return { title: top?.title ?? '', onPage };
}

/** Calls `cb` when the tab finishes loading (to ask again), until the returned function is called. */
export function onTabComplete(tabId: number, cb: () => void): () => void {
  const listener = (id: number, info: { status?: string }) => {
    if (id === tabId && info.status === 'complete') cb();
  };
  browser.tabs.onUpdated.addListener(listener);
  return () => browser.tabs.onUpdated.removeListener(listener);
}

/**
 * Calls `cb` when the tab's top frame reports a new mention count (the content
 * script sends `mentionCount` to the extension when its number of painted
 * mentions changes, a moment after the repaint; the popup overhears it). The
 * listener returns nothing, so the background's own answer is undisturbed.
 */
export function onMentionCountChange(tabId: number, cb: () => void): () => void {
  const listener = (msg: unknown, sender: { tab?: { id?: number }; frameId?: number }) => {
    // Any frame of the tab: the list holds every frame's mentions.
    if (v.is(MentionCountRequestSchema, msg) && sender.tab?.id === tabId) cb();
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

/**
 * The toolbar popup tells the background it is open by keeping a port (src/background/readers.ts):
 * a jump to a mention waits for the popup to close, so the reader sees it. Not in a tab of its own.
 */
export function announcePopup(): void {
  browser.runtime.connect({ name: 'popup' });
}

/**
 * Scrolls the page to the entity's next mention in that frame, flashes it and opens its card. From
 * the toolbar popup, the jump happens once the popup has closed (it closes itself); from the popup
 * page in a tab, at once, and the page's reply comes back.
 */
export async function jumpToMention(tabId: number, frameId: number, entity: string, inTab: boolean): Promise<unknown> {
  const request: BackgroundRequest = { type: 'jumpToMention', tabId, frameId, entity, openCard: true };
  if (!inTab) {
    // Sent before closing: the background holds it until the popup's port goes.
    void browser.runtime.sendMessage(request).catch(() => undefined);
    window.close();
    return undefined;
  }
  const reply = await withTimeout(browser.runtime.sendMessage(request), MENTIONS_TIMEOUT_MS);
  await browser.tabs.update(tabId, { active: true }).catch(() => undefined);
  return reply;
}

export function reloadTab(tabId: number): Promise<void> {
  return browser.tabs.reload(tabId);
}

export { downloadText } from '../export/download';
