/**
 * Timeline filters: which events to show. Pure; the popup stores the filter
 * object in extension storage, so it is also validated here when read back.
 */
import * as v from 'valibot';
import { ENTITY_KINDS, type EntityKind, type TimelineEvent } from '../dataset/schema';

export const EVENT_CATEGORIES = ['partnership', 'context'] as const;
export type EventCategory = (typeof EVENT_CATEGORIES)[number];

export interface TimelineFilters {
  /** Events involving ANY of these entities (none selected: no entity condition). */
  entities: string[];
  /** Events involving an entity of ANY of these kinds (none selected: no kind condition). */
  kinds: EntityKind[];
  /** `all`, or only the deal's own events / only the context around it. */
  category: 'all' | EventCategory;
  /** Free text; every word must occur somewhere in the event. */
  text: string;
}

export const EMPTY_FILTERS: TimelineFilters = { entities: [], kinds: [], category: 'all', text: '' };

/**
 * Stored filters come from an older or newer popup, or a hand-edited profile:
 * each field falls back on its own, so one bad field does not wipe the others.
 */
const StoredFiltersSchema = v.object({
  entities: v.fallback(v.array(v.string()), []),
  kinds: v.fallback(v.array(v.picklist(ENTITY_KINDS)), []),
  category: v.fallback(v.picklist(['all', ...EVENT_CATEGORIES]), 'all'),
  text: v.fallback(v.string(), ''),
});

export function parseStoredFilters(value: unknown): TimelineFilters {
  const r = v.safeParse(StoredFiltersSchema, value);
  if (!r.success) return { ...EMPTY_FILTERS };
  return {
    entities: [...new Set(r.output.entities)],
    kinds: [...new Set(r.output.kinds)],
    category: r.output.category,
    text: r.output.text,
  };
}

export function isFiltering(f: TimelineFilters): boolean {
  return f.entities.length > 0 || f.kinds.length > 0 || f.category !== 'all' || f.text.trim() !== '';
}

/** What the filters need to know about an entity. */
export interface EntityInfo {
  name: string;
  nameZh?: string;
  kind: EntityKind;
  aliases: readonly string[];
}
export type EntityLookup = (id: string) => EntityInfo | undefined;

/** Case-, width- and accent-insensitive form for matching ("Café" ~ "cafe", "ＡＩ" ~ "ai"). */
export function normalizeText(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

function haystack(e: TimelineEvent, lookup: EntityLookup, dateLabel: string): string {
  const parts: string[] = [e.date, dateLabel, e.title, e.description];
  if (e.titleZh) parts.push(e.titleZh);
  if (e.descriptionZh) parts.push(e.descriptionZh);
  for (const id of e.entities) {
    const info = lookup(id);
    if (!info) continue;
    parts.push(info.name, ...info.aliases);
    if (info.nameZh) parts.push(info.nameZh);
  }
  return normalizeText(parts.join('\n'));
}

/**
 * Keeps the events that pass every active condition, in the order given.
 * `dateLabel` lets a reader find "June" in a month-precision event.
 */
export function filterEvents<E extends TimelineEvent>(
  events: readonly E[],
  f: TimelineFilters,
  lookup: EntityLookup,
  dateLabel: (e: E) => string = () => '',
): E[] {
  const terms = normalizeText(f.text).split(/\s+/).filter(Boolean);
  const wanted = new Set(f.entities);
  const kinds = new Set<string>(f.kinds);
  return events.filter((e) => {
    if (f.category !== 'all' && e.category !== f.category) return false;
    if (wanted.size > 0 && !e.entities.some((id) => wanted.has(id))) return false;
    if (kinds.size > 0 && !e.entities.some((id) => kinds.has(lookup(id)?.kind ?? ''))) return false;
    if (terms.length > 0) {
      const hay = haystack(e, lookup, dateLabel(e));
      if (!terms.every((t) => hay.includes(t))) return false;
    }
    return true;
  });
}

/** Adds the entity to the filter, or removes it if already there. */
export function toggleEntity(f: TimelineFilters, id: string): TimelineFilters {
  const entities = f.entities.includes(id) ? f.entities.filter((x) => x !== id) : [...f.entities, id];
  return { ...f, entities };
}

export function toggleKind(f: TimelineFilters, kind: EntityKind): TimelineFilters {
  const kinds = f.kinds.includes(kind) ? f.kinds.filter((x) => x !== kind) : [...f.kinds, kind];
  return { ...f, kinds };
}

/** Opening the timeline from an entity's card: only that entity's events, nothing else narrowing them. */
export function focusOn(id: string): TimelineFilters {
  return { ...EMPTY_FILTERS, entities: [id] };
}

/** Every entity the events involve, with how many events involve it, most first, then by name. */
export function entitiesInEvents(
  events: readonly TimelineEvent[],
  lookup: EntityLookup,
): { id: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const e of events) for (const id of new Set(e.entities)) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts]
    .map(([id, count]) => ({ id, count }))
    .sort((a, b) => b.count - a.count || (lookup(a.id)?.name ?? a.id).localeCompare(lookup(b.id)?.name ?? b.id));
}

/** The search's words, as `filterEvents` matches them. */
export function searchTerms(text: string): string[] {
  return normalizeText(text).split(/\s+/).filter(Boolean);
}

/**
 * `text` cut into pieces, `hit` where a search term occurs (case-insensitively), for marking the
 * matched words in a result. Accent- or width-folded matches ("cafe" for "Café") are found by the
 * filter but not marked here.
 */
export function markTerms(text: string, terms: readonly string[]): { text: string; hit: boolean }[] {
  const lower = text.toLowerCase();
  if (terms.length === 0 || lower.length !== text.length) return [{ text, hit: false }];
  const hit = new Uint8Array(text.length);
  for (const term of terms.filter(Boolean)) {
    for (let at = lower.indexOf(term); at >= 0; at = lower.indexOf(term, at + term.length))
      hit.fill(1, at, at + term.length);
  }
  const out: { text: string; hit: boolean }[] = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || hit[i] !== hit[start]) {
      out.push({ text: text.slice(start, i), hit: hit[start] === 1 });
      start = i;
    }
  }
  return out.length ? out : [{ text, hit: false }];
}
