/**
 * What the options page does to settings, as pure functions: each takes the
 * current settings and returns the next (never mutating), so the page can
 * save the result as one write and tests can check it without a browser.
 */
import * as v from 'valibot';
import { ENTITY_NAMES } from '../dataset/names';
import { ENTITY_KINDS, type EntityKind } from '../dataset/schema';
import { aliasProblem } from '../settings/aliases';
import { checkHighlightColour } from '../settings/contrast';
import { HostPatternSchema, type Settings } from '../settings/schema';

export type EntityEntry = (typeof ENTITY_NAMES)[number];

export const KIND_LABELS: Record<EntityKind, { plural: string; singular: string }> = {
  company: { plural: 'Companies', singular: 'company' },
  product: { plural: 'Products', singular: 'product' },
  person: { plural: 'People', singular: 'person' },
  technology: { plural: 'Technologies', singular: 'technology' },
  agreement: { plural: 'Agreements', singular: 'agreement' },
};

const fold = (s: string) => s.normalize('NFKC').toLocaleLowerCase();

/** Entities whose name, Chinese name or any alias contains the query; all when the query is blank. */
export function filterEntities(query: string, entities: readonly EntityEntry[] = ENTITY_NAMES): EntityEntry[] {
  const q = fold(query.trim());
  if (!q) return [...entities];
  return entities.filter((e) => [e.name, e.id, 'nameZh' in e ? e.nameZh : '', ...e.aliases].some((n) => n && fold(n).includes(q)));
}

export function entitiesByKind(entities: readonly EntityEntry[]): { kind: EntityKind; entities: EntityEntry[] }[] {
  return ENTITY_KINDS.map((kind) => ({ kind, entities: entities.filter((e) => e.kind === kind) })).filter((g) => g.entities.length > 0);
}

export function setEntitiesEnabled(settings: Settings, ids: readonly string[], enabled: boolean): Settings {
  const off = new Set(settings.disabledEntities);
  for (const id of ids) {
    if (enabled) off.delete(id);
    else off.add(id);
  }
  // Keep the stored order stable (unknown ids from a newer dataset stay where they were).
  const kept = settings.disabledEntities.filter((id) => off.has(id));
  const added = [...off].filter((id) => !settings.disabledEntities.includes(id));
  return { ...settings, disabledEntities: [...kept, ...added] };
}

export function setKindEnabled(settings: Settings, kind: EntityKind, enabled: boolean): Settings {
  const others = settings.disabledKinds.filter((k) => k !== kind);
  return { ...settings, disabledKinds: enabled ? others : [...others, kind] };
}

export type SiteList = 'allow' | 'block';

/**
 * Reads what a researcher typed or pasted as a host pattern: a bare host,
 * `*.host`, or a whole URL (its host is kept). Returns the pattern or why not.
 */
export function parseHostPattern(input: string): { ok: true; pattern: string } | { ok: false; message: string } {
  let text = input.trim();
  if (!text) return { ok: false, message: 'Type a site such as example.com or *.example.com.' };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    try {
      text = new URL(text).hostname;
    } catch {
      return { ok: false, message: `“${input.trim()}” is not a valid address.` };
    }
  }
  text = text.replace(/\/.*$/, '').replace(/\.$/, '');
  const parsed = v.safeParse(HostPatternSchema, text);
  if (!parsed.success) return { ok: false, message: `“${input.trim()}” is not a site pattern: use a host such as example.com or *.example.com.` };
  return { ok: true, pattern: parsed.output };
}

const LIST_NAMES: Record<SiteList, string> = { allow: 'always-highlight list', block: 'never-highlight list' };

export function addSite(settings: Settings, list: SiteList, input: string): { ok: true; settings: Settings; note: string | null } | { ok: false; message: string } {
  const parsed = parseHostPattern(input);
  if (!parsed.ok) return parsed;
  const { pattern } = parsed;
  if (settings.sites[list].includes(pattern)) return { ok: false, message: `${pattern} is already on the ${LIST_NAMES[list]}.` };
  const other: SiteList = list === 'allow' ? 'block' : 'allow';
  const note = settings.sites[other].includes(pattern)
    ? `${pattern} is on both lists; the never-highlight list wins.`
    : null;
  return { ok: true, settings: { ...settings, sites: { ...settings.sites, [list]: [...settings.sites[list], pattern] } }, note };
}

export function removeSite(settings: Settings, list: SiteList, pattern: string): Settings {
  return { ...settings, sites: { ...settings.sites, [list]: settings.sites[list].filter((p) => p !== pattern) } };
}

/** Normalises a typed colour (`1A73E8`, `#1a73e8`) or says why it cannot be used. */
export function parseColour(input: string): { ok: true; colour: string; onLight: number; onDark: number } | { ok: false; message: string; onLight?: number; onDark?: number } {
  const text = input.trim().toLowerCase();
  const hex = text.startsWith('#') ? text : `#${text}`;
  if (!/^#[0-9a-f]{6}$/.test(hex)) return { ok: false, message: `“${input.trim()}” must be a colour like #1a73e8.` };
  const check = checkHighlightColour(hex);
  if (!check.ok) return { ok: false, message: `${hex} has ${check.problem}.`, onLight: check.onLight, onDark: check.onDark };
  return { ok: true, colour: hex, onLight: check.onLight, onDark: check.onDark };
}

export function setColour(settings: Settings, kind: EntityKind, colour: string): Settings {
  return { ...settings, style: { ...settings.style, colours: { ...settings.style.colours, [kind]: colour } } };
}

export function addAlias(settings: Settings, entity: string, input: string): { ok: true; settings: Settings } | { ok: false; message: string } {
  if (!ENTITY_NAMES.some((e) => e.id === entity)) return { ok: false, message: 'Choose the entity the alias names.' };
  const problem = aliasProblem(entity, input, settings.detection.extraAliases);
  if (problem) return { ok: false, message: problem.charAt(0).toUpperCase() + problem.slice(1) + '.' };
  const list = settings.detection.extraAliases[entity] ?? [];
  return {
    ok: true,
    settings: {
      ...settings,
      detection: { ...settings.detection, extraAliases: { ...settings.detection.extraAliases, [entity]: [...list, input.trim()] } },
    },
  };
}

export function removeAlias(settings: Settings, entity: string, alias: string): Settings {
  const { [entity]: list = [], ...rest } = settings.detection.extraAliases;
  const remaining = list.filter((a) => a !== alias);
  return {
    ...settings,
    detection: { ...settings.detection, extraAliases: remaining.length ? { ...rest, [entity]: remaining } : rest },
  };
}

/** Hover delay as typed: a whole number of milliseconds from 0 to 2000. */
export function parseHoverDelay(input: string): { ok: true; ms: number } | { ok: false; message: string } {
  const n = Number(input.trim());
  if (input.trim() === '' || !Number.isInteger(n) || n < 0 || n > 2000) {
    return { ok: false, message: 'The delay must be a whole number of milliseconds from 0 to 2000.' };
  }
  return { ok: true, ms: n };
}

export function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KB`;
}
