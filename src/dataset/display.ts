/**
 * Display helpers that need names only, so the content script can use them
 * without pulling card content or the timeline into its bundle.
 */
import type { EntityName } from './schema';

/** `zh`, `zh-CN`, `zh-Hans`… count as Chinese; anything else is English. */
export function isChinese(lang: string): boolean {
  return /^zh(?:-|$)/i.test(lang.trim());
}

/**
 * The name to show in `lang`: the Simplified Chinese name for a Chinese
 * reader when the entity has one, the English name otherwise.
 */
export function displayName(entity: Pick<EntityName, 'name' | 'nameZh'>, lang: string): string {
  return isChinese(lang) && entity.nameZh ? entity.nameZh : entity.name;
}
