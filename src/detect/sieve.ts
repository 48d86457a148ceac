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
import { buildTable, type Listed, type ScannerOptions } from './scan';

/** The sieve's flags: case-sensitive, with `(?i:…)` groups for the names matched in any case. */
export const SIEVE_FLAGS = 'g';

type Table = ReturnType<typeof buildTable>;
type Source = Table['sources'][number];

/** The aliases the scanner lists for these names and options, in its order (built-in names first). */
export function listAliases(names: readonly EntityName[], opts: ScannerOptions = {}): Listed[] {
  const kinds = new Map<string, EntityName['kind']>();
  const listed: Listed[] = [];
  const add = (entity: string, kind: EntityName['kind'] | undefined, alias: string) => {
    const trimmed = alias.trim();
    if (trimmed) listed.push({ entity, kind, alias: trimmed });
  };
  for (const n of names) {
    kinds.set(n.id, n.kind);
    add(n.id, n.kind, n.name);
    for (const a of n.aliases) add(n.id, n.kind, a);
  }
  for (const [entity, list] of Object.entries(opts.extraAliases ?? {})) {
    for (const a of list) add(entity, kinds.get(entity), a);
  }
  return listed;
}

function bounded(src: Source): string {
  return (src.startsWord ? '\\b' : '') + src.body + (src.endsWord ? '\\b' : '');
}

/** The body of one spelling of an alias (its capitals, its capitalised form), as the scanner would compile it. */
function spelling(alias: string): Source {
  return buildTable([{ entity: '', kind: undefined, alias }]).sources[0]!;
}

function capitalised(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * The sieve's RegExp source (flags `SIEVE_FLAGS`) for these names and options,
 * or null when there is no name at all.
 */
export function sieveSource(names: readonly EntityName[], opts: ScannerOptions = {}): string | null {
  const listed = listAliases(names, opts);
  if (listed.length === 0) return null;
  const table = buildTable(listed);
  const anyCase: string[] = [];
  const asWritten = new Set<string>();
  table.entries.forEach((e, i) => {
    const src = table.sources[i]!;
    if (opts.mode === 'plain') {
      // Plain matching: the scanner accepts exactly the listed spelling (spacing and hyphens aside).
      asWritten.add(bounded(src));
    } else if (e.short || e.ambiguous) {
      for (const form of new Set([e.alias, e.alias.toUpperCase(), ...(e.ambiguous ? [capitalised(e.alias)] : [])])) {
        asWritten.add(bounded(form === e.alias ? src : spelling(form)));
      }
    } else {
      anyCase.push(bounded(src));
    }
  });
  const parts = [...asWritten];
  if (anyCase.length) parts.push(`(?i:${anyCase.join('|')})`);
  return parts.join('|');
}

/** The positions (in `text`) where the sieve matches, at most `max` of them. */
export function sieveHits(re: RegExp, text: string, max = Infinity): number[] {
  const out: number[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m && out.length < max; m = re.exec(text)) {
    out.push(m.index);
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}
