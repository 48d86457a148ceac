/**
 * What the options page does to settings, as pure functions: each takes the
 * current settings and returns the next (never mutating), so the page can
 * save the result as one write and tests can check it without a browser.
 */
import * as v from 'valibot';
import { ENTITY_NAMES } from '../dataset/names';
import { ENTITY_KINDS, type EntityKind } from '../dataset/schema';
import { displayNameOf } from '../dataset/display';
import { t, uiLang, type MessageKey } from '../i18n';
import { MAX_ALIAS_LENGTH, MAX_EXTRA_ALIASES } from '../detect/scan';
import { aliasConflict, type AliasConflict } from '../settings/aliases';
import { checkHighlightColour, DARK_PAGE, formatRatio, LIGHT_PAGE, MIN_CONTRAST } from '../settings/contrast';
import { HostPatternSchema, type Settings } from '../settings/schema';

export type EntityEntry = (typeof ENTITY_NAMES)[number];

export { kindPlural } from '../i18n';

/** An entity's name in the UI language (the Chinese name for a Chinese UI); an unknown id as itself. */
export function entityLabel(id: string): string {
  return displayNameOf(id, uiLang());
}

/** A list of names joined the way the UI language writes lists. */
export function joinNames(names: readonly string[]): string {
  return names.join(uiLang() === 'zh' ? '、' : ', ');
}

const fold = (s: string) => s.normalize('NFKC').toLocaleLowerCase();

/** Entities whose name, Chinese name or any alias contains the query; all when the query is blank. */
export function filterEntities(query: string, entities: readonly EntityEntry[] = ENTITY_NAMES): EntityEntry[] {
  const q = fold(query.trim());
  if (!q) return [...entities];
  return entities.filter((e) =>
    [e.name, e.id, 'nameZh' in e ? e.nameZh : '', ...e.aliases].some((n) => n && fold(n).includes(q)),
  );
}

export function entitiesByKind(entities: readonly EntityEntry[]): { kind: EntityKind; entities: EntityEntry[] }[] {
  return ENTITY_KINDS.map((kind) => ({ kind, entities: entities.filter((e) => e.kind === kind) })).filter(
    (g) => g.entities.length > 0,
  );
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
  if (!text) return { ok: false, message: t('opt_errSiteEmpty') };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    try {
      text = new URL(text).hostname;
    } catch {
      return { ok: false, message: t('opt_errAddress', input.trim()) };
    }
  }
  text = text.replace(/\/.*$/, '').replace(/\.$/, '');
  const parsed = v.safeParse(HostPatternSchema, text);
  if (!parsed.success) return { ok: false, message: t('opt_errPattern', input.trim()) };
  return { ok: true, pattern: parsed.output };
}

const LIST_NAMES: Record<SiteList, MessageKey> = { allow: 'opt_allowList', block: 'opt_blockList' };

export function addSite(
  settings: Settings,
  list: SiteList,
  input: string,
): { ok: true; settings: Settings; note: string | null } | { ok: false; message: string } {
  const parsed = parseHostPattern(input);
  if (!parsed.ok) return parsed;
  const { pattern } = parsed;
  if (settings.sites[list].includes(pattern))
    return { ok: false, message: t('opt_errAlready', [pattern, t(LIST_NAMES[list])]) };
  const other: SiteList = list === 'allow' ? 'block' : 'allow';
  const note = settings.sites[other].includes(pattern) ? t('opt_noteBoth', pattern) : null;
  return {
    ok: true,
    settings: { ...settings, sites: { ...settings.sites, [list]: [...settings.sites[list], pattern] } },
    note,
  };
}

export function removeSite(settings: Settings, list: SiteList, pattern: string): Settings {
  return { ...settings, sites: { ...settings.sites, [list]: settings.sites[list].filter((p) => p !== pattern) } };
}

/** Normalises a typed colour (`1A73E8`, `#1a73e8`) or says why it cannot be used. */
export function parseColour(
  input: string,
):
  | { ok: true; colour: string; onLight: number; onDark: number }
  | { ok: false; message: string; onLight?: number; onDark?: number } {
  const text = input.trim().toLowerCase();
  const hex = text.startsWith('#') ? text : `#${text}`;
  if (!/^#[0-9a-f]{6}$/.test(hex)) return { ok: false, message: t('opt_errColour', input.trim()) };
  const check = checkHighlightColour(hex);
  if (!check.ok) {
    const weak: string[] = [];
    if (check.onLight < MIN_CONTRAST) weak.push(t('opt_ratioLight', [formatRatio(check.onLight), LIGHT_PAGE]));
    if (check.onDark < MIN_CONTRAST) weak.push(t('opt_ratioDark', [formatRatio(check.onDark), DARK_PAGE]));
    const ratios = weak.length === 2 ? t('opt_ratioAnd', [weak[0]!, weak[1]!]) : (weak[0] ?? '');
    return { ok: false, message: t('opt_errContrast', [hex, ratios]), onLight: check.onLight, onDark: check.onDark };
  }
  return { ok: true, colour: hex, onLight: check.onLight, onDark: check.onDark };
}

export function setColour(settings: Settings, kind: EntityKind, colour: string): Settings {
  return { ...settings, style: { ...settings.style, colours: { ...settings.style.colours, [kind]: colour } } };
}

export function addAlias(
  settings: Settings,
  entity: string,
  input: string,
): { ok: true; settings: Settings } | { ok: false; message: string } {
  if (!ENTITY_NAMES.some((e) => e.id === entity)) return { ok: false, message: t('opt_errChooseEntity') };
  const conflict = aliasConflict(entity, input, settings.detection.extraAliases);
  if (conflict) return { ok: false, message: aliasConflictMessage(conflict) };
  const list = settings.detection.extraAliases[entity] ?? [];
  return {
    ok: true,
    settings: {
      ...settings,
      detection: {
        ...settings.detection,
        extraAliases: { ...settings.detection.extraAliases, [entity]: [...list, input.trim()] },
      },
    },
  };
}

/** An alias conflict worded for the researcher, in the UI language. */
export function aliasConflictMessage(c: AliasConflict): string {
  switch (c.kind) {
    case 'empty':
      return t('opt_errAliasEmpty');
    case 'short':
      return t('opt_errAliasShort');
    case 'long':
      return t('opt_errAliasLong', [MAX_ALIAS_LENGTH, c.length.toLocaleString(uiLang() === 'zh' ? 'zh-CN' : 'en')]);
    case 'too-many':
      return t('opt_errAliasMany', MAX_EXTRA_ALIASES);
    case 'built-in-own':
      return t('opt_errBuiltInOwn', [c.alias, entityLabel(c.owner)]);
    case 'built-in-other':
      return t('opt_errBuiltInOther', [c.alias, entityLabel(c.owner)]);
    case 'own-alias':
      return t('opt_errOwnAlias', [c.alias, entityLabel(c.owner)]);
    case 'other-alias':
      return t('opt_errOtherAlias', [c.alias, entityLabel(c.owner)]);
  }
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
    return { ok: false, message: t('opt_errDelay') };
  }
  return { ok: true, ms: n };
}

export function formatBytes(bytes: number): string {
  return bytes < 1024 ? t('opt_bytes', bytes) : t('opt_kb', (bytes / 1024).toFixed(1));
}
