/**
 * What a hover card shows, as plain data: built in the background from the
 * dataset (which the content script must not bundle) and sent to the card
 * bundle in a message. Everything here is text or a vetted URL; the card
 * renders it through Preact as text nodes and attributes, never as markup.
 */
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
  /** The entity's timeline events, newest first (at most MAX_EVENTS of them). */
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

function cardSources(sources: readonly Source[]): CardSource[] {
  const out: CardSource[] = [];
  for (const s of sources) {
    if ('quote' in s) out.push({ kind: 'quote', quote: s.quote });
    else {
      const url = safeHttpUrl(s.url);
      if (url) out.push({ kind: 'link', title: s.title, url });
    }
  }
  return out;
}

const DATE_LOCALES: Record<CardLang, string> = { en: 'en-GB', zh: 'zh-CN' };
const DATE_FIELDS = {
  month: { year: 'numeric', month: 'short' },
  day: { year: 'numeric', month: 'short', day: 'numeric' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A dataset date at its own precision, short for a card: "2016", "Jun 2016",
 * "1 Jun 2016"; "2016年6月", "2016年6月1日". Intl in UTC, so the time zone
 * never moves a date by a day; a year-precision date is the year alone
 * (never "1 January 2016").
 */
export function formatEventDate(date: string, precision: TimelineEvent['precision'], lang: CardLang): string {
  const [y, m, d] = date.split('-');
  const year = Number(y);
  const month = m ? Number(m) : NaN;
  const day = d ? Number(d) : NaN;
  if (precision === 'year' || !Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12)
    return y ?? date;
  const fields = precision === 'day' && Number.isInteger(day) && day >= 1 && day <= 31 ? 'day' : 'month';
  const key = `${lang}|${fields}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(DATE_LOCALES[lang], { ...DATE_FIELDS[fields], timeZone: 'UTC' });
    dateFormats.set(key, f);
  }
  return f.format(Date.UTC(year, month - 1, fields === 'day' ? day : 1));
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
      sources: cardSources(f.sources),
    }))
    // A fact whose every source was dropped (non-http URL) would be unsourced: leave it out.
    .filter((f) => f.sources.length > 0)
    .slice(0, MAX_FACTS);
  const allEvents = ds.eventsFor(entityId);
  const events = allEvents.slice(0, MAX_EVENTS).map((e) => ({
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
