/**
 * A researcher's aliases come from settings files that strangers share
 * (issue 11): whatever an alias holds, the patterns it compiles to must cost
 * time linear in the text, and an alias that cannot be compiled (or is over a
 * limit) may take away only itself, never the built-in names.
 */
import { describe, expect, it } from 'vitest';
import { ENTITY_NAMES } from '../../src/dataset/names';
import {
  createMatcher,
  createScanner,
  MAX_ALIAS_LENGTH,
  MAX_EXTRA_ALIASES,
  type Listed,
  type Matcher,
} from '../../src/detect/scan';
import { regexpShapeProblems } from './support/regexp-shape';

/** Aliases built to backtrack: every construct the compiler handles, alone and in runs. */
const HOSTILE_ALIASES = [
  'a------------b',
  'a - - - - - - b',
  'a -\t-\n- b',
  'a            b',
  "a''''''''''b",
  "a'’ʼ'’ʼb",
  'a‐‑–-‐‑–b',
  '------------',
  '-leading and trailing-',
  '小 米 小 米 小 米',
  '小-米-小-米',
  'x 小 - 米 y',
  'Mi 4 - 4 - 4',
  'a.*+?^${}()|[]\\b',
  '(a+)+b',
  'HomePod - Mini',
];

const listed = (aliases: readonly string[], entity = 'mi-4'): Listed[] => [
  ...ENTITY_NAMES.flatMap((n) =>
    [n.name, ...n.aliases].map((alias) => ({ entity: n.id, kind: n.kind, alias: alias.trim() })),
  ),
  // mi-4 is a product: its aliases also take a plural "s?".
  ...aliases.map((alias) => ({ entity, kind: 'product' as const, alias: alias.trim() })),
];

describe('scan: aliases compile to patterns linear in the text', () => {
  for (const flags of ['iu', 'u'] as const) {
    it(`no quantified group, no quantified atoms side by side, none starting an alternative (${flags})`, () => {
      const sources = createMatcher(listed(HOSTILE_ALIASES), flags).sources();
      // The prefilter, and the pattern of every first letter (a, 小, the built-in names' letters…).
      expect(sources.length).toBeGreaterThan(10);
      for (const source of sources) expect(regexpShapeProblems(source), source.slice(0, 200)).toEqual([]);
    });
  }

  it('the shape check does catch the patterns that backtrack', () => {
    // What the alias `a---b` used to compile to, and its neighbours in kind.
    expect(regexpShapeProblems('a(?:[-‐‑–]|\\s+)?(?:[-‐‑–]|\\s+)?b')).not.toEqual([]);
    expect(regexpShapeProblems('a\\s+\\s*b')).not.toEqual([]);
    expect(regexpShapeProblems('x|\\s+a')).not.toEqual([]);
    expect(regexpShapeProblems('(?:a+)+b')).not.toEqual([]);
    expect(regexpShapeProblems('(?<!x)a[-\\s]+b(?!y)|c\\s*d')).toEqual([]);
  });

  it('scans a page made to trip each hostile alias, and still finds the mentions around it', () => {
    const scanner = createScanner(ENTITY_NAMES, { extraAliases: { 'mi-4': HOSTILE_ALIASES }, onProblem: () => {} });
    const trap = `a${' '.repeat(5000)}c a${'-'.repeat(5000)}c 小${' '.repeat(5000)}x`;
    const found = scanner.scan(`Xiaomi ${trap} Microsoft`);
    expect(found.map((c) => c.entity)).toEqual(['xiaomi', 'microsoft']);
    expect(scanner.problem).toBeNull();
  });

  it('matches what each construct stands for', () => {
    const scanner = createScanner(ENTITY_NAMES, {
      extraAliases: { 'mi-4': ['a------------b', 'Wi-Fi Box', '小 米 盒', 'Mi - Box'] },
      onProblem: () => {},
    });
    const spans = (t: string) => scanner.scan(t).map((c) => t.slice(c.start, c.end));
    // A run of hyphens is one separator: a hyphen or spaces, or several of them.
    expect(spans('a-b, a - b, a b, a------------b; not ab')).toEqual(['a-b', 'a - b', 'a b', 'a------------b']);
    expect(spans('Wi-Fi Box, Wi Fi  Box, two Wi–Fi Boxs; not WiFi Box')).toEqual([
      'Wi-Fi Box',
      'Wi Fi  Box',
      'Wi–Fi Boxs',
    ]);
    // Spaces beside CJK characters are optional.
    expect(spans('小米盒 小 米 盒')).toEqual(['小米盒', '小 米 盒']);
    expect(spans('Mi-Box Mi Box Mi - Box')).toEqual(['Mi-Box', 'Mi Box', 'Mi - Box']);
  });
});

