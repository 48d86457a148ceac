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
 * Popup / background → content script (frameId 0):
 *   getMentions   → { url, mentions: [{ entity, text, sentence }] } in document order
 *   scrollToMention { entity } → scrolls to that entity's next mention and flashes it
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
  | { type: 'getSettings' };

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
  | { type: 'scrollToMention'; entity: string }
  | { type: 'navigateMention'; direction: 'next' | 'previous' }
  | { type: 'getStats' };
