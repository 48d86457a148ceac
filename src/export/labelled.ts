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
import type { Correction, Corrections } from '../corrections/model';
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

/** A mention as the popup has it from a frame's `getMentions` (src/messages.ts PageMention). */
export interface SentenceMention {
  entity: string;
  text: string;
  sentence: string;
  /** The mention in `sentence`, when the content script said. */
  start?: number;
  end?: number;
}

/** Where `m` stands in its sentence: as the page said when that holds, else its text's next place there. */
function placeIn(m: SentenceMention, from: number): { start: number; end: number } | null {
  const { sentence } = m;
  if (m.start !== undefined && m.end !== undefined && m.start < m.end && m.end <= sentence.length) {
    return { start: m.start, end: m.end };
  }
  // An older content script: the mention's text, after the previous mention of the same sentence.
  if (!m.text) return null;
  let at = sentence.indexOf(m.text, from);
  if (at < 0) at = sentence.indexOf(m.text);
  return at < 0 ? null : { start: at, end: at + m.text.length };
}

const squeeze = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * The blocks `labelledSentences` reads, from what the popup has: each sentence
 * the page's mentions stand in (once, with its mentions; a sentence that
 * appears twice on a page is one sentence), then the sentence of each of the
 * site's corrections that the page shows and the mentions did not already
 * bring (after the mentions' sentences: the popup does not know where on the
 * page they stand). A "not this one" comes with its span as the detector's
 * mention, so that the sentence is labelled even where the page has already
 * taken the mark away (a trap: the name, and no mention); a "mark as mention"
 * with none (the correction adds it). Corrections applied twice change
 * nothing, so this holds whether or not the page applied them.
 */
export function pageBlocks(
  mentions: readonly SentenceMention[],
  corrections: readonly Correction[],
): { text: string; mentions: BlockMention[] }[] {
  const blocks = new Map<string, { text: string; mentions: BlockMention[] }>();
  let last: { sentence: string; end: number } | null = null;
  for (const m of mentions) {
    if (!m.sentence) continue;
    let block = blocks.get(m.sentence);
    if (!block) blocks.set(m.sentence, (block = { text: m.sentence, mentions: [] }));
    const from = last?.sentence === m.sentence ? last.end : 0;
    const at = placeIn(m, from);
    if (!at) continue;
    last = { sentence: m.sentence, end: at.end };
    if (!block.mentions.some((o) => o.entity === m.entity && o.start === at.start && o.end === at.end))
      block.mentions.push({ entity: m.entity, ...at });
  }
  const out = [...blocks.values()].map((b) => ({ ...b, mentions: b.mentions.sort((x, y) => x.start - y.start) }));
  for (const c of corrections) {
    if (c.kind === 'not-here') continue;
    const known = out.find((b) => squeeze(b.text).includes(squeeze(c.sentence)));
    if (known) {
      // The page's sentence holds the correction's (perhaps cut) sentence: a "not this one" whose mark the
      // page already took away is put back there as found, for the correction to take away again.
      if (
        c.kind === 'not-this' &&
        known.text === c.sentence &&
        !known.mentions.some((o) => o.start < c.end && c.start < o.end)
      )
        known.mentions.push({ entity: c.entity, start: c.start, end: c.end });
      known.mentions.sort((x, y) => x.start - y.start);
      continue;
    }
    out.push({
      text: c.sentence,
      mentions: c.kind === 'not-this' ? [{ entity: c.entity, start: c.start, end: c.end }] : [],
    });
  }
  return out;
}

/** `partnership-lens-labelled-example.com-2024-05-01.jsonl`: the host, the day, nothing a file system rejects. */
export function labelledFileName(url: string, now: Date): string {
  const host = (siteOf(url) || 'page').replace(/[^a-z0-9.-]/gi, '_');
  return `partnership-lens-labelled-${host}-${now.toISOString().slice(0, 10)}.jsonl`;
}
