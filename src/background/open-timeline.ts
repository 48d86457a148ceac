/**
 * "Open the full timeline" from a card: remember which entity to focus, then
 * open the toolbar popup (where the browser lets an extension do so), else
 * the popup page in a tab with `?entity=ID`.
 *
 * Storage key for the popup (H4): `session:timelineFocus` (WXT storage key;
 * `browser.storage.session`, key `timelineFocus`) holds
 * `{ entity, requestedAt }`. The popup reads it on open, focuses that
 * entity if `requestedAt` is recent, and removes it so a later, ordinary
 * popup open starts unfocused.
 */
import { storage } from '@wxt-dev/storage';
import { browser } from 'wxt/browser';

export interface TimelineFocus {
  entity: string;
  /** Date.now() of the request. */
  requestedAt: number;
}

export const TIMELINE_FOCUS_KEY = 'session:timelineFocus';

let focusItem: ReturnType<typeof defineFocusItem> | undefined;
function defineFocusItem() {
  return storage.defineItem<TimelineFocus | null>(TIMELINE_FOCUS_KEY, { fallback: null });
}
/** The storage item the popup reads (defined on first use: defining it touches extension storage). */
export function timelineFocusItem() {
  return (focusItem ??= defineFocusItem());
}

const ENTITY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export type OpenedAs = 'popup' | 'tab';

/** Minimal seam over the browser for tests. */
export interface OpenTimelineDeps {
  saveFocus(focus: TimelineFocus): Promise<void>;
  /** Resolves when the popup opened; rejects or is absent where the browser does not allow it. */
  openPopup?: (windowId: number | undefined) => Promise<void>;
  openTab(url: string, windowId: number | undefined): Promise<void>;
  popupUrl(entity: string): string;
  now(): number;
}

/**
 * Opens the timeline on `entity`. `windowId` is the window of the tab the
 * request came from, so the popup or tab opens where the reader is.
 */
export async function openTimeline(
  entity: unknown,
  windowId: number | undefined,
  deps: OpenTimelineDeps,
): Promise<OpenedAs> {
  if (typeof entity !== 'string' || !ENTITY_ID.test(entity)) {
    throw new Error(`openTimeline: entity must be an entity id such as "xiaomi", got ${JSON.stringify(entity)}`);
  }
  await deps.saveFocus({ entity, requestedAt: deps.now() });
  if (deps.openPopup) {
    try {
      await deps.openPopup(windowId);
      return 'popup';
    } catch {
      // Not allowed here (no user gesture, no focused window, Firefox MV2, headless): fall back to a tab.
    }
  }
  await deps.openTab(deps.popupUrl(entity), windowId);
  return 'tab';
}

/** The real browser behind `openTimeline`. */
export function browserOpenTimelineDeps(): OpenTimelineDeps {
  const action = (browser as unknown as { action?: { openPopup?: (o?: { windowId?: number }) => Promise<void> } })
    .action;
  return {
    saveFocus: (focus) => timelineFocusItem().setValue(focus),
    ...(action?.openPopup
      ? { openPopup: (windowId: number | undefined) => action.openPopup!(windowId === undefined ? {} : { windowId }) }
      : {}),
    openTab: async (url, windowId) => {
      await browser.tabs.create({ url, ...(windowId === undefined ? {} : { windowId }) });
    },
    popupUrl: (entity) => browser.runtime.getURL(`/popup.html?entity=${encodeURIComponent(entity)}`),
    now: () => Date.now(),
  };
}
