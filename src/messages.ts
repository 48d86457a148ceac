/**
 * Every message that crosses a context boundary, in one place. Receivers
 * validate `type` and shapes before acting: a message is data, never trusted.
 *
 * Content script → background:
 *   classify      ambiguous candidates (sentence + offsets) → which are mentions
 *   mentionCount  the frame's mention count, for the toolbar badge
 *   getCard       the card content for an entity (the dataset lives in the background)
 *   openTimeline  open the popup's timeline on an entity
 *   loadCard      inject the card bundle (/card.js) into the sending frame, once per frame
 *   getSettings   → the validated settings (the page layer normally reads the background's
 *                 mirror in storage.local, see src/page/settings.ts; this is its fallback)
 *   cardOpened    { token } the card bundle of a frame showed a card: the background tells every
 *                 frame of the tab (closeCard, below) so that the others close theirs
 * Popup → background:
 *   jumpToMention { tabId, frameId, entity, openCard } scroll to (and flash) that entity's next
 *                 mention in that frame, and open its card, once the popup has closed (so the
 *                 reader sees the jump); answered with the frame's reply when the popup stays
 *                 (opened in a tab)
 * Popup / background → content script (frameId 0):
 *   getMentions   → { url, mentions: [{ entity, text, sentence }] } in document order
 *   scrollToMention { entity, openCard? } → scrolls to that entity's next mention and flashes it;
 *                 with openCard, its card opens too (focus in the card, as from the keyboard)
 *   closeCard     { except } (to every frame's card bundle) close the card unless it is `except`'s
 *   navigateMention { direction } → from a keyboard command: focus next/previous mention, open its card
 *   getStats      → the page layer's cumulative work (src/page/stats.ts PageStatsSnapshot), for `npm run bench`
 */

export interface ClassifyItem {
  /** The sentence holding the candidates (what compromise sees). */
  sentence: string;
  /** Candidates, offsets relative to `sentence`. */
  candidates: { entity: string; start: number; end: number }[];
}

export type BackgroundRequest =
  | { type: 'classify'; items: ClassifyItem[]; context: string[] }
  | { type: 'mentionCount'; count: number }
  /** `lang`: the card's language ('en' | 'zh'); the browser's UI language when absent. */
  | { type: 'getCard'; entity: string; lang?: 'en' | 'zh' }
  | { type: 'openTimeline'; entity: string }
  | { type: 'loadCard' }
  | { type: 'getSettings' }
  | { type: 'cardOpened'; token: string }
  | { type: 'jumpToMention'; tabId: number; frameId: number; entity: string; openCard: boolean };

export interface ClassifyResponse {
  /** For each item, for each candidate: is it a mention? */
  decisions: boolean[][];
}

export interface PageMention {
  /** An EntityId from the bundled dataset. */
  entity: string;
  text: string;
  /** The sentence around the mention, for export. */
  sentence: string;
}

export interface GetMentionsResponse {
  url: string;
  mentions: PageMention[];
}

export type ContentRequest =
  | { type: 'getMentions' }
  | { type: 'scrollToMention'; entity: string; openCard?: boolean }
  | { type: 'navigateMention'; direction: 'next' | 'previous' }
  | { type: 'getStats' };
