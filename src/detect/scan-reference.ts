/**
 * The reference form of the scanner's matcher, for tests only: one global
 * RegExp of every alias, longest first, each with its own boundaries. The
 * two-stage matcher in scan.ts (a cheap prefilter, then the aliases of one
 * first letter) must find exactly what this finds
 * (tests/unit/detect-scan-equivalence.test.ts); it is too slow to build on
 * every page, so no shipped script imports it.
 */
import { aliasKey, boundedPattern, buildTable, type Listed, type Matcher } from './scan';

export function referenceMatcher(listed: readonly Listed[], flags: 'u' | 'iu'): Matcher {
  if (listed.length === 0) return { find: () => null, lookup: () => undefined };
  const t = buildTable(listed);
  const re = new RegExp(t.sources.map(boundedPattern).join('|'), `g${flags}`);
  return {
    find(text, from) {
      re.lastIndex = from;
      const m = re.exec(text);
      return m && m[0].length > 0 ? m : null;
    },
    lookup(written) {
      const key = aliasKey(written);
      return t.byKey.get(key) ?? (key.endsWith('s') ? t.byKey.get(key.slice(0, -1)) : undefined);
    },
  };
}
