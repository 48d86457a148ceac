/** Entity names and kinds for the popup, in the UI language. */
import { ENTITY_NAMES } from '../dataset/names';
import type { EntityKind } from '../dataset/schema';
import { t } from '../i18n';
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
  const e = BY_ID.get(id);
  if (!e) return id;
  return zh && e.nameZh ? e.nameZh : e.name;
}

/** "Companies", "公司": a kind as a group, in the UI language. */
export function kindPlural(kind: EntityKind): string {
  return t(`kinds_${kind}`);
}

/** "Company", "公司": one entity's kind, in the UI language. */
export function kindSingular(kind: EntityKind): string {
  return t(`kind_${kind}`);
}
