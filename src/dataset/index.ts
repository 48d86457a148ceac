/**
 * Lookups over the bundled dataset, for hover cards (background) and the
 * popup. Importing this module pulls in content.ts and timeline.ts: the
 * content script must import names.ts / display.ts instead.
 */
import { ENTITY_NAMES, type EntityId } from './names';
import { ENTITY_CONTENT } from './content';
import { TIMELINE } from './timeline';
import type { EntityContent, EntityName, TimelineEvent } from './schema';
import { sortEvents } from '../timeline/order';

export { displayName, displayNameOf } from './display';
export type { EntityId } from './names';

/** An entity's names and card content in one object. */
export type Entity = EntityName & EntityContent & { id: EntityId };

const NAME_BY_ID: ReadonlyMap<string, EntityName> = new Map(ENTITY_NAMES.map((n) => [n.id, n]));

/** True for the ids of names.ts (narrows an untrusted string, e.g. from a message). */
export function isEntityId(id: string): id is EntityId {
  return NAME_BY_ID.has(id);
}

/** Names and aliases of an entity, or undefined for an unknown id. */
export function entityById(id: string): EntityName | undefined {
  return NAME_BY_ID.get(id);
}

/** Card content of an entity, or undefined for an unknown id (never a prototype key like "toString"). */
export function contentFor(id: string): EntityContent | undefined {
  return isEntityId(id) ? ENTITY_CONTENT[id] : undefined;
}

/** The whole timeline, oldest first (`sortEvents`: equal dates keep dataset order). */
export const TIMELINE_SORTED: readonly TimelineEvent[] = sortEvents(TIMELINE);

const NEWEST_FIRST: readonly TimelineEvent[] = [...TIMELINE_SORTED].reverse();

/**
 * Events naming the entity, newest first. Equal dates come out in reverse
 * dataset order: the exact mirror of TIMELINE_SORTED.
 */
export function eventsFor(id: string): TimelineEvent[] {
  return NEWEST_FIRST.filter((e) => e.entities.includes(id));
}

/** Every entity with its content, in names.ts order. */
export const ENTITIES: readonly Entity[] = ENTITY_NAMES.map((n) => ({ ...n, ...ENTITY_CONTENT[n.id] }));
