/**
 * What a hover card shows, as plain data: built in the background from the
 * dataset (which the content script must not bundle) and sent to the card
 * bundle as the answer to `getCard`. The shape is the message's schema
 * (src/messages.ts CardDataSchema), which the card parses the answer with.
 */
import { displayName, safeHttpUrl } from '../dataset/display';
import type { EntityContent, EntityName, Source, TimelineEvent } from '../dataset/schema';
import type { CardData, CardLang, CardRelated, CardSource } from '../messages';
import { formatEventDate } from '../timeline/format';

export type { CardData, CardEvent, CardFact, CardLang, CardRelated, CardSource } from '../messages';

/** What `buildCardFrom` needs of the dataset: the lookups `src/dataset/index.ts` provides. */
export interface CardDataset {
  entityById(id: string): EntityName | undefined;
  contentFor(id: string): EntityContent | undefined;
  /** Newest first. */
  eventsFor(id: string): readonly TimelineEvent[];
}

export const MAX_FACTS = 3;
export const MAX_EVENTS = 3;
export const MAX_RELATED = 6;

function pick(lang: CardLang, en: string, zh: string | undefined): string {
  return lang === 'zh' && zh ? zh : en;
}

/** `{ [key]: 'en' }` when a Chinese card falls back on the English text (so it is marked up as English), else nothing. */
function fallbackLang<K extends string>(key: K, lang: CardLang, zh: string | undefined): Partial<Record<K, CardLang>> {
  return lang === 'zh' && !zh ? ({ [key]: 'en' } as Record<K, CardLang>) : {};
}

/** A quote stays in the article's language; a reference's title is given in the card's language where the dataset has it. */
function cardSources(sources: readonly Source[], lang: CardLang): CardSource[] {
  const out: CardSource[] = [];
  for (const s of sources) {
    if ('quote' in s) out.push({ kind: 'quote', quote: s.quote });
    else {
      const url = safeHttpUrl(s.url);
      if (url) out.push({ kind: 'link', title: pick(lang, s.title, s.titleZh), url });
    }
  }
  return out;
}

/**
 * The card for one entity, or null when the dataset does not know it or has
 * no card content for it (the caller then shows nothing rather than a hollow card).
 */
export function buildCardFrom(ds: CardDataset, entityId: string, lang: CardLang): CardData | null {
  const entity = ds.entityById(entityId);
  const content = ds.contentFor(entityId);
  if (!entity || !content) return null;

  const name = displayName(entity, lang);
  const other = lang === 'zh' ? entity.name : entity.nameZh;
  const facts = content.facts
    .map((f) => ({
      text: pick(lang, f.text, f.textZh),
      ...fallbackLang('lang', lang, f.textZh),
      sources: cardSources(f.sources, lang),
    }))
    // A fact whose every source was dropped (non-http URL) would be unsourced: leave it out.
    .filter((f) => f.sources.length > 0)
    .slice(0, MAX_FACTS);
  const allEvents = ds.eventsFor(entityId);
  // The latest few, shown in time order (the popup's order too), so the order reads the same everywhere.
  const events = allEvents
    .slice(0, MAX_EVENTS)
    .reverse()
    .map((e) => ({
      id: e.id,
      date: e.date,
      // The one format of the card's language, the popup's too ("23 Feb 2018", "2018年2月23日").
      dateLabel: formatEventDate(e.date, e.precision, lang),
      title: pick(lang, e.title, e.titleZh),
      ...fallbackLang('lang', lang, e.titleZh),
      category: e.category,
    }));
  const related: CardRelated[] = [];
  for (const rid of content.related) {
    if (rid === entityId || related.some((r) => r.id === rid)) continue;
    const r = ds.entityById(rid);
    if (!r) continue;
    related.push({ id: r.id, name: displayName(r, lang), kind: r.kind });
    if (related.length === MAX_RELATED) break;
  }

  return {
    id: entity.id,
    lang,
    name,
    ...(other && other !== name ? { altName: other } : {}),
    kind: entity.kind,
    summary: pick(lang, content.summary, content.summaryZh),
    ...fallbackLang('summaryLang', lang, content.summaryZh),
    role: pick(lang, content.role, content.roleZh),
    ...fallbackLang('roleLang', lang, content.roleZh),
    facts,
    events,
    eventCount: allEvents.length,
    related,
  };
}
