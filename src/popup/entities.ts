/** Entity names and kinds for the popup, in the UI language. */
import { ENTITY_NAMES } from '../dataset/names';
import type { EntityKind } from '../dataset/schema';
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

export const KIND_LABELS: Record<EntityKind, string> = {
  company: 'Companies',
  product: 'Products',
  person: 'People',
  technology: 'Technologies',
  agreement: 'Agreements',
};

export const KIND_SINGULAR: Record<EntityKind, string> = {
  company: 'company',
  product: 'product',
  person: 'person',
  technology: 'technology',
  agreement: 'agreement',
};
