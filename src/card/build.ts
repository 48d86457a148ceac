/**
 * `buildCard(entityId, lang)`: the card for an entity from the bundled
 * dataset. Runs in the background (the dataset never reaches the content
 * script); the message handler for `getCard` is `answerGetCard`.
 */
import { ENTITY_CONTENT } from '../dataset/content';
import { ENTITY_NAMES } from '../dataset/names';
import type { EntityContent, EntityName, TimelineEvent } from '../dataset/schema';
import { TIMELINE } from '../dataset/timeline';
import { buildCardFrom, type CardData, type CardDataset, type CardLang } from './data';

const byId = new Map<string, EntityName>(ENTITY_NAMES.map((n) => [n.id, n]));
const content = ENTITY_CONTENT as Record<string, EntityContent | undefined>;
/** Newest first; ISO dates of any precision compare correctly as strings. */
const timeline = [...TIMELINE].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));

export const bundledCardDataset: CardDataset = {
  entityById: (id) => byId.get(id),
  contentFor: (id) => (Object.hasOwn(content, id) ? content[id] : undefined),
  eventsFor: (id): readonly TimelineEvent[] => timeline.filter((e) => e.entities.includes(id)),
};

export function buildCard(entityId: string, lang: CardLang): CardData | null {
  return buildCardFrom(bundledCardDataset, entityId, lang);
}

/**
 * The background's answer to `{ type: 'getCard', entity, lang? }`: the card,
 * or null for an entity without one. A malformed request is an error the
 * sender sees (a rejected sendMessage), never a crash of the background.
 */
export function answerGetCard(msg: unknown, build: (id: string, lang: CardLang) => CardData | null = buildCard): CardData | null {
  const m = (typeof msg === 'object' && msg !== null ? msg : {}) as Record<string, unknown>;
  if (m.type !== 'getCard') throw new Error('answerGetCard: not a getCard request');
  if (typeof m.entity !== 'string' || m.entity.length === 0 || m.entity.length > 100) {
    throw new Error(`getCard: entity must be an entity id, got ${JSON.stringify(m.entity)}`);
  }
  if (m.lang !== undefined && m.lang !== 'en' && m.lang !== 'zh') {
    throw new Error(`getCard: lang must be 'en' or 'zh', got ${JSON.stringify(m.lang)}`);
  }
  return build(m.entity, m.lang ?? 'en');
}
