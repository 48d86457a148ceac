/**
 * Every message that crosses a context boundary, in one place. Receivers
 * validate `type` and shapes before acting: a message is data, never trusted.
 *
 * Content script → background:
 *   findMentions  blocks of page text the sieve let through → the mentions in each (scan + classifier,
 *                 src/detect/find.ts)
 *   loadPageLayer inject the page layer's second stage (/page-layer.js) into the sending frame (it has mentions)
 *   getPageSieve  → the first stage's sieve and site rules (normally read from storage.local, PAGE_SIEVE_KEY)
 *   paintStyle    { names, style, previous } insert the ::highlight() rules for the frame's highlight
 *                 names into the frame (scripting.insertCSS), replacing those of `previous`
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

import type { EntityKind } from './dataset/schema';
import type { SieveSpec } from './detect/sieve';
import type { HighlightNames } from './highlights/css';
import type { Settings } from './settings/schema';

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
  | { type: 'findMentions'; texts: string[]; context: string[] }
  | { type: 'loadPageLayer' }
  | { type: 'getPageSieve' }
  | {
      type: 'paintStyle';
      names: HighlightNames;
      /** null: take the rules away (the page layer stopped). */
      style: Settings['style'] | null;
      previous: Settings['style'] | null;
    };

/** A mention the background found in one of the texts a page sent: offsets in that text, `end` exclusive. */
export interface FoundInText {
  entity: string;
  kind: EntityKind;
  start: number;
  end: number;
  /** Accepted by the classifier rather than by the scan alone. */
  viaNlp: boolean;
  /** The sentence around it. */
  sentenceStart: number;
  sentenceEnd: number;
}

export interface FindMentionsResponse {
  /** For each text sent, its mentions in text order. */
  found: FoundInText[][];
}

/**
 * What the page layer's first stage needs to read a page (src/page/first-stage.ts): the sieve
 * (src/detect/sieve.ts, built by the background from the names and the reader's detection
 * settings) and the site rules. Mirrored by the background into storage.local under this key.
 */
export interface PageSieve {
  /** Null when there is no name to find. */
  spec: SieveSpec | null;
  sites: Settings['sites'];
}
export const PAGE_SIEVE_KEY = 'pageSieve';

/** Where the background mirrors the validated settings for the page layer's second stage (src/page/settings.ts). */
export const PAGE_SETTINGS_KEY = 'pageSettings';

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
  /**
   * The page layer has read all the text it knows of and has every answer: the list will not change
   * until the page does. (False while a pass or a request is under way.)
   */
  settled?: boolean;
}

export type ContentRequest =
  | { type: 'getMentions' }
  | { type: 'scrollToMention'; entity: string }
  | { type: 'navigateMention'; direction: 'next' | 'previous' }
  | { type: 'getStats' };
