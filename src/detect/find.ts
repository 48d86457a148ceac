/**
 * How mentions are decided, in one place: the alias scan over each text, then
 * the classifier for the ambiguous candidates, sentence by sentence, weighed
 * against the entities the texts name without doubt. `detect()` (the command
 * line, tests) calls it with one text; the background calls it for the blocks
 * of text a page sends (src/background/page-layer.ts), so a page and `detect()`
 * decide the same way (tests/browser/page-detect.test.ts checks it on the
 * corpus pages). Pure: the scanner and the classifier come in as arguments.
 */
import type { Scanner } from './scan';
import { sentenceAround, type Span } from './sentences';
import type { Candidate, ClassifyItem } from './types';

export interface FoundMention {
  entity: string;
  /** In the text it was found in; `end` exclusive. */
  start: number;
  end: number;
  /** Accepted by the classifier rather than by the scan alone. */
  viaNlp: boolean;
  /** The sentence around it (what an export shows). */
  sentence: Span;
}

export type Classify = (items: ClassifyItem[], context: string[]) => boolean[][];

/** Groups a text's ambiguous candidates by sentence into classifier items (candidates in item order). */
export function itemsFor(
  text: string,
  pending: readonly Candidate[],
): { items: ClassifyItem[]; owners: Candidate[][]; spans: Span[] } {
  const bySentence = new Map<string, { item: ClassifyItem; owners: Candidate[]; span: Span }>();
  for (const c of pending) {
    const span = sentenceAround(text, c.start, c.end);
    const key = `${span.start}:${span.end}`;
    let g = bySentence.get(key);
    if (!g) {
      g = { item: { sentence: text.slice(span.start, span.end), candidates: [] }, owners: [], span };
      bySentence.set(key, g);
    }
    g.item.candidates.push({ entity: c.entity, start: c.start - span.start, end: c.end - span.start });
    g.owners.push(c);
  }
  const groups = [...bySentence.values()];
  return { items: groups.map((g) => g.item), owners: groups.map((g) => g.owners), spans: groups.map((g) => g.span) };
}

/**
 * The mentions in each text, in text order, without overlaps. The classifier is
 * asked once for every ambiguous candidate of every text, with `context` plus
 * every entity the texts name without doubt: what else the page is about.
 */
export function findMentions(
  texts: readonly string[],
  scanner: Scanner,
  classify: Classify,
  context: readonly string[] = [],
): FoundMention[][] {
  const found: FoundMention[][] = texts.map(() => []);
  const known = new Set(context);
  const pending: { text: number; items: ClassifyItem[]; owners: Candidate[][]; spans: Span[] }[] = [];
  texts.forEach((text, t) => {
    const ambiguous: Candidate[] = [];
    for (const c of scanner.scan(text)) {
      if (c.needsContext) {
        ambiguous.push(c);
        continue;
      }
      known.add(c.entity);
      found[t]!.push({
        entity: c.entity,
        start: c.start,
        end: c.end,
        viaNlp: false,
        sentence: sentenceAround(text, c.start, c.end),
      });
    }
    if (ambiguous.length) pending.push({ text: t, ...itemsFor(text, ambiguous) });
  });
  if (pending.length) {
    const items = pending.flatMap((p) => p.items);
    const decisions = classify(items, [...known]);
    let i = 0;
    for (const p of pending) {
      p.owners.forEach((owners, k) => {
        const answer = decisions[i++];
        owners.forEach((c, j) => {
          if (answer?.[j] === true)
            found[p.text]!.push({ entity: c.entity, start: c.start, end: c.end, viaNlp: true, sentence: p.spans[k]! });
        });
      });
    }
  }
  return found.map(withoutOverlaps);
}

/** In text order; where two overlap, the earlier (then the longer) wins. */
function withoutOverlaps(list: FoundMention[]): FoundMention[] {
  list.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: FoundMention[] = [];
  let lastEnd = -1;
  for (const m of list) {
    if (m.start < lastEnd) continue;
    out.push(m);
    lastEnd = m.end;
  }
  return out;
}
