/** Entity names and kinds for the popup, in the UI language. */
import { ENTITY_NAMES } from '../dataset/names';
import { displayNameOf } from '../dataset/display';
import type { EntityInfo } from '../timeline/filter';

const BY_ID = new Map<string, EntityInfo>(ENTITY_NAMES.map((e) => [e.id, e as EntityInfo]));

export function entityInfo(id: string): EntityInfo | undefined {
  return BY_ID.get(id);
}

export function isKnownEntity(id: string): boolean {
  return BY_ID.has(id);
}

/** Chinese name when the UI is Chinese and one exists, else the English name; an unknown id shows as itself. */
export function entityName(id: string, zh: boolean): string {
  return displayNameOf(id, zh ? 'zh' : 'en');
}

export { kindPlural, kindSingular } from '../i18n';
