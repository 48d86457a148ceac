/**
 * Answers of the NLP classifier, remembered per sentence: the same sentence
 * with the same candidates and page context always gets the same answer, and
 * pages re-render the same text often. Bounded, least recently used evicted.
 */
import type { ClassifyItem } from '../messages';

export class DecisionCache {
  private readonly map = new Map<string, boolean[]>();
  constructor(private readonly max = 2000) {}

  static key(item: ClassifyItem, context: readonly string[]): string {
    const cands = item.candidates.map((c) => `${c.entity}@${c.start}-${c.end}`).join(',');
    return `${[...context].sort().join(',')}|${cands}|${item.sentence}`;
  }

  get(key: string): boolean[] | undefined {
    const v = this.map.get(key);
    if (v) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: string, value: boolean[]): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }

  get size(): number {
    return this.map.size;
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
