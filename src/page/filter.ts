/**
 * Which detected mentions are painted under the reader's settings. Pure.
 */
import type { EntityKind } from '../dataset/schema';
import type { Settings } from '../settings/schema';

export interface Filterable {
  entity: string;
  kind: EntityKind;
}

export type FilterSettings = Pick<Settings, 'disabledEntities' | 'disabledKinds'> & {
  style: Pick<Settings['style'], 'firstOnly'>;
};

/**
 * Keeps the mentions the settings allow, in the order given (document order):
 * disabled entities and kinds are dropped; with `firstOnly`, only the first
 * mention of each entity survives.
 */
export function visibleMentions<T extends Filterable>(found: readonly T[], settings: FilterSettings): T[] {
  return found.filter(mentionFilter(settings));
}

/**
 * The same rule as a predicate over mentions taken in document order, for a
 * page kept block by block: with `firstOnly`, it remembers which entities it
 * has let through (make a new one for each pass over the page).
 */
export function mentionFilter(settings: FilterSettings): (m: Filterable) => boolean {
  const offEntities = new Set(settings.disabledEntities);
  const offKinds = new Set<string>(settings.disabledKinds);
  const seen = settings.style.firstOnly ? new Set<string>() : null;
  return (m) => {
    if (offEntities.has(m.entity) || offKinds.has(m.kind)) return false;
    if (seen) {
      if (seen.has(m.entity)) return false;
      seen.add(m.entity);
    }
    return true;
  };
}

/** Does a settings change need the page to be scanned again (rather than just repainted)? */
export function needsRescan(prev: Settings, next: Settings): boolean {
  return (
    prev.detection.mode !== next.detection.mode ||
    JSON.stringify(prev.detection.extraAliases) !== JSON.stringify(next.detection.extraAliases)
  );
}
