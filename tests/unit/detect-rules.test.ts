/**
 * The detection rules (src/detect/rules/) hold together: every alias the scan
 * sends to the classifier on its own ("Surface", "Wang") has a profile, every
 * profile is for such an alias, and no rule names something that does not exist.
 */
import { describe, expect, it } from 'vitest';
import { ENTITY_NAMES } from '../../src/dataset/names';
import { createScanner } from '../../src/detect/scan';
import { AGREEMENT_PARTIES, PROFILES } from '../../src/detect/rules/profiles';
import { AMBIGUOUS_WORDS } from '../../src/detect/rules/scan';

const scanner = createScanner(ENTITY_NAMES);
const IDS = new Set<string>(ENTITY_NAMES.map((n) => n.id));

/** Entities whose alias, written exactly as listed in the middle of a sentence, goes to the classifier. */
function sentToClassifierAsListed(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const n of ENTITY_NAMES) {
    if (n.kind === 'agreement') continue; // decided by AGREEMENT_PARTIES, not by a profile
    for (const alias of [n.name, ...n.aliases]) {
      const text = `We talked about ${alias} today.`;
      const start = text.indexOf(alias);
      const hit = scanner.scan(text).find((c) => c.start === start && c.end === start + alias.length);
      if (hit?.needsContext) out.set(n.id, [...(out.get(n.id) ?? []), alias]);
    }
  }
  return out;
}

describe('detection rules', () => {
  const ambiguous = sentToClassifierAsListed();

  it('finds the ambiguous aliases (the check below is not vacuous)', () => {
    expect(ambiguous.get('surface')).toEqual(['Surface']);
    expect(ambiguous.get('wang-xiang')).toEqual(['Wang']);
    expect(ambiguous.has('xiaomi')).toBe(false);
  });

  it('gives every ambiguous alias a profile, and every profile an ambiguous alias', () => {
    const withoutProfile = [...ambiguous]
      .filter(([id]) => !(id in PROFILES))
      .map(([id, a]) => `${id} (${a.join(', ')})`);
    const withoutAlias = Object.keys(PROFILES).filter((id) => !ambiguous.has(id));
    expect(withoutProfile, 'ambiguous aliases whose entity has no profile').toEqual([]);
    expect(withoutAlias, 'profiles of entities with no ambiguous alias').toEqual([]);
  });

  it('uses every ambiguous word in some alias, as a whole word', () => {
    const words = new Set(
      ENTITY_NAMES.flatMap((n) => [n.name, ...n.aliases]).flatMap((a) => a.toLowerCase().split(/[\s-]+/)),
    );
    expect([...AMBIGUOUS_WORDS].filter((w) => !words.has(w))).toEqual([]);
  });

  it('names only entities that exist', () => {
    const unknown = Object.entries(PROFILES).flatMap(([id, p]) =>
      [id, ...(p.related ?? [])].filter((r) => !IDS.has(r)).map((r) => `${id}: ${r}`),
    );
    expect(unknown).toEqual([]);
    expect(AGREEMENT_PARTIES.filter((id) => !IDS.has(id))).toEqual([]);
  });
});
