/**
 * Card data per entity and language, fetched once from the background and
 * kept for the life of the page. `peek` answers synchronously so a card
 * whose data was prefetched during the hover delay renders in the same frame
 * the delay ends.
 */
import type { CardData, CardLang } from './data';

export type CardFetcher = (entity: string, lang: CardLang) => Promise<CardData | null>;

export class CardCache {
  private readonly ready = new Map<string, CardData | null>();
  private readonly inflight = new Map<string, Promise<CardData | null>>();

  constructor(private readonly fetcher: CardFetcher) {}

  /** The data if it has arrived (null: the dataset has no card for it), undefined while unknown. */
  peek(entity: string, lang: CardLang): CardData | null | undefined {
    return this.ready.get(key(entity, lang));
  }

  /** Loads once; a failed load is forgotten so the next hover tries again. */
  get(entity: string, lang: CardLang): Promise<CardData | null> {
    const k = key(entity, lang);
    if (this.ready.has(k)) return Promise.resolve(this.ready.get(k) ?? null);
    let p = this.inflight.get(k);
    if (!p) {
      p = this.fetcher(entity, lang).then(
        (data) => {
          this.inflight.delete(k);
          this.ready.set(k, data);
          return data;
        },
        (err: unknown) => {
          this.inflight.delete(k);
          throw err;
        },
      );
      this.inflight.set(k, p);
    }
    return p;
  }
}

function key(entity: string, lang: CardLang): string {
  return `${lang}\u0000${entity}`;
}
