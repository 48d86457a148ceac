/**
 * The sieve: one RegExp that every page runs over its text to decide whether
 * it needs anything more. A text in which the sieve finds nothing has no
 * candidate for the scanner (`scan.ts`), so a page whose text passes the sieve
 * untouched is done: no scanner built, no message, nothing painted.
 *
 * It must be a superset of the scanner's candidates and cost about what one
 * RegExp of the names costs (the benchmark's floor). Built from the scanner's
 * own alias patterns (`buildTable`), so spacing, hyphens, apostrophes and
 * plurals match as the scanner matches them, with two differences that only
 * ever let more through:
 * - word boundaries are ASCII `\b`, weaker than the scanner's (which also treats
 *   é, ß, Greek and Cyrillic letters as word characters);
 * - a name the scanner accepts in any case is matched case-insensitively.
 * And one that keeps it tight: the scanner rejects an ambiguous word written in
 * lower case ("office", "windows", "surface") and a short name ("Mi", "Pix")
 * written other than as listed or in capitals, so the sieve only matches those
 * as listed ("Office"), in capitals ("OFFICE") or, for ambiguous words,
 * capitalised. The one form it lets go that the scanner would still send to the
 * classifier is an ambiguous word in odd mixed case ("sURFACE", "OFfice") alone
 * in its block: tests/unit/detect-sieve.test.ts lists it.
 *
 * Pure: the background builds the source from the reader's settings and puts
 * it where pages read it (the page never carries the names).
 */
import type { EntityName } from '../dataset/schema';
import { aliasKey, buildTable, MAX_ALIAS_LENGTH, MAX_EXTRA_ALIASES, type Listed, type ScannerOptions } from './scan';

/** What the sieve needs in a page: built by the background, read by every frame's first stage. */
export interface SieveSpec {
  /**
   * RegExp source (flags `g`) of every name's pattern, longest first. In context mode the names are in
   * lower case and the sieve runs over the text in lower case (a case-sensitive RegExp over lowered
   * text runs about twice as fast as a case-insensitive one); in plain mode as listed, over the text as is.
   */
  source: string;
  /** The text is lowered before matching (context mode). */
  lower: boolean;
  /**
   * Names the scanner accepts only in some spellings, by their folded key: an ambiguous word
   * ("office": never all in lower case) or a short name ("mi", "pix": only as listed or in
   * capitals), with the spelling as listed. A hit on one of these is checked against the text.
   */
  strict: Record<string, { listed: string; rule: 'as-listed' | 'capital' }>;
}

type Table = ReturnType<typeof buildTable>;
type Source = Table['sources'][number];

/**
 * The aliases the scanner lists for these names and options, in its order (built-in names first), with
 * the scanner's limits on a reader's own (longer than MAX_ALIAS_LENGTH or past MAX_EXTRA_ALIASES: left out).
 */
export function listAliases(names: readonly EntityName[], opts: ScannerOptions = {}): Listed[] {
  const kinds = new Map<string, EntityName['kind']>();
  const listed: Listed[] = [];
  for (const n of names) {
    kinds.set(n.id, n.kind);
    for (const a of [n.name, ...n.aliases]) {
      const alias = a.trim();
      if (aliasKey(alias)) listed.push({ entity: n.id, kind: n.kind, alias });
    }
  }
  let extra = 0;
  for (const [entity, list] of Object.entries(opts.extraAliases ?? {})) {
    for (const a of list) {
      const alias = a.trim();
      if (!aliasKey(alias) || Array.from(alias).length > MAX_ALIAS_LENGTH || extra >= MAX_EXTRA_ALIASES) continue;
      extra++;
      listed.push({ entity, kind: kinds.get(entity), alias });
    }
  }
  return listed;
}

function bounded(src: Source): string {
  return (src.startsWord ? '\\b' : '') + src.body + (src.endsWord ? '\\b' : '');
}

/**
 * How a hit is told apart from the names the scanner would never take in that spelling: the
 * matched text with apostrophes, hyphens and runs of spaces folded, in lower case. Must agree
 * with the key `sieveSpec` writes (both use this function).
 */
