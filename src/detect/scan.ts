/**
 * The cheap alias scan: every alias matched case-insensitively with flexible
 * spacing (see `createMatcher` for how, cheaply), then case and neighbour rules
 * that settle most names without NLP. This module runs in the content script
 * on every page, so it must not import compromise (or anything heavy), and
 * what it sets up per page is kept small: ambiguous leftovers are marked
 * `needsContext` for `classify.ts`.
 */
import type { EntityKind, EntityName } from '../dataset/schema';
import { AMBIGUOUS_WORDS, CJK_NOT_FOLLOWED_BY, CJK_NOT_PRECEDED_BY, SUFFIX_AFTER_NAME } from './rules/scan';
import type { Candidate, DetectionMode } from './types';

export interface ScannerOptions {
  /** Researcher's own names: entity id → extra aliases (settings.detection.extraAliases). */
  extraAliases?: Readonly<Record<string, readonly string[]>>;
  /** 'context' (default): case rules + NLP for ambiguous names. 'plain': every alias written as listed. */
  mode?: DetectionMode;
  /**
   * Told (once) when some of the researcher's aliases are left out: over a limit, or a pattern
   * that does not compile. Defaults to a console warning.
   */
  onProblem?: (problem: string) => void;
}

/**
 * Limits on a researcher's own aliases (in characters, i.e. code points).
 * Each alias costs every page it runs on: the prefilter and its first
 * letter's pattern grow with it, and a pattern too large for the RegExp
 * engine fails to build at all (one 100,000-character alias did). At the
 * limits, building the scanner and scanning a sentence took (Node, median of
 * 7, a loaded 2-core machine) 1–3 ms with the built-in names alone, 10–30 ms
 * with 500 ordinary names, and 14–140 ms in the worst case (500 aliases of 80
 * characters, all starting with the letter the text has, full of
 * separators): bounded, where 10,000 aliases nearly doubled a page's script
 * time and one long alias stopped detection. The settings schema
 * refuses aliases beyond these (src/settings); the scanner leaves them out
 * too, so that nothing that reaches a page can stop it.
 */
export const MAX_ALIAS_LENGTH = 80;
export const MAX_EXTRA_ALIASES = 500;

export interface Scanner {
  scan(text: string): Candidate[];
  /** Why some of the researcher's aliases are not used, or null: the built-in names always are. */
  readonly problem: string | null;
}

export interface AliasEntry {
  entity: string;
  kind: EntityKind | undefined;
  /** The alias as listed (its case is the reference for case rules). */
  alias: string;
  /** Lower-case words of the alias, for the ambiguity rules. */
  words: string[];
  /** A single word in AMBIGUOUS_WORDS ("Surface", "Echo"): never settled without context. */
  ambiguous: boolean;
  /** Some word is ambiguous ("Surface Pro", "Google Home"): settled only when written as listed. */
  hasAmbiguousWord: boolean;
  /** Three letters or fewer ("Pix", "MoU", "Mi 4"): matched only as written or in capitals. */
  short: boolean;
  /** Latin-script letters in the alias (CJK names have no case and no word boundaries). */
  cased: boolean;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
/**
 * Unicode property classes (\p{…}) are large and costly to compile, and the
 * content script compiles afresh on every page: ASCII-only text, most names
 * and matches, takes a plain path that gives the same answer.
 */
const NON_ASCII = /[\u0080-\u{10ffff}]/u;
export function hasCjk(s: string): boolean {
  return NON_ASCII.test(s) && CJK.test(s);
}
/** A word character for boundary checks: letters of cased scripts, marks, digits. CJK is not one (no spaces there). */
// Explicit ranges (Latin, Latin-1, Latin Extended, combining marks, Greek, Cyrillic) rather than
// \p{Script=…}: the same test, but the case-insensitive RegExp compiles several times faster.
const WORD_CHAR =
  '[0-9A-Za-z_\\u00AA\\u00B5\\u00BA\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F\\u0300-\\u036F\\u0370-\\u03FF\\u0400-\\u04FF\\u1E00-\\u1EFF]';
const WORD_CHAR_RE = new RegExp(WORD_CHAR, 'u');
const APOSTROPHES = /['’ʼ]/g;
/** A space beside a CJK character: optional in Chinese ("Windows 10 移动版" = "Windows 10移动版"). */
const CJK_SPACE =
  /(?<=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]) | (?=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])/gu;
