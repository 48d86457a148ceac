/**
 * `buildCard(entityId, lang)`: the card for an entity from the bundled
 * dataset. Runs in the background (the dataset never reaches the content
 * script); the message handler for `getCard` is `answerGetCard`.
 */
import { contentFor, entityById, eventsFor } from '../dataset';
import { uiLang } from '../i18n';
import { buildCardFrom, type CardData, type CardDataset, type CardLang } from './data';

/** The dataset's own lookups (src/dataset/index.ts); `eventsFor` is newest first. */
export const bundledCardDataset: CardDataset = { entityById, contentFor, eventsFor };

export function buildCard(entityId: string, lang: CardLang): CardData | null {
  return buildCardFrom(bundledCardDataset, entityId, lang);
}

/**
 * The background's answer to `{ type: 'getCard', entity, lang? }` (`lang`
 * defaults to the browser's UI language): the card,
 * or null for an entity without one. A malformed request is an error the
 * sender sees (a rejected sendMessage), never a crash of the background.
 */
export function answerGetCard(
  msg: unknown,
  build: (id: string, lang: CardLang) => CardData | null = buildCard,
): CardData | null {
  const m = (typeof msg === 'object' && msg !== null ? msg : {}) as Record<string, unknown>;
  if (m.type !== 'getCard') throw new Error('answerGetCard: not a getCard request');
  if (typeof m.entity !== 'string' || m.entity.length === 0 || m.entity.length > 100) {
    throw new Error(`getCard: entity must be an entity id, got ${JSON.stringify(m.entity)}`);
  }
  if (m.lang !== undefined && m.lang !== 'en' && m.lang !== 'zh') {
    throw new Error(`getCard: lang must be 'en' or 'zh', got ${JSON.stringify(m.lang)}`);
  }
  // No language asked for: the browser's UI language.
  return build(m.entity, m.lang ?? uiLang());
}
