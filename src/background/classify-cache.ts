/**
 * Answers of the NLP classifier, remembered per sentence: the same sentence
 * with the same candidates and page context always gets the same answer, and
 * pages re-render the same text often. Bounded (src/lru.ts), least recently
 * used evicted.
 */
import type { ClassifyItem } from '../detect/types';
import { Lru } from '../lru';

export class DecisionCache extends Lru<string, boolean[]> {
  constructor(max = 2000) {
    super(max);
  }

  /** The cache key of an item in a document with these entities. */
  static key(item: ClassifyItem, context: readonly string[]): string {
    const cands = item.candidates.map((c) => `${c.entity}@${c.start}-${c.end}`).join(',');
    return `${[...context].sort().join(',')}|${cands}|${item.sentence}`;
  }
}

/**
 * Classifies `items`, asking `run` only about the ones not cached, in one call.
 * Decisions come back in item order.
 */
export function classifyCached(
  cache: DecisionCache,
  items: readonly ClassifyItem[],
  context: readonly string[],
  run: (items: ClassifyItem[], context: string[]) => boolean[][],
): boolean[][] {
  const out: (boolean[] | undefined)[] = items.map((item) => cache.get(DecisionCache.key(item, context)));
  const missing = items.filter((_, i) => !out[i]);
  if (missing.length) {
    const answers = run(missing, [...context]);
    let k = 0;
    items.forEach((item, i) => {
      if (out[i]) return;
      const answer = item.candidates.map((_, j) => answers[k]?.[j] === true);
      k++;
      cache.set(DecisionCache.key(item, context), answer);
      out[i] = answer;
    });
  }
  return out as boolean[][];
}
