/**
 * The researcher's own aliases are matched like built-in names, so each must
 * name exactly one entity: an alias claimed by two entities (or equal to
 * another entity's built-in name) would make every match ambiguous.
 */
import { ENTITY_NAMES } from '../dataset/names';

export interface AliasProblem {
  /** Valibot-style dot path, e.g. `detection.extraAliases.xiaomi.2`. */
  path: string;
  message: string;
}

const key = (alias: string) => alias.trim().toLocaleLowerCase();

interface Claim {
  entity: string;
  name: string;
  builtIn: boolean;
}

/** Every built-in name and alias, lower-cased, to the entity that owns it. */
function builtInClaims(): Map<string, Claim> {
  const claims = new Map<string, Claim>();
  for (const e of ENTITY_NAMES) {
    for (const n of [e.name, ...e.aliases, ...('nameZh' in e && e.nameZh ? [e.nameZh] : [])]) {
      if (!claims.has(key(n))) claims.set(key(n), { entity: e.id, name: e.name, builtIn: true });
    }
  }
  return claims;
}

export function entityDisplayName(id: string): string {
  return ENTITY_NAMES.find((e) => e.id === id)?.name ?? id;
}

/**
 * Why an alias cannot be added, as data (the options page words it in the
 * UI language): `owner` is the entity id that already has the name.
 */
export type AliasConflict =
  | { kind: 'empty' }
  | { kind: 'short' }
  | { kind: 'built-in-own' | 'built-in-other' | 'own-alias' | 'other-alias'; alias: string; owner: string };

/** Why `alias` cannot be added to `entity` given the aliases already chosen, or null when it can. */
export function aliasConflict(
  entity: string,
  alias: string,
  extraAliases: Record<string, readonly string[]>,
): AliasConflict | null {
  const trimmed = alias.trim();
  if (trimmed.length === 0) return { kind: 'empty' };
  if (Array.from(trimmed).length < 2) return { kind: 'short' };
  const k = key(trimmed);
  const builtIn = builtInClaims().get(k);
  if (builtIn)
    return {
      kind: builtIn.entity === entity ? 'built-in-own' : 'built-in-other',
      alias: trimmed,
      owner: builtIn.entity,
    };
  for (const [other, list] of Object.entries(extraAliases)) {
    if (list.some((a) => key(a) === k))
      return { kind: other === entity ? 'own-alias' : 'other-alias', alias: trimmed, owner: other };
  }
  return null;
}

/**
 * Why `alias` cannot be added to `entity` given the aliases already chosen,
 * or null when it can (English: import errors name setting paths).
 */
export function aliasProblem(
  entity: string,
  alias: string,
  extraAliases: Record<string, readonly string[]>,
): string | null {
  const c = aliasConflict(entity, alias, extraAliases);
  if (!c) return null;
  switch (c.kind) {
    case 'empty':
      return 'an alias cannot be empty';
    case 'short':
      return 'an alias needs at least two characters';
    case 'built-in-own':
      return `“${c.alias}” is already a built-in name of ${entityDisplayName(c.owner)}`;
    case 'built-in-other':
      return `“${c.alias}” is a built-in name of ${entityDisplayName(c.owner)}`;
    case 'own-alias':
      return `“${c.alias}” is already one of your aliases for ${entityDisplayName(c.owner)}`;
    case 'other-alias':
      return `“${c.alias}” is already your alias for ${entityDisplayName(c.owner)}`;
  }
}

/** Every conflict in a whole alias map (for import), in a stable order. */
export function aliasProblems(extraAliases: Record<string, readonly string[]>): AliasProblem[] {
  const problems: AliasProblem[] = [];
  const seen: Record<string, string[]> = {};
  for (const [entity, list] of Object.entries(extraAliases)) {
    list.forEach((alias, i) => {
      const problem = aliasProblem(entity, alias, seen);
      if (problem) problems.push({ path: `detection.extraAliases.${entity}.${i}`, message: problem });
      else (seen[entity] ??= []).push(alias);
    });
  }
  return problems;
}
