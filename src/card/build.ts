/**
 * `buildCard(entityId, lang)`: the card for an entity from the bundled
 * dataset. Runs in the background (the dataset never reaches the content
 * script); the background's handler for `getCard` (src/background/card-messages.ts) is
 * `answerGetCard`.
 */
import { contentFor, entityById, eventsFor } from '../dataset';
import { uiLang } from '../i18n';
import type { GetCardRequest } from '../messages';
import { buildCardFrom, type CardData, type CardDataset, type CardLang } from './data';

/** The dataset's own lookups (src/dataset/index.ts); `eventsFor` is newest first. */
export const bundledCardDataset: CardDataset = { entityById, contentFor, eventsFor };

export function buildCard(entityId: string, lang: CardLang): CardData | null {
  return buildCardFrom(bundledCardDataset, entityId, lang);
}

/**
 * The background's answer to `getCard` (the router has parsed the request with
 * its schema, src/messages.ts): the card in the language asked for, else the
 * browser's UI language; null for an entity without one.
 */
export function answerGetCard(
  req: GetCardRequest,
  build: (id: string, lang: CardLang) => CardData | null = buildCard,
): CardData | null {
  return build(req.entity, req.lang ?? uiLang());
}