export function sieveKey(s: string): string {
  return s
    .replace(/['’ʼ]/g, "'")
    .replace(/[-‐‑–\s]+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * The patterns as one alternation that V8 runs about three times faster than
 * `a|b|c…` (measured on the corpus pages' text): the word boundary that starts
 * most of them is tested once (`\b(?:…)`), and those that then start with the
 * same letter are grouped behind it, so that at each position only the group of
 * the letter there is tried. The order within a group is kept (longest first);
 * two groups can never match at the same position. Patterns that start
 * otherwise (a character class, an escape, a CJK name) stay as they are.
 */
export function alternation(patterns: readonly string[]): string {
  const groups = new Map<string, string[]>();
  const rest: string[] = [];
  for (const p of patterns) {
    const first = p.startsWith('\\b') ? p.charAt(2) : '';
    if (/^[\p{L}\p{N}]$/u.test(first)) {
      const list = groups.get(first) ?? [];
      if (list.length === 0) groups.set(first, list);
      list.push(p.slice(3));
    } else rest.push(p);
  }
  const grouped = [...groups].map(([c, tails]) => (tails.length === 1 ? c + tails[0] : `${c}(?:${tails.join('|')})`));
  return [...(grouped.length ? [`\\b(?:${grouped.join('|')})`] : []), ...rest].join('|');
}

/**
 * The sieve for these names and options, or null when there is no name at all.
 */
export function sieveSpec(names: readonly EntityName[], opts: ScannerOptions = {}): SieveSpec | null {
  const listed = listAliases(names, opts);
  if (listed.length === 0) return null;
  const plain = opts.mode === 'plain';
  const table = buildTable(listed);
  const strict: SieveSpec['strict'] = {};
  if (!plain)
    table.entries.forEach((e) => {
      // The scanner's order: a short name first (as listed or in capitals), then an ambiguous word (not in lower case).
      if (e.short) strict[sieveKey(e.alias)] = { listed: e.alias, rule: 'as-listed' };
      else if (e.ambiguous) strict[sieveKey(e.alias)] = { listed: e.alias, rule: 'capital' };
    });
  // Longest first (buildTable's order): at one position "surface pro" is tried before "surface".
  const lowered = plain ? table : buildTable(listed.map((l) => ({ ...l, alias: l.alias.toLowerCase() })));
  const source = alternation([...new Set(lowered.sources.map(bounded))]);
  return { source, lower: !plain, strict };
}

const UPPER = /\p{Lu}/u;

/**
 * Would the scanner consider the text `written` a name, as far as case goes? Only names in
 * `strict` are checked: a short name must be written as listed or in capitals, an ambiguous
 * word needs a capital somewhere. (The scanner also takes a listed name plus a plural "s",
 * which a short name's check here refuses: no short name of ours is a product that takes one.)
 */
export function spellingAllowed(spec: SieveSpec, written: string): boolean {
  const strict = spec.strict[sieveKey(written)];
  if (!strict) return true;
  if (strict.rule === 'capital') return UPPER.test(written);
  const folded = written.replace(/\s+/g, ' ');
  const listed = strict.listed.replace(/\s+/g, ' ');
  return folded === listed || folded === listed.toUpperCase();
}

/** A compiled sieve: where in a text the names may be, in the spellings the scanner takes. */
export class Sieve {
  readonly #spec: SieveSpec;
  readonly #re: RegExp;
  #ci: RegExp | null = null;

  constructor(spec: SieveSpec) {
    this.#spec = spec;
    this.#re = new RegExp(spec.source, 'g');
  }

  /** Positions (in `text`) of up to `max` hits. */
  hits(text: string, max = Infinity): number[] {
    let re = this.#re;
    let subject = text;
    if (this.#spec.lower) {
      subject = text.toLowerCase();
      // A few characters lower to two (İ): offsets would shift, so that text is matched case-insensitively.
      if (subject.length !== text.length) {
        re = this.#ci ??= new RegExp(this.#spec.source, 'gi');
        subject = text;
      }
    }
    const out: number[] = [];
    re.lastIndex = 0;
    for (let m = re.exec(subject); m && out.length < max; m = re.exec(subject)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      if (spellingAllowed(this.#spec, text.slice(m.index, m.index + m[0].length))) out.push(m.index);
    }
    return out;
  }
}
