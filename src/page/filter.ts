/**
 * Which detected mentions are painted under the reader's settings. Pure.
 */
import type { EntityKind } from '../dataset/schema';
import type { Settings } from '../settings/schema';

export interface Filterable {
  entity: string;
  kind: EntityKind;
}

/**
 * Keeps the mentions the settings allow, in the order given (document order):
 * disabled entities and kinds are dropped; with `firstOnly`, only the first
 * mention of each entity survives.
 */
export function visibleMentions<T extends Filterable>(
  found: readonly T[],
  settings: Pick<Settings, 'disabledEntities' | 'disabledKinds'> & { style: Pick<Settings['style'], 'firstOnly'> },
): T[] {
  const offEntities = new Set(settings.disabledEntities);
  const offKinds = new Set<string>(settings.disabledKinds);
  const seen = new Set<string>();
  const out: T[] = [];
  for (const m of found) {
    if (offEntities.has(m.entity) || offKinds.has(m.kind)) continue;
    if (settings.style.firstOnly) {
      if (seen.has(m.entity)) continue;
      seen.add(m.entity);
    }
    out.push(m);
  }
  return out;
}

/** Does a settings change need the page to be scanned again (rather than just repainted)? */
export function needsRescan(prev: Settings, next: Settings): boolean {
  return (
    prev.detection.mode !== next.detection.mode ||
    JSON.stringify(prev.detection.extraAliases) !== JSON.stringify(next.detection.extraAliases)
  );
}
