/**
 * The background's part of the reader-facing features, registered with the
 * message router on import (entrypoints/background.ts imports this module):
 *
 * - one card in a tab: a frame's card bundle says `cardOpened`, every frame
 *   of the tab hears `closeCard` and all but the sender close theirs;
 * - the popup's jump to a mention: sent to the page once the popup has
 *   closed, so the reader sees the scroll and the flash (the popup keeps a
 *   port open while it lives; its disconnect is the moment it closed);
 * - the first-run page, opened once on install (never on update);
 * - the toolbar icon's off state on a site where highlighting is switched off.
 */
import { browser } from 'wxt/browser';
import type { Settings } from '../settings/schema';
import { getSettings, watchSettings } from '../settings/store';
import { registerHandler } from './index';
import { isOffFor, PopupJumps, shouldOpenWelcome } from './readers-logic';

// ---- one card in the tab ----------------------------------------------------

registerHandler('cardOpened', async (req, sender) => {
  const tabId = sender.tab?.id;
  if (tabId === undefined) return { ok: false };
  // No frameId: every frame of the tab. Nobody answers (the cards only listen), so the send rejects: fine.
  await browser.tabs.sendMessage(tabId, { type: 'closeCard', except: req.token }).catch(() => undefined);
  return { ok: true };
});

// ---- the popup's jump ---------------------------------------------------------

/** Name of the port every popup opens (src/popup/browser-edge.ts) so the background knows it is open. */
export const POPUP_PORT = 'popup';

const jumps = new PopupJumps((fn, ms) => setTimeout(fn, ms));

browser.runtime.onConnect.addListener((port) => {
  if (port.name !== POPUP_PORT || port.sender?.id !== browser.runtime.id) return;
  jumps.opened();
  port.onDisconnect.addListener(() => jumps.closed());
});

registerHandler('jumpToMention', async (req) => {
  const send = () =>
    browser.tabs.sendMessage(
      req.tabId,
      { type: 'scrollToMention', entity: req.entity, openCard: req.openCard },
      { frameId: req.frameId },
    );
  // The popup page open in a tab of its own (no toolbar popup to close): jump now and answer.
  if (jumps.popupsOpen === 0) return send();
  jumps.run(() => void send().catch(() => undefined));
  return { deferred: true };
});

// ---- first run -----------------------------------------------------------------

/**
 * Set to `off` at build time (`WXT_FIRST_RUN_PAGE=off`) for the browser tests' shared build: a tab
 * opening by itself at install would race the tests' own tabs. tests/browser/welcome.test.ts builds
 * with it on and checks the page opens once.
 */
const FIRST_RUN_PAGE = import.meta.env.WXT_FIRST_RUN_PAGE !== 'off';

browser.runtime.onInstalled.addListener((details) => {
  if (!shouldOpenWelcome(details.reason, FIRST_RUN_PAGE)) return;
  browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') }).catch(() => undefined);
});

// ---- the toolbar icon's off state --------------------------------------------

const ON_ICON = { 16: '/icon/16.png', 32: '/icon/32.png' };
const OFF_ICON = { 16: '/icon/off-16.png', 32: '/icon/off-32.png' };

function actionApi() {
  return browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
}

let current: Settings | null = null;
/** Which icon each tab shows: no browser API reads a tab's icon back, so tests read this (see ICON_STATE_KEY). */
const iconState = new Map<number, 'on' | 'off'>();
/** Readable by code running in this worker only (a test's service-worker evaluate); no message answers it. */
export const ICON_STATE_KEY = '__partnershipLensIconState';
(globalThis as Record<string, unknown>)[ICON_STATE_KEY] = (tabId: number) => iconState.get(tabId) ?? null;

async function paintIcon(tabId: number, url: string | undefined): Promise<void> {
  const a = actionApi();
  if (!a) return;
  const settings = current ?? (current = await getSettings());
  const off = isOffFor(settings, url);
  await a.setIcon({ tabId, path: off ? OFF_ICON : ON_ICON });
  iconState.set(tabId, off ? 'off' : 'on');
}

browser.tabs.onRemoved.addListener((tabId) => iconState.delete(tabId));

async function paintAllIcons(): Promise<void> {
  for (const tab of await browser.tabs.query({})) {
    if (tab.id !== undefined) await paintIcon(tab.id, tab.url).catch(() => undefined);
  }
}

browser.tabs.onUpdated.addListener((tabId, change, tab) => {
  // A tab's icon resets when it navigates: paint it at the start and the end of every load.
  if (change.status === 'loading' || change.status === 'complete' || change.url)
    paintIcon(tabId, tab.url).catch(() => undefined);
});

watchSettings((s) => {
  current = s;
  paintAllIcons().catch(() => undefined);
});
paintAllIcons().catch(() => undefined);