describe('scan: limits and a pattern that fails to build', () => {
  it('leaves out an alias over the length limit, says so, and keeps every other name', () => {
    const problems: string[] = [];
    const long = 'x'.repeat(100_000);
    const scanner = createScanner(ENTITY_NAMES, {
      extraAliases: { xiaomi: [long, 'Mi Corp'] },
      onProblem: (p) => problems.push(p),
    });
    expect(scanner.scan(`Xiaomi, Mi Corp and Microsoft ${long}`).map((c) => c.entity)).toEqual([
      'xiaomi',
      'xiaomi',
      'microsoft',
    ]);
    expect(problems).toEqual([`1 aliases over ${MAX_ALIAS_LENGTH} characters left out`]);
    expect(scanner.problem).toBe(problems[0]);
  });

  it('uses the first aliases up to the count limit and says how many are left out', () => {
    const problems: string[] = [];
    const many = Array.from({ length: MAX_EXTRA_ALIASES + 5 }, (_, i) => `Project ${i}`);
    const scanner = createScanner(ENTITY_NAMES, { extraAliases: { xiaomi: many }, onProblem: (p) => problems.push(p) });
    expect(scanner.scan(`Project 0, Project ${MAX_EXTRA_ALIASES - 1}, Project ${MAX_EXTRA_ALIASES}`)).toHaveLength(2);
    expect(problems).toEqual([`5 aliases over the first ${MAX_EXTRA_ALIASES} left out`]);
  });

  it('falls back to the built-in names when the patterns with the reader’s aliases fail to build', () => {
    const problems: string[] = [];
    const builtInCount = listed([]).length;
    // A matcher that fails like the RegExp engine does on a pattern too large, as soon as it holds a reader's alias.
    const failing = (l: readonly Listed[], flags: 'u' | 'iu'): Matcher => {
      if (l.length > builtInCount)
        throw new SyntaxError(`Invalid regular expression: /${'x'.repeat(5000)}/: Regular expression too large`);
      return createMatcher(l, flags);
    };
    const scanner = createScanner(
      ENTITY_NAMES,
      { extraAliases: { xiaomi: ['Mi Corp'] }, onProblem: (p) => problems.push(p) },
      { matcher: failing },
    );
    expect(scanner.scan('Xiaomi and Microsoft, not Mi Corp').map((c) => c.entity)).toEqual(['xiaomi', 'microsoft']);
    expect(problems).toEqual(['own aliases left out, their pattern failed (Regular expression too large)']);
  });

  it('falls back too when a letter’s pattern fails on first use, mid-page', () => {
    const problems: string[] = [];
    const builtInCount = listed([]).length;
    const failingLater = (l: readonly Listed[], flags: 'u' | 'iu'): Matcher => {
      const m = createMatcher(l, flags);
      if (l.length === builtInCount) return m;
      return {
        ...m,
        find: () => {
          throw new SyntaxError('Invalid regular expression: /…/: Regular expression too large');
        },
      };
    };
    const scanner = createScanner(
      ENTITY_NAMES,
      { extraAliases: { xiaomi: ['Mi Corp'] }, onProblem: (p) => problems.push(p) },
      { matcher: failingLater },
    );
    expect(scanner.scan('Xiaomi').map((c) => c.entity)).toEqual(['xiaomi']);
    expect(scanner.scan('Microsoft').map((c) => c.entity)).toEqual(['microsoft']);
    expect(problems).toHaveLength(1);
  });
});
