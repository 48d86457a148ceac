/**
 * "Labelled sentences (JSON lines)": what a reader saw on a page, with their
 * corrections applied, as an evaluation set in the format of
 * ../shared/corpus/mentions-dev.jsonl, one JSON object a line:
 *
 *   {"id", "text", "mentions": [{"entity", "start", "end"}], "url", "title", "context"}
 *
 * - every sentence of the page that has a mention or a correction (a sentence
 *   whose only mention the reader took away is kept, with no mentions: a trap);
 * - `start`/`end`: UTF-16 offsets into `text`, end exclusive, in text order;
 * - `id`: `<site>/<hash>`, a 53-bit hash of the page's URL (without its
 *   fragment) and the sentence: the same sentence of the same page always gets
 *   the same id, and a file appended over a day of reading has no two
 *   different sentences under one id (a later export of a page repeats the
 *   ids of an earlier one: keep the last line of each id);
 * - `context`: the entities the page named without the classifier, which the
 *   classifier weighed for ambiguous names; `detect --score` uses it, so that
 *   a sentence is judged as it was on its page.
 * Pure: the popup (or a test) gives it the page's blocks of text with the
 * detector's mentions, and turns the lines into a download.
 */
import type { Corrections } from '../corrections/model';
import { siteOf } from '../corrections/model';
import { correctBlock, correctionsForSite, type BlockMention, type SiteCorrections } from '../corrections/apply';
import { sentenceAround } from '../detect/sentences';
import type { LabelledSentence } from '../detect/score';

export interface LabelledPage {
  /** The page's URL (the top page's; a frame's sentences are labelled under it). */
  url: string;
  title: string;
  /** The site whose corrections apply; the URL's by default. */
  site?: string;
  /** The entities the page named without the classifier (what its classify requests carried). */
  context: readonly string[];
  /** The page's blocks of text, each with the detector's mentions in it (offsets into `text`). */
  blocks: readonly { text: string; mentions: readonly BlockMention[] }[];
}

/** cyrb53 (public domain, bryc): a fast 53-bit string hash, as a number. */
function hash53(s: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The id of a sentence of a page (see the module's comment). */
export function labelledId(url: string, sentence: string): string {
  const page = url.replace(/#.*$/s, '');
  return `${siteOf(page) || 'page'}/${hash53(`${page}\n${sentence}`).toString(36).padStart(11, '0')}`;
}

/** The page's labelled sentences, in page order, each sentence once. */
export function labelledSentences(page: LabelledPage, corrections: Corrections | SiteCorrections): LabelledSentence[] {
  const site = 'notHere' in corrections ? corrections : correctionsForSite(corrections, page.site ?? siteOf(page.url));
  const url = page.url.replace(/#.*$/s, '');
  const out: LabelledSentence[] = [];
  const seen = new Set<string>();
  for (const block of page.blocks) {
    const { mentions, suppressed } = correctBlock(block.text, block.mentions, site);
    // The sentences to label: around every mention left or added, and every one taken away.
    const spans: { start: number; end: number }[] = [];
    for (const m of [...mentions, ...suppressed]) {
      const s = sentenceAround(block.text, m.start, m.end);
      // Sentences grown from two places of one long stretch can overlap: one sentence then.
      const same = spans.find((o) => o.start < s.end && s.start < o.end);
      if (same) {
        same.start = Math.min(same.start, s.start);
        same.end = Math.max(same.end, s.end);
      } else spans.push(s);
    }
    spans.sort((a, b) => a.start - b.start);
    for (const s of spans) {
      const text = block.text.slice(s.start, s.end);
      if (seen.has(text)) continue;
      seen.add(text);
      out.push({
        id: labelledId(url, text),
        text,
        mentions: mentions
          .filter((m) => m.start >= s.start && m.end <= s.end)
          .map((m) => ({ entity: m.entity, start: m.start - s.start, end: m.end - s.start })),
        url,
        title: page.title,
        context: [...page.context],
      });
    }
  }
  return out;
}

/** The labelled sentences as JSON lines (each ends with a newline): the file the popup offers. */
export function labelledJsonl(page: LabelledPage, corrections: Corrections | SiteCorrections): string {
  return labelledSentences(page, corrections)
    .map((s) => JSON.stringify(s) + '\n')
    .join('');
}
