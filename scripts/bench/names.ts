/**
 * Every surface form the extension looks for, as data for the comparison
 * extensions the benchmark generates (floor, mark.js, whole-page compromise):
 * they must all search for exactly the same names as the real scanner's
 * vocabulary, or the comparison means nothing.
 */
import { ENTITY_NAMES } from '../../src/dataset/names';

/** Names, Chinese names and aliases of every entity, deduplicated, longest first. */
export function allSurfaceForms(
  entities: readonly { name: string; nameZh?: string; aliases: readonly string[] }[] = ENTITY_NAMES,
): string[] {
  const set = new Set<string>();
  for (const e of entities) {
    for (const s of [e.name, e.nameZh ?? '', ...e.aliases]) if (s.trim()) set.add(s.trim());
  }
  // Longest first so an alternation prefers "Windows 10 Mobile" over "Windows".
  return [...set].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * One RegExp source matching every form. Word boundaries only where the form
 * begins or ends with a Latin word character: CJK text has no spaces, so a
 * boundary there would miss every mention inside a Chinese sentence.
 */
export function combinedPattern(forms: readonly string[]): string {
  if (forms.length === 0) throw new Error('combinedPattern: no names to match');
  return forms.map((f) => `${/^\w/.test(f) ? '\\b' : ''}${escapeRegExp(f)}${/\w$/.test(f) ? '\\b' : ''}`).join('|');
}