const HYPHENS = /[-‐‑–]/g;

/** Folds the spellings the pattern treats alike: apostrophes, hyphens (or a space for one), runs of spaces. */
function foldSpelling(s: string): string {
  const folded = s.replace(APOSTROPHES, "'").replace(HYPHENS, ' ').replace(/\s+/g, ' ');
  return (NON_ASCII.test(folded) ? folded.replace(CJK_SPACE, '') : folded).trim();
}

/** The lookup key of an alias or of matched text: case, spacing, apostrophes and hyphens folded. */
export function aliasKey(s: string): string {
  return foldSpelling(s).toLowerCase();
}

/** An alias's RegExp source, split for the two-stage scan (see createScanner). */
interface AliasSource {
  /** The whole alias: flexible whitespace, any apostrophe, any hyphen (or a space for it), plural. No boundaries. */
  body: string;
  /** The body up to its first whitespace: every match of the body starts with a match of this. */
  head: string;
  /** Starts / ends with a word character: needs a word boundary there. */
  startsWord: boolean;
  endsWord: boolean;
}

/**
 * How an alias's text compiles. The cost of matching must stay linear in the
 * text whatever a researcher types, so the pattern has no quantified group,
 * no two quantified atoms side by side and none at its start (issue 11: an
 * alias of twelve hyphens, each an optional group that could also match
 * spaces, backtracked exponentially on any indented "a"). What compiles:
 * - a run of whitespace and hyphens between two other characters is ONE
 *   separator: `\s+` for whitespace only, one class `[-‐‑–\s]+` when it holds a
 *   hyphen (a hyphen also matches a space, or several: "Heung Yeung"), each
 *   optional (`*`) beside a CJK character (Chinese writes no space there);
 * - an apostrophe matches any apostrophe; any other character itself;
 * - separators at either end are dropped (aliasKey drops them too).
 * The next atom after a separator is never whitespace or a hyphen, so a
 * separator can only end where its run ends: trying an alias at a position
 * costs time linear in the text it reads (the run, read forward and given back
 * once). tests/unit/detect-scan-hostile.test.ts checks every compiled pattern
 * for these properties (tests/unit/support/regexp-shape.ts).
 */
const SEPARATOR_CHARS = new Set(['-', '‐', '‑', '–']);
const isSeparator = (ch: string) => SEPARATOR_CHARS.has(ch) || /\s/.test(ch);

/** RegExp source for one character of an alias that is not a separator: any apostrophe for one. */
function charSource(ch: string): string {
  // String look-ups, not RegExps: the content script builds the prefilter from every alias on every
  // page, and a RegExp per character (cold, interpreted) made that a visible part of its start-up.
  if (ch === "'" || ch === '’' || ch === 'ʼ') return "['’ʼ]";
  return RE_SPECIAL.includes(ch) ? `\\${ch}` : ch;
}

const RE_SPECIAL = '.*+?^${}()|[]\\';

/** The alias's characters with separators at either end dropped (as code points). */
function coreChars(alias: string): string[] {
  const chars = Array.from(alias);
  let a = 0;
  let b = chars.length;
  while (a < b && isSeparator(chars[a]!)) a++;
  while (b > a && isSeparator(chars[b - 1]!)) b--;
  return chars.slice(a, b);
}

/** `aliasSource(alias).head`, without the rest: what the prefilter needs of every alias on every page. */
function headSource(alias: string): string {
  let src = '';
  for (const ch of coreChars(alias)) {
    if (isSeparator(ch)) break;
    src += charSource(ch);
  }
  return src;
}

function aliasSource(alias: string, plural: boolean): AliasSource {
  let src = '';
  let head: string | null = null;
  const chars = coreChars(alias);
  for (let i = 0; i < chars.length;) {
    const ch = chars[i]!;
    if (!isSeparator(ch)) {
      src += charSource(ch);
      i++;
      continue;
    }
    // One run of separators (never at either end: coreChars dropped those) compiles to one atom.
    let j = i;
    let hyphen = false;
    for (; j < chars.length && isSeparator(chars[j]!); j++) if (SEPARATOR_CHARS.has(chars[j]!)) hyphen = true;
    head ??= src;
    // Chinese writes no space between Latin and Han ("Windows 10移动版"), so next to a CJK character the separator is optional.
    const optional = hasCjk(chars[i - 1] ?? '') || hasCjk(chars[j] ?? '');
    src += (hyphen ? '[-‐‑–\\s]' : '\\s') + (optional ? '*' : '+');
    i = j;
  }
  head ??= src;
  if (plural) src += 's?';
  const first = chars[0] ?? '';
  const last = chars[chars.length - 1] ?? '';
  return { body: src, head, startsWord: WORD_CHAR_RE.test(first), endsWord: WORD_CHAR_RE.test(last) };
}

