/**
 * "Open the full timeline" from a card: remember which entity to focus (the
 * `session:timelineFocus` item of src/timeline/focus.ts, which the popup reads
 * once), then open the toolbar popup where the browser lets an extension do
 * so, else the popup page in a tab with `?entity=ID`. The request was parsed
 * by the router (src/messages.ts OpenTimelineRequestSchema): `entity` is an
 * entity id.
 */
import { browser } from 'wxt/browser';
import type { OpenedAs, TimelineFocus } from '../messages';
import { timelineFocusItem } from '../timeline/focus';

export type { OpenedAs } from '../messages';

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
  entity: string,
  windowId: number | undefined,
  deps: OpenTimelineDeps,
): Promise<OpenedAs> {
  await deps.saveFocus({ entity, requestedAt: deps.now() });
  if (deps.openPopup) {
    try {
      await deps.openPopup(windowId);
      return 'popup';
    } catch {
      // Not allowed here (no user gesture, no focused window, headless): fall back to a tab.
    }
  }
  await deps.openTab(deps.popupUrl(entity), windowId);
  return 'tab';
}

/** The real browser behind `openTimeline`. */
export function browserOpenTimelineDeps(): OpenTimelineDeps {
  // `action.openPopup` is missing in some browsers, and where it exists it may refuse (no user gesture, no focused window).
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
