/**
 * The one entry point: `detect(text)` = alias scan + (in context mode) the NLP
 * classifier for the sentences that hold ambiguous candidates (find.ts). Used by
 * the CLI and tests; the extension's background runs the same `findMentions`
 * over the blocks of text a page's sieve let through (src/background/page-layer.ts).
 */
import { ENTITY_NAMES } from '../dataset/names';
import type { EntityName } from '../dataset/schema';
import { classify } from './classify';
import { createScanner, type Scanner, type ScannerOptions } from './scan';
import { findMentions } from './find';
import { toOriginal, withoutInvisible } from './invisible';
import type { Candidate, Mention } from './types';

export interface DetectOptions extends ScannerOptions {
  /** Names to detect; the bundled dataset's by default. */
  names?: readonly EntityName[];
  /**
   * When the text is a piece of a larger document (a labelled sentence from a
   * page): the entities that document named without NLP, weighed by the
   * classifier beside the text's own (see scanContext).
   */
  context?: readonly string[];
}

/** A key for one alias configuration: equal keys, equal scanners. */
export function configKey(opts: DetectOptions = {}): string {
  return JSON.stringify([
    opts.mode ?? 'context',
    opts.extraAliases ?? {},
    opts.names ? opts.names.map((n) => [n.id, n.name, n.aliases]) : 0,
  ]);
}

const scanners = new Map<string, Scanner>();
/** One compiled scanner per alias configuration (building the RegExp is the expensive part). */
export function scannerFor(opts: DetectOptions = {}): Scanner {
  const names = opts.names ?? ENTITY_NAMES;
  const key = configKey(opts);
  let s = scanners.get(key);
  if (!s) {
    if (scanners.size > 20) scanners.clear();
    s = createScanner(names, opts);
    scanners.set(key, s);
  }
  return s;
}

/**
 * The document's context for the classifier: the entities of the candidates
 * the scan accepted on its own (what a page sends with its classify requests).
 */
export function scanContext(candidates: readonly Candidate[]): string[] {
  return [...new Set(candidates.filter((c) => !c.needsContext).map((c) => c.entity))];
}

/**
 * Every mention in `text`, in text order, without overlaps. Characters a reader
 * cannot see (soft hyphens, zero-width spaces…) are read past, and the offsets
 * are those of `text` as given.
 */
export function detect(text: string, opts: DetectOptions = {}): Mention[] {
  const visible = withoutInvisible(text);
  const [found = []] = findMentions([visible.text], scannerFor(opts), classify, opts.context);
  return found.map((m) => {
    const start = toOriginal(m.start, visible.removed);
    const end = toOriginal(m.end, visible.removed, true);
    return { entity: m.entity, start, end, text: text.slice(start, end) };
  });
}

export { createScanner } from './scan';
export { sentenceAround } from './sentences';
export { itemsFor } from './find';
export type { Candidate, ClassifyItem, Mention, DetectionMode } from './types';
