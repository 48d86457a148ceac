/**
 * What replacing one set of settings with another changes, as data: the
 * import confirmation words it for the reader (src/options/import-summary.ts).
 * Pure, in the order the options page shows its sections.
 */
import { ENTITY_KINDS, type EntityKind } from '../dataset/schema';
import type { Settings } from './schema';

export type SettingsChange =
  | { kind: 'entities'; off: string[]; on: string[] }
  | { kind: 'kinds'; off: EntityKind[]; on: EntityKind[] }
  | { kind: 'sitesDefault'; from: boolean; to: boolean }
  | { kind: 'siteList'; list: 'allow' | 'block'; added: string[]; removed: string[] }
  | { kind: 'mark'; from: Settings['style']['mark']; to: Settings['style']['mark'] }
  | { kind: 'colour'; entityKind: EntityKind; from: string; to: string }
  | { kind: 'firstOnly'; from: boolean; to: boolean }
  | { kind: 'mode'; from: Settings['detection']['mode']; to: Settings['detection']['mode'] }
  | { kind: 'aliases'; entity: string; added: string[]; removed: string[] }
  | { kind: 'trigger'; from: Settings['cards']['trigger']; to: Settings['cards']['trigger'] }
  | { kind: 'hoverDelay'; from: number; to: number };

/** Items of `b` not in `a`, and of `a` not in `b`, each in its list's order. */
function listDiff<T>(a: readonly T[], b: readonly T[]): { added: T[]; removed: T[] } {
  const inA = new Set(a);
  const inB = new Set(b);
  return { added: b.filter((x) => !inA.has(x)), removed: a.filter((x) => !inB.has(x)) };
}

export function settingsChanges(from: Settings, to: Settings): SettingsChange[] {
  const changes: SettingsChange[] = [];
  const entities = listDiff(from.disabledEntities, to.disabledEntities);
  if (entities.added.length || entities.removed.length)
    changes.push({ kind: 'entities', off: entities.added, on: entities.removed });
  const kinds = listDiff(from.disabledKinds, to.disabledKinds);
  if (kinds.added.length || kinds.removed.length) changes.push({ kind: 'kinds', off: kinds.added, on: kinds.removed });
  if (from.sites.defaultOn !== to.sites.defaultOn)
    changes.push({ kind: 'sitesDefault', from: from.sites.defaultOn, to: to.sites.defaultOn });
  for (const list of ['allow', 'block'] as const) {
    const d = listDiff(from.sites[list], to.sites[list]);
    if (d.added.length || d.removed.length) changes.push({ kind: 'siteList', list, ...d });
  }
  if (from.style.mark !== to.style.mark) changes.push({ kind: 'mark', from: from.style.mark, to: to.style.mark });
  for (const entityKind of ENTITY_KINDS) {
    const a = from.style.colours[entityKind];
    const b = to.style.colours[entityKind];
    if (a.toLowerCase() !== b.toLowerCase()) changes.push({ kind: 'colour', entityKind, from: a, to: b });
  }
  if (from.style.firstOnly !== to.style.firstOnly)
    changes.push({ kind: 'firstOnly', from: from.style.firstOnly, to: to.style.firstOnly });
  if (from.detection.mode !== to.detection.mode)
    changes.push({ kind: 'mode', from: from.detection.mode, to: to.detection.mode });
  const entitiesWithAliases = [
    ...new Set([...Object.keys(from.detection.extraAliases), ...Object.keys(to.detection.extraAliases)]),
  ];
  for (const entity of entitiesWithAliases) {
    const d = listDiff(from.detection.extraAliases[entity] ?? [], to.detection.extraAliases[entity] ?? []);
    if (d.added.length || d.removed.length) changes.push({ kind: 'aliases', entity, ...d });
  }
  if (from.cards.trigger !== to.cards.trigger)
    changes.push({ kind: 'trigger', from: from.cards.trigger, to: to.cards.trigger });
  if (from.cards.hoverDelayMs !== to.cards.hoverDelayMs)
    changes.push({ kind: 'hoverDelay', from: from.cards.hoverDelayMs, to: to.cards.hoverDelayMs });
  return changes;
}
