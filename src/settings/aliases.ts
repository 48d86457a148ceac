/**
 * The researcher's own aliases are matched like built-in names, so each must
 * name exactly one entity: an alias claimed by two entities (or equal to
 * another entity's built-in name) would make every match ambiguous.
 */
import { ENTITY_NAMES } from '../dataset/names';
import { aliasKey, MAX_ALIAS_LENGTH, MAX_EXTRA_ALIASES } from '../detect/scan';

export interface AliasProblem {
  /** Valibot-style dot path, e.g. `detection.extraAliases.xiaomi.2`. */
  path: string;
  message: string;
}

interface Claim {
  entity: string;
  builtIn: boolean;
}

let builtIns: Map<string, Claim> | undefined;
/**
 * Every built-in name and alias, by the key the scanner matches it by (case,
 * spacing, hyphens and apostrophes folded), to the entity that owns it.
 */
function builtInClaims(): Map<string, Claim> {
  if (builtIns) return builtIns;
  builtIns = new Map();
  for (const e of ENTITY_NAMES) {
    for (const n of [e.name, ...e.aliases, ...('nameZh' in e && e.nameZh ? [e.nameZh] : [])]) {
      const k = aliasKey(n);
      if (!builtIns.has(k)) builtIns.set(k, { entity: e.id, builtIn: true });
    }
  }
  return builtIns;
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
  | { kind: 'long'; length: number }
  | { kind: 'too-many' }
  | { kind: 'built-in-own' | 'built-in-other' | 'own-alias' | 'other-alias'; alias: string; owner: string };

/** What is wrong with the alias on its own (empty, too short or too long), or null. */
function shapeConflict(alias: string): AliasConflict | null {
  const trimmed = alias.trim();
  if (trimmed.length === 0) return { kind: 'empty' };
  // Spaces, hyphens and apostrophes inside do not count: "--" names nothing.
  if (Array.from(aliasKey(trimmed)).length < 2) return { kind: 'short' };
  const length = Array.from(trimmed).length;
  if (length > MAX_ALIAS_LENGTH) return { kind: 'long', length };
  return null;
}

function claimConflict(entity: string, alias: string, claim: Claim): AliasConflict {
  const own = claim.entity === entity;
  const kind = claim.builtIn ? (own ? 'built-in-own' : 'built-in-other') : own ? 'own-alias' : 'other-alias';
  return { kind, alias: alias.trim(), owner: claim.entity };
}

/** Why `alias` cannot be added to `entity` given the aliases already chosen, or null when it can. */
export function aliasConflict(
  entity: string,
  alias: string,
  extraAliases: Record<string, readonly string[]>,
): AliasConflict | null {
  const shape = shapeConflict(alias);
  if (shape) return shape;
  const k = aliasKey(alias);
  const builtIn = builtInClaims().get(k);
  if (builtIn) return claimConflict(entity, alias, builtIn);
  let count = 0;
  for (const [other, list] of Object.entries(extraAliases)) {
    count += list.length;
    if (list.some((a) => aliasKey(a) === k)) return claimConflict(entity, alias, { entity: other, builtIn: false });
  }
  if (count >= MAX_EXTRA_ALIASES) return { kind: 'too-many' };
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
  return c && conflictText(c);
}

function conflictText(c: AliasConflict): string {
  switch (c.kind) {
    case 'empty':
      return 'an alias cannot be empty';
    case 'short':
      return 'an alias needs at least two characters';
    case 'long':
      return `an alias is at most ${MAX_ALIAS_LENGTH} characters; this one has ${c.length.toLocaleString('en')}`;
    case 'too-many':
      return `at most ${MAX_EXTRA_ALIASES} aliases in all`;
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

/**
 * Every conflict in a whole alias map (for import and for repairing stored
 * settings), in a stable order: the first claim to a name keeps it. Linear in
 * the number of aliases (each is looked up once in one map of every name).
 */
export function aliasProblems(extraAliases: Record<string, readonly string[]>): AliasProblem[] {
  const problems: AliasProblem[] = [];
  const claims = new Map(builtInClaims());
  let count = 0;
  for (const [entity, list] of Object.entries(extraAliases)) {
    list.forEach((alias, i) => {
      const path = `detection.extraAliases.${entity}.${i}`;
      const shape = shapeConflict(alias);
      const k = aliasKey(alias);
      const claim = shape ? undefined : claims.get(k);
      const conflict = shape ?? (claim ? claimConflict(entity, alias, claim) : null);
      if (conflict) {
        problems.push({ path, message: conflictText(conflict) });
        return;
      }
      if (++count > MAX_EXTRA_ALIASES) {
        problems.push({ path, message: conflictText({ kind: 'too-many' }) });
        return;
      }
      claims.set(k, { entity, builtIn: false });
    });
  }
  return problems;
}
