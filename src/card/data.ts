/**
 * What a hover card shows, as plain data: built in the background from the
 * dataset (which the content script must not bundle) and sent to the card
 * bundle in a message. Everything here is text or a vetted URL; the card
 * renders it through Preact as text nodes and attributes, never as markup.
 */
import { formatEventDate as formatTimelineDate } from '../timeline/format';
import type { EntityContent, EntityKind, EntityName, Source, TimelineEvent } from '../dataset/schema';

export type CardLang = 'en' | 'zh';

export type CardSource = { kind: 'link'; title: string; url: string } | { kind: 'quote'; quote: string };

export interface CardFact {
  text: string;
  /** Set only when the text is not in the card's language (no Chinese yet: the English stands in). */
  lang?: CardLang;
  sources: CardSource[];
}

export interface CardEvent {
  id: string;
  /** ISO date as in the dataset (`2016`, `2016-06`, `2016-06-01`), for `<time datetime>`. */
  date: string;
  /** The date written for a reader at its precision: `2016`, `Jun 2016`, `1 Jun 2016`. */
  dateLabel: string;
  title: string;
  /** Set only when the title is not in the card's language. */
  lang?: CardLang;
  category: 'partnership' | 'context';
}

export interface CardRelated {
  id: string;
  name: string;
  kind: EntityKind;
}

export interface CardData {
  id: string;
  lang: CardLang;
  name: string;
  /** The name in the other language (the Chinese name on an English card and vice versa), when it differs. */
  altName?: string;
  kind: EntityKind;
  summary: string;
  /** Set only when the summary is not in the card's language. */
  summaryLang?: CardLang;
  /** Its part in the partnership. */
  role: string;
  /** Set only when the role is not in the card's language. */
  roleLang?: CardLang;
  /** Two or three key facts, each with at least one source. */
  facts: CardFact[];
  /** The entity's latest timeline events (at most MAX_EVENTS), oldest first like the popup's timeline. */
  events: CardEvent[];
  /** How many events the entity has in all (the full timeline shows the rest). */
  eventCount: number;
  related: CardRelated[];
}

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

/**
 * Only http(s) links reach a card: the schema accepts any URL, and a
 * `javascript:` or `data:` href in a page-facing link would be a hole.
 */
export function safeHttpUrl(raw: string): string | null {
  try {
    const u = new URL(raw);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

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
 * A dataset date at its own precision, in the one format of the card's
 * language (the popup's too): "2016", "Jun 2016", "1 Jun 2016"; "2016年6月",
 * "2016年6月1日". A malformed date shows as its year.
 */
export function formatEventDate(date: string, precision: TimelineEvent['precision'], lang: CardLang): string {
  try {
    return formatTimelineDate(date, precision, lang);
  } catch {
    return date.slice(0, 4);
  }
}

/** Which card language suits a page: Chinese pages get Chinese text where the dataset has it. */
export function cardLangFor(pageLang: string | null | undefined): CardLang {
  return pageLang && /^zh\b/i.test(pageLang.trim()) ? 'zh' : 'en';
}

/**
 * The card for one entity, or null when the dataset does not know it or has
 * no card content for it (the caller then shows nothing rather than a hollow card).
 */
export function buildCardFrom(ds: CardDataset, entityId: string, lang: CardLang): CardData | null {
  const entity = ds.entityById(entityId);
  const content = ds.contentFor(entityId);
  if (!entity || !content) return null;

  const name = lang === 'zh' && entity.nameZh ? entity.nameZh : entity.name;
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
    related.push({ id: r.id, name: lang === 'zh' && r.nameZh ? r.nameZh : r.name, kind: r.kind });
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

/**
 * A light shape check of what the background sent back: a version skew
 * between background and card bundle shows as a clear error, not a broken card.
 */
export function isCardData(x: unknown): x is CardData {
  if (typeof x !== 'object' || x === null) return false;
  const c = x as Record<string, unknown>;
  return (
    typeof c.id === 'string' &&
    (c.lang === 'en' || c.lang === 'zh') &&
    typeof c.name === 'string' &&
    typeof c.kind === 'string' &&
    typeof c.summary === 'string' &&
    typeof c.role === 'string' &&
    Array.isArray(c.facts) &&
    Array.isArray(c.events) &&
    typeof c.eventCount === 'number' &&
    Array.isArray(c.related)
  );
}
