/**
 * A small least-recently-used map, bounded: the classifier's per-sentence
 * caches (compromise's analyses in src/detect/nlp.ts, the background's
 * decisions in src/background/classify-cache.ts) keep the sentences a page
 * repeats (navigation, footers, quotes) without growing for ever.
 */
export class Lru<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly max: number) {}
  get(k: K): V | undefined {
    const v = this.map.get(k);
    if (v !== undefined) {
      this.map.delete(k);
      this.map.set(k, v);
    }
    return v;
  }
  set(k: K, v: V): void {
    this.map.delete(k);
    this.map.set(k, v);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
  }
  get size(): number {
    return this.map.size;
  }
}
