/**
 * The one entry point: `detect(text)` = alias scan + (in context mode) the NLP
 * classifier for the sentences that hold ambiguous candidates. Used by the CLI
 * and tests; the extension splits the same two steps across the content script
 * (scan.ts, sentences.ts) and the background (classify.ts).
 */
import { ENTITY_NAMES } from '../dataset/names';
import type { EntityName } from '../dataset/schema';
import { classify } from './classify';
import { createScanner, type Scanner, type ScannerOptions } from './scan';
import { sentenceAround } from './sentences';
import type { Candidate, ClassifyItem, Mention } from './types';

export interface DetectOptions extends ScannerOptions {
  /** Names to detect; the bundled dataset's by default. */
  names?: readonly EntityName[];
}

const scanners = new Map<string, Scanner>();
/** One compiled scanner per alias configuration (building the RegExp is the expensive part). */
export function scannerFor(opts: DetectOptions = {}): Scanner {
  const names = opts.names ?? ENTITY_NAMES;
  const key = JSON.stringify([
    opts.mode ?? 'context',
    opts.extraAliases ?? {},
    opts.names ? names.map((n) => [n.id, n.name, n.aliases]) : 0,
  ]);
  let s = scanners.get(key);
  if (!s) {
    if (scanners.size > 20) scanners.clear();
    s = createScanner(names, opts);
    scanners.set(key, s);
  }
  return s;
}

/**
 * Groups needsContext candidates by sentence into classifier items.
 * Returns the items and, for each, the candidates in the same order.
 */
export function itemsFor(
  text: string,
  pending: readonly Candidate[],
): { items: ClassifyItem[]; owners: Candidate[][] } {
  const bySentence = new Map<string, { item: ClassifyItem; owners: Candidate[]; base: number }>();
  for (const c of pending) {
    const span = sentenceAround(text, c.start, c.end);
    const key = `${span.start}:${span.end}`;
    let g = bySentence.get(key);
    if (!g) {
      g = { item: { sentence: text.slice(span.start, span.end), candidates: [] }, owners: [], base: span.start };
      bySentence.set(key, g);
    }
    g.item.candidates.push({ entity: c.entity, start: c.start - g.base, end: c.end - g.base });
    g.owners.push(c);
  }
  const groups = [...bySentence.values()];
  return { items: groups.map((g) => g.item), owners: groups.map((g) => g.owners) };
}

/** Every mention in `text`, in text order, without overlaps. */
export function detect(text: string, opts: DetectOptions = {}): Mention[] {
  const candidates = scannerFor(opts).scan(text);
  const accepted: Candidate[] = [];
  const pending: Candidate[] = [];
  for (const c of candidates) (c.needsContext ? pending : accepted).push(c);
  if (pending.length) {
    const context = [...new Set(accepted.map((c) => c.entity))];
    const { items, owners } = itemsFor(text, pending);
    const decisions = classify(items, context);
    owners.forEach((group, i) => group.forEach((c, j) => decisions[i]?.[j] && accepted.push(c)));
  }
  accepted.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Mention[] = [];
  let lastEnd = -1;
  for (const c of accepted) {
    if (c.start < lastEnd) continue;
    out.push({ entity: c.entity, start: c.start, end: c.end, text: c.text });
    lastEnd = c.end;
  }
  return out;
}

export { createScanner } from './scan';
export { sentenceAround } from './sentences';
export type { Candidate, ClassifyItem, Mention, DetectionMode } from './types';
