/**
 * Display helpers that need names only, so that any bundle can use them
 * without pulling card content or the timeline in.
 */
import { langOf } from '../i18n/lang';
import { ENTITY_NAMES } from './names';
import type { EntityName } from './schema';

/**
 * The name to show in `lang` (a language tag, see `langOf`): the Simplified
 * Chinese name for a Chinese reader when the entity has one, the English name
 * otherwise.
 */
export function displayName(entity: Pick<EntityName, 'name' | 'nameZh'>, lang: string): string {
  return langOf(lang) === 'zh' && entity.nameZh ? entity.nameZh : entity.name;
}

let byId: ReadonlyMap<string, EntityName> | undefined;

/** `displayName` of the entity with this id; an unknown id shows as itself. */
export function displayNameOf(id: string, lang: string): string {
  byId ??= new Map(ENTITY_NAMES.map((n) => [n.id, n]));
  const e = byId.get(id);
  return e ? displayName(e, lang) : id;
}

/**
 * The URL if it is an http(s) one, normalised; null otherwise. Every link
 * shown to a reader goes through this: the dataset's schema accepts any URL,
 * and a `javascript:` or `data:` href in a link would be a hole.
 */
export function safeHttpUrl(raw: string): string | null {
  try {
    const u = new URL(raw);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}