/** The alias's pattern with its own boundaries, as one alternative of a single combined RegExp would have it. */
export function boundedPattern(s: AliasSource): string {
  return (s.startsWord ? `(?<!${WORD_CHAR})` : '') + s.body + (s.endsWord ? `(?!${WORD_CHAR})` : '');
}

/**
 * The group of aliases starting with this character (see createMatcher), or
 * null when grouping cannot be exact for it.
 */
function groupKey(ch: string): string | null {
  if (/[-'‐‑–’ʼ]/.test(ch)) return null;
  if (ch.charCodeAt(0) < 0x80) return ch.toLowerCase();
  return uncased(ch) ? ch : null;
}

/** A character case mapping leaves alone (CJK, digits, punctuation). */
function uncased(ch: string): boolean {
  return ch.toLowerCase() === ch && ch.toUpperCase() === ch;
}

function letters(s: string): string {
  return NON_ASCII.test(s) ? s.replace(/[^\p{L}]/gu, '') : s.replace(/[^A-Za-z]/g, '');
}

function makeEntry(entity: string, kind: EntityKind | undefined, alias: string): AliasEntry {
  const words = aliasKey(alias)
    .split(/[\s-]+/)
    .filter(Boolean);
  const amb = words.map((w) => AMBIGUOUS_WORDS.has(w));
  return {
    entity,
    kind,
    alias: alias.trim(),
    words,
    // Only a single word is ambiguous on its own: "Amazon Echo" as a whole is not.
    ambiguous: amb.length === 1 && amb[0] === true,
    hasAmbiguousWord: amb.some(Boolean),
    short: !hasCjk(alias) && letters(alias).length <= 3,
    cased: NON_ASCII.test(alias) ? /\p{Lu}|\p{Ll}/u.test(alias) : /[A-Za-z]/.test(alias),
  };
}

/**
 * The rule that judged a match, as a number in verdict order: below ASK_FIRST
 * the match is rejected, below ACCEPT_FIRST it is a question for the
 * classifier, from ACCEPT_FIRST on it is accepted. Numbers, not names: the
 * content script carries this on every page, and src/detect/why.ts (background
 * only) gives each one its name.
 */
export type ScanRule = number;
/** Plain mode, not written as listed. */
export const REJECT_PLAIN = 0;
/** Three letters or fewer, not written as listed or in capitals ("mi4", "w10m"). */
export const REJECT_SHORT = 1;
/** A person's name followed by Jr. or Sr. (someone else: the actor Harry Shum Jr.). */
export const REJECT_PERSON_SUFFIX = 2;
/** A CJK name whose next character makes it another word (小米粥). */
export const REJECT_CJK_NEXT = 3;
/** A CJK name whose previous character makes it part of another word (有求必应). */
export const REJECT_CJK_PREVIOUS = 4;
/** One ambiguous word alone, in lower case ("surface"). */
export const REJECT_LOWER_AMBIGUOUS = 5;
export const ASK_FIRST = 6;
/** An agreement's generic phrase ("memorandum of understanding"): classify checks the document names the partners. */
export const ASK_AGREEMENT = 6;
/** A longer name holding an ambiguous word, in lower case ("surface pro"). */
export const ASK_LOWER_NAME = 7;
/** One ambiguous word alone, capitalised or in capitals ("Surface"). */
export const ASK_AMBIGUOUS = 8;
/** A longer name holding an ambiguous word, in mixed case ("Surface pro"). */
export const ASK_MIXED_NAME = 9;
export const ACCEPT_FIRST = 10;
/** Plain mode, written as listed. */
export const ACCEPT_PLAIN = 10;
/** A name without an ambiguous word, in lower case ("xiaomi"). */
export const ACCEPT_LOWER = 11;
/** Written as listed or in capitals, or a name without an ambiguous word in any other case. */
export const ACCEPT = 12;

/** One alias match and the rule that judged it (ScannerInternals.onMatch). */
export interface ScanMatch {
  entry: AliasEntry;
  /** The match in the scanned text, after any fall-back to a listed prefix ("Google home page" → "Google"). */
  start: number;
  end: number;
  rule: ScanRule;
}

type CaseForm = 'exact' | 'upper' | 'lower' | 'mixed';

/** How the text writes the alias, compared with how the alias is listed. */
export function caseForm(written: string, alias: string): CaseForm {
  const w = foldSpelling(written);
  const a = foldSpelling(alias);
  if (w === a || w === a + 's') return 'exact';
  const l = letters(w);
  if (l && l === l.toUpperCase() && l !== l.toLowerCase()) return 'upper';
  if (l && l === l.toLowerCase()) return 'lower';
  return 'mixed';
}

/** What the shipped scanner does not need: for tests, and for explaining a mention (src/detect/why.ts). */
export interface ScannerInternals {
  /**
   * Told of every match and the rule that judged it, rejected ones too: how
   * src/detect/why.ts explains a mention (the scanner itself keeps nothing of it).
   */
  onMatch?: (match: ScanMatch) => void;
  /**
   * Match with this instead of the two-stage matcher: the test of the scanner passes the
   * reference form (scan-reference.ts), which the shipped scripts do not carry.
   */
  matcher?: (listed: readonly Listed[], flags: 'u' | 'iu') => Matcher;
}

/** One alias as listed, before deduplication. */
export interface Listed {
  entity: string;
  kind: EntityKind | undefined;
  /** Trimmed. */
  alias: string;
}

/** The aliases of one group (see createMatcher), deduplicated, longest first, with their patterns. */
interface AliasTable {
  entries: AliasEntry[];
  sources: AliasSource[];
  byKey: Map<string, AliasEntry>;
  /** Sticky RegExp of the group's aliases, compiled on first use. */
  re: RegExp | null;
}

export function buildTable(listed: readonly Listed[]): AliasTable {
  const byKey = new Map<string, AliasEntry>();
  for (const l of listed) {
    const key = aliasKey(l.alias);
    // The first entity listing a name keeps it: built-in names win over a researcher's duplicate.
    if (!byKey.has(key)) byKey.set(key, makeEntry(l.entity, l.kind, l.alias));
  }
  const entries = [...byKey.values()];
  // Longest alias first: at one position the alternation takes the first that fits,
  // so "Windows 10 Mobile" wins over "Windows 10" over "Windows". (Plain code-unit order
  // among equal lengths: localeCompare would build a collator, several ms on every page.)
  entries.sort((x, y) => y.alias.length - x.alias.length || (x.alias < y.alias ? -1 : x.alias > y.alias ? 1 : 0));
  const sources = entries.map((e) => {
    // Product names take a plural ("HomePods"), except bare ambiguous words ("Surfaces", "Echos").
    const plural =
      e.kind === 'product' &&
      !e.ambiguous &&
      (NON_ASCII.test(e.alias) ? /\p{Ll}$/u.test(e.alias) : /[a-z]$/.test(e.alias));
    return aliasSource(e.alias, plural);
  });
  return { entries, sources, byKey, re: null };
}

/**
 * Builds a scanner for the given names. Cheap: only the prefilter is built
 * here; each group of aliases is prepared when the text first needs it.
 * Callers keep the scanner (detect() caches one per alias configuration).
 */
export function createScanner(
  names: readonly EntityName[],
  opts: ScannerOptions = {},
  internal: ScannerInternals = {},
): Scanner {
  const mode: DetectionMode = opts.mode ?? 'context';
  const flags = mode === 'plain' ? 'u' : 'iu';
  const kinds = new Map<string, EntityKind>();
  const builtIn: Listed[] = [];
  for (const n of names) {
    kinds.set(n.id, n.kind);
    for (const a of [n.name, ...n.aliases]) {
      const alias = a.trim();
      if (aliasKey(alias)) builtIn.push({ entity: n.id, kind: n.kind, alias });
    }
  }
  const extra: Listed[] = [];
  let tooLong = 0;
  let tooMany = 0;
  for (const [entity, list] of Object.entries(opts.extraAliases ?? {})) {
    for (const a of list) {
      const alias = a.trim();
      if (!aliasKey(alias)) continue;
      if (Array.from(alias).length > MAX_ALIAS_LENGTH) tooLong++;
      else if (extra.length >= MAX_EXTRA_ALIASES) tooMany++;
      else extra.push({ entity, kind: kinds.get(entity), alias });
    }
  }
  let problem: string | null = null;
  const report = (p: string) => {
    problem = problem ? `${problem}; ${p}` : p;
    (opts.onProblem ?? ((m: string) => console.warn(`[Partnership Lens] ${m}`)))(p);
  };
  if (tooLong) report(`${tooLong} aliases over ${MAX_ALIAS_LENGTH} characters left out`);
  if (tooMany) report(`${tooMany} aliases over the first ${MAX_EXTRA_ALIASES} left out`);

  // The researcher's aliases go into the same patterns as the built-in names (the longest name
  // wins across both). If those patterns fail to build, now or when a letter's pattern is first
  // needed, the scanner carries on with the built-in names alone: a settings file can take away
  // its own aliases, never detection.
  const makeMatcher = internal.matcher ?? createMatcher;
  let matcher: Matcher;
  let fellBack = extra.length === 0;
  const fallBack = (err: unknown) => {
    fellBack = true;
    matcher = makeMatcher(builtIn, flags);
    report(`own aliases left out, their pattern failed (${shortError(err)})`);
  };
  try {
    matcher = makeMatcher(fellBack ? builtIn : [...builtIn, ...extra], flags);
  } catch (err) {
    if (fellBack) throw err;
    fallBack(err);
  }

  /**
   * The decision the scan can make alone, as the rule that made it (ScanRule:
   * below ASK_FIRST a rejection, below ACCEPT_FIRST a question for classify, else
   * accepted). `after` is the text following the match (for "Harry Shum Jr.").
   */
  const judge = (e: AliasEntry, written: string, after: string, before = ''): ScanRule => {
    const form = e.cased ? caseForm(written, e.alias) : 'exact';
    if (mode === 'plain') return form === 'exact' ? ACCEPT_PLAIN : REJECT_PLAIN;
    if (e.short && form !== 'exact' && form !== 'upper') return REJECT_SHORT;
    if (e.kind === 'person' && SUFFIX_AFTER_NAME.test(after)) return REJECT_PERSON_SUFFIX;
    const notBefore = CJK_NOT_FOLLOWED_BY[written];
    if (notBefore && after && notBefore.includes(after[0]!)) return REJECT_CJK_NEXT;
    const notAfter = CJK_NOT_PRECEDED_BY[written];
    if (notAfter && before && notAfter.includes(before)) return REJECT_CJK_PREVIOUS;
    // Generic agreement phrases ("memorandum of understanding", "MoU") count only
    // where the document is about the partners: classify checks the context.
    if (e.kind === 'agreement') return ASK_AGREEMENT;
    if (form === 'lower') {
      if (e.ambiguous) return REJECT_LOWER_AMBIGUOUS;
      if (e.hasAmbiguousWord) return ASK_LOWER_NAME;
      return ACCEPT_LOWER;
    }
    if (e.ambiguous) return ASK_AMBIGUOUS;
    if (e.hasAmbiguousWord && form === 'mixed') return ASK_MIXED_NAME;
    return ACCEPT;
  };

  const scanWith = ({ find, lookup }: Matcher, text: string): Candidate[] => {
    const out: Candidate[] = [];
    let m: RegExpExecArray | null;
    for (let from = 0; (m = find(text, from));) {
      from = m.index + m[0].length;
      const start = m.index;
      let written = m[0];
      let entry = lookup(written);
      if (!entry) continue; // cannot happen: every alternative comes from byKey
      // "Google home page", "Microsoft azure": a lower-cased ambiguous word is not
      // part of the product's name; fall back to the longest listed prefix ("Google").
      if (mode === 'context' && entry.words.length > 1 && entry.cased) {
        const fb = fallbackPrefix(written, entry, lookup);
        if (fb) {
          written = fb.written;
          entry = fb.entry;
          from = start + written.length;
        }
      }
      const end = start + written.length;
      const rule = judge(entry, written, text.slice(end, end + 8), text.slice(Math.max(0, start - 1), start));
      internal.onMatch?.({ entry, start, end, rule });
      if (rule < ASK_FIRST) continue;
      out.push({ entity: entry.entity, start, end, text: written, needsContext: rule < ACCEPT_FIRST });
    }
    return out;
  };

  return {
    scan(text: string): Candidate[] {
      try {
        return scanWith(matcher, text);
      } catch (err) {
        if (fellBack) throw err;
        fallBack(err);
        return scanWith(matcher, text);
      }
    },
    get problem() {
      return problem;
    },
  };
}

/** An error's message, short: a RegExp's message quotes the whole pattern. */
function shortError(err: unknown): string {
  return String(err).split('/: ').pop()!.slice(0, 100);
}

export interface Matcher {
  /** From `from` on, the next match, as one RegExp of every alias would find it. */
  find: (text: string, from: number) => RegExpExecArray | null;
  /** The alias entry for matched text (or for it without a plural s). */
  lookup: (written: string) => AliasEntry | undefined;
}

/**
 * The matcher behind scan(): finds what one RegExp of every alias (longest
 * first, each with its own word boundaries, as `boundedPattern` writes it)
 * would find, without ever compiling that RegExp.
 *
 * Why: such a RegExp (case-insensitive, Unicode, a lookbehind and a lookahead
 * per alias) cost ~20 ms to build and compile on every page, and ran slowly
 * because the lookbehind in front of every alternative keeps the engine from
 * ruling alternatives out by their first character. Instead, two stages:
 * 1. a prefilter of the aliases' heads (their text up to the first space) finds
 *    where a match could start: plain literals, cheap to compile, fast to run;
 * 2. there, the aliases whose first character is that one decide: one small
 *    sticky RegExp per group (prepared on first use, so a page only pays for
 *    the letters its hits start with), holding those aliases in the same order.
 *    The lookbehind they share is one check of the previous character, made
 *    before the group is even prepared; each lookahead is written once per run
 *    of aliases that need it.
 * Every match of an alias starts with a match of its head, and no alias can
 * match where its first character does not, so position by position this
 * finds what the single RegExp would.
 *
 * Groups are keyed by the first character: an ASCII one by its lower case (no
 * other ASCII character is its case-insensitive equal), one without case by
 * itself. If any alias starts otherwise (a cased non-ASCII letter, an
 * apostrophe or hyphen, whose pattern also matches other characters), there
 * is one group of every alias in the reference form.
 */
export function createMatcher(listed: readonly Listed[], flags: 'u' | 'iu'): Matcher & { sources(): string[] } {
  if (listed.length === 0) return { find: () => null, lookup: () => undefined, sources: () => [] };
  const prefilter = new RegExp([...new Set(listed.map((l) => headSource(l.alias)))].join('|'), `g${flags}`);
  const wordChar = new RegExp(`^${WORD_CHAR}$`, flags);

  const members = new Map<string, Listed[]>();
  let grouped = true;
  for (const l of listed) {
    const key = groupKey(coreChars(l.alias)[0] ?? '');
    if (key === null) grouped = false;
    const list = members.get(key ?? '');
    if (list) list.push(l);
    else members.set(key ?? '', [l]);
  }
  if (!grouped) members.set('', [...listed]);

  const tables = new Map<string, AliasTable | null>();
  const tableFor = (key: string): AliasTable | null => {
    let t = tables.get(key);
    if (t === undefined) {
      const list = members.get(key);
      t = list ? buildTable(list) : null;
      tables.set(key, t);
    }
    return t;
  };

  /** Grouped: the group's aliases in runs sharing one lookahead, no lookbehind (checked before). */
  const groupRegExp = (t: AliasTable): RegExp => {
    const runs: string[] = [];
    let run: string[] = [];
    let runEndsWord = false;
    // Backtracking into a run tries the same alternatives in the same order as one lookahead each would.
    const close = () => {
      if (run.length) runs.push(`(?:${run.join('|')})${runEndsWord ? `(?!${WORD_CHAR})` : ''}`);
      run = [];
    };
    for (const src of t.sources) {
      if (src.endsWord !== runEndsWord) close();
      runEndsWord = src.endsWord;
      run.push(src.body);
    }
    close();
    return new RegExp(runs.join('|'), `y${flags}`);
  };

  /** The key of the ASCII group a cased non-ASCII character equals case-insensitively (ſ → s, K → k), if any. */
  const equals = new Map<string, string | null>();
  const equalKey = (ch: string): string | null => {
    let k = equals.get(ch);
    if (k === undefined) {
      k = null;
      if (flags === 'iu') {
        for (const key of members.keys()) {
          if (/^[a-z]$/.test(key) && new RegExp(`^${key}$`, 'iu').test(ch)) k = key;
        }
      }
      equals.set(ch, k);
    }
    return k;
  };
  /** The group a text character can start a match of. */
  const keyOf = (ch: string): string | null =>
    ch.charCodeAt(0) < 0x80 ? ch.toLowerCase() : uncased(ch) ? ch : equalKey(ch);

  const wordBefore = (text: string, at: number): boolean => {
    if (at === 0) return false;
    const c = text.charCodeAt(at - 1);
    const pair = c >= 0xdc00 && c <= 0xdfff && at > 1 && (text.charCodeAt(at - 2) & 0xfc00) === 0xd800;
    return wordChar.test(text.slice(pair ? at - 2 : at - 1, at));
  };

  const matchAt = (text: string, at: number, ch: string): RegExpExecArray | null => {
    let t: AliasTable | null;
    if (grouped) {
      const key = keyOf(ch);
      if (key === null || !members.has(key)) return null;
      // Every alias of the group starts with a word character or none does: the key's own.
      if (WORD_CHAR_RE.test(key) && wordBefore(text, at)) return null;
      t = tableFor(key);
      if (!t) return null;
      t.re ??= groupRegExp(t);
    } else {
      t = tableFor('');
      if (!t) return null;
      t.re ??= new RegExp(t.sources.map(boundedPattern).join('|'), `y${flags}`);
    }
    t.re.lastIndex = at;
    return t.re.exec(text);
  };

  return {
    /** For tests: the source of every RegExp this matcher runs (each group's built now). */
    sources() {
      const out = [prefilter.source];
      for (const key of members.keys()) {
        if (!grouped && key !== '') continue;
        const t = tableFor(key);
        if (t) out.push(grouped ? groupRegExp(t).source : t.sources.map(boundedPattern).join('|'));
      }
      return out;
    },
    find(text, from) {
      for (let p = from; p <= text.length;) {
        prefilter.lastIndex = p;
        const hit = prefilter.exec(text);
        if (!hit) return null;
        const at = hit.index;
        const ch = String.fromCodePoint(text.codePointAt(at) ?? 0);
        const m = matchAt(text, at, ch);
        // (An empty match, possible only for an alias of a lone hyphen, would never advance.)
        if (m && m[0].length > 0) return m;
        p = at + ch.length;
      }
      return null;
    },
    lookup(written) {
      const key = aliasKey(written);
      let t: AliasTable | null;
      if (grouped) {
        // A key lives in the group of its first character (see buildTable's keys).
        const first = key.codePointAt(0);
        if (first === undefined) return undefined;
        const ch = String.fromCodePoint(first);
        const k = ch.charCodeAt(0) < 0x80 || uncased(ch) ? ch : null;
        t = k === null ? null : tableFor(k);
      } else t = tableFor('');
      if (!t) return undefined;
      return t.byKey.get(key) ?? (key.endsWith('s') ? t.byKey.get(key.slice(0, -1)) : undefined);
    },
  };
}

/**
 * For a multi-word match whose later words are written in lower case while the
 * listed name capitalises them, and at least one of those words is ambiguous:
 * the longest listed alias made of the leading words, or undefined to keep the match.
 */
function fallbackPrefix(
  written: string,
  entry: AliasEntry,
  lookup: (w: string) => AliasEntry | undefined,
): { written: string; entry: AliasEntry } | undefined {
  const aliasWords = entry.alias.split(/\s+/);
  const spans = [...written.matchAll(/\S+/g)];
  if (spans.length !== aliasWords.length) return undefined;
  let firstBad = -1;
  for (let i = 1; i < spans.length; i++) {
    const w = spans[i]![0];
    const a = aliasWords[i]!;
    const lowered = w === w.toLowerCase() && a !== a.toLowerCase();
    if (lowered && AMBIGUOUS_WORDS.has(aliasKey(w))) {
      firstBad = i;
      break;
    }
  }
  if (firstBad < 0) return undefined;
  for (let k = firstBad; k >= 1; k--) {
    const last = spans[k - 1]!;
    const prefix = written.slice(0, last.index + last[0].length);
    const e = lookup(prefix);
    if (e) return { written: prefix, entry: e };
  }
  return undefined;
}
