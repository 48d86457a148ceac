/**
 * The cheap alias scan: one compiled RegExp over the whole text, then case and
 * neighbour rules that settle most names without NLP. This module runs in the
 * content script on every page, so it must not import compromise (or anything
 * heavy): ambiguous leftovers are marked `needsContext` for `classify.ts`.
 */
import type { EntityKind, EntityName } from '../dataset/schema';
import type { Candidate, DetectionMode } from './types';

export interface ScannerOptions {
  /** Researcher's own names: entity id → extra aliases (settings.detection.extraAliases). */
  extraAliases?: Readonly<Record<string, readonly string[]>>;
  /** 'context' (default): case rules + NLP for ambiguous names. 'plain': every alias written as listed. */
  mode?: DetectionMode;
}

export interface Scanner {
  scan(text: string): Candidate[];
}

/**
 * Words that are also common English words, other things of the same name, or
 * common surnames. An alias made of one of these alone is never accepted on
 * the scan's say-so: lower-case it is rejected, capitalised it needs context.
 */
export const AMBIGUOUS_WORDS: ReadonlySet<string> = new Set([
  'surface', 'office', 'windows', 'echo', 'invoke', 'home', 'apple', 'amazon', 'azure', 'pix', 'bing',
  'translator', 'mi', 'shum', 'wang',
]);

interface AliasEntry {
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
/** A word character for boundary checks: letters of cased scripts, marks, digits. CJK is not one (no spaces there). */
// Explicit ranges (Latin, Latin-1, Latin Extended, combining marks, Greek, Cyrillic) rather than
// \p{Script=…}: the same test, but the case-insensitive RegExp compiles several times faster.
const WORD_CHAR = '[0-9A-Za-z_\\u00AA\\u00B5\\u00BA\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F\\u0300-\\u036F\\u0370-\\u03FF\\u0400-\\u04FF\\u1E00-\\u1EFF]';
const WORD_CHAR_RE = new RegExp(WORD_CHAR, 'u');
const APOSTROPHES = /['’ʼ]/g;
/** A space beside a CJK character: optional in Chinese ("Windows 10 移动版" = "Windows 10移动版"). */
const CJK_SPACE = /(?<=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]) | (?=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])/gu;
const HYPHENS = /[-‐‑–]/g;

/** Folds the spellings the pattern treats alike: apostrophes, hyphens (or a space for one), runs of spaces. */
function foldSpelling(s: string): string {
  return s.replace(APOSTROPHES, "'").replace(HYPHENS, ' ').replace(/\s+/g, ' ').replace(CJK_SPACE, '').trim();
}

/** The lookup key of an alias or of matched text: case, spacing, apostrophes and hyphens folded. */
export function aliasKey(s: string): string {
  return foldSpelling(s).toLowerCase();
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** RegExp source for one alias: flexible whitespace, any apostrophe, any hyphen (or a space for it). */
function aliasPattern(alias: string, plural: boolean): string {
  let src = '';
  const chars = [...alias.trim()];
  chars.forEach((ch, i) => {
    if (/\s/.test(ch)) {
      // Chinese writes no space between Latin and Han ("Windows 10移动版"), so next to a CJK character the space is optional.
      const cjkSide = CJK.test(chars[i - 1] ?? '') || CJK.test(chars[i + 1] ?? '');
      const ws = cjkSide ? '\\s*' : '\\s+';
      if (!src.endsWith('\\s+') && !src.endsWith('\\s*')) src += ws;
    } else if (/['’ʼ]/.test(ch)) src += "['’ʼ]";
    else if (/[-‐‑–]/.test(ch)) src += '(?:[-‐‑–]|\\s+)?';
    else src += escapeRe(ch);
  });
  if (plural) src += 's?';
  const first = alias.trim()[0] ?? '';
  const last = alias.trim().slice(-1);
  const before = WORD_CHAR_RE.test(first) ? `(?<!${WORD_CHAR})` : '';
  const after = WORD_CHAR_RE.test(last) ? `(?!${WORD_CHAR})` : '';
  return before + src + after;
}

function letters(s: string): string {
  return s.replace(/[^\p{L}]/gu, '');
}

function makeEntry(entity: string, kind: EntityKind | undefined, alias: string): AliasEntry {
  const words = aliasKey(alias).split(/[\s-]+/).filter(Boolean);
  const amb = words.map((w) => AMBIGUOUS_WORDS.has(w));
  return {
    entity,
    kind,
    alias: alias.trim(),
    words,
    // Only a single word is ambiguous on its own: "Amazon Echo" as a whole is not.
    ambiguous: amb.length === 1 && amb[0] === true,
    hasAmbiguousWord: amb.some(Boolean),
    short: !CJK.test(alias) && letters(alias).length <= 3,
    cased: /\p{Lu}|\p{Ll}/u.test(alias),
  };
}

type CaseForm = 'exact' | 'upper' | 'lower' | 'mixed';

/** How the text writes the alias, compared with how the alias is listed. */
function caseForm(written: string, alias: string): CaseForm {
  const w = foldSpelling(written);
  const a = foldSpelling(alias);
  if (w === a || w === a + 's') return 'exact';
  const l = letters(w);
  if (l && l === l.toUpperCase() && l !== l.toLowerCase()) return 'upper';
  if (l && l === l.toLowerCase()) return 'lower';
  return 'mixed';
}

/**
 * Chinese has no spaces, so a CJK name can be the start of another word:
 * 小米 is also millet (小米粥 millet porridge, 小米椒 bird's-eye chili).
 * Characters that, right after the name, make it that other word.
 */
const CJK_NOT_FOLLOWED_BY: Readonly<Record<string, string>> = {
  小米: '粥饭椒粒酒糕面',
  // 亚马逊河 the Amazon river, 亚马逊雨林 rainforest, 亚马逊流域 basin, 亚马逊森林/丛林.
  亚马逊: '河雨流森丛',
};

/** Characters that, right before a CJK name, make it part of another word: 有求必应 "answers every plea". */
const CJK_NOT_PRECEDED_BY: Readonly<Record<string, string>> = {
  必应: '求',
};

/** Words after which "Shum" or "Harry Shum" is someone else (the actor Harry Shum Jr.). */
const SUFFIX_AFTER_NAME = /^\s*,?\s*(?:Jr|Sr|Junior|Senior)\b/;

/**
 * Builds a scanner for the given names. The RegExp is compiled once here, so
 * callers keep the scanner (detect() caches one per alias configuration).
 */
export function createScanner(names: readonly EntityName[], opts: ScannerOptions = {}): Scanner {
  const mode: DetectionMode = opts.mode ?? 'context';
  const kinds = new Map<string, EntityKind>();
  const byKey = new Map<string, AliasEntry>();
  const add = (entity: string, kind: EntityKind | undefined, alias: string) => {
    if (!alias.trim()) return;
    const key = aliasKey(alias);
    // The first entity listing a name keeps it: built-in names win over a researcher's duplicate.
    if (!byKey.has(key)) byKey.set(key, makeEntry(entity, kind, alias));
  };
  for (const n of names) {
    kinds.set(n.id, n.kind);
    add(n.id, n.kind, n.name);
    for (const a of n.aliases) add(n.id, n.kind, a);
  }
  for (const [entity, list] of Object.entries(opts.extraAliases ?? {})) {
    for (const a of list) add(entity, kinds.get(entity), a);
  }

  const entries = [...byKey.values()];
  // Longest alias first: at one position the alternation takes the first that fits,
  // so "Windows 10 Mobile" wins over "Windows 10" over "Windows".
  entries.sort((x, y) => y.alias.length - x.alias.length || x.alias.localeCompare(y.alias));
  const patterns = entries.map((e) => {
    // Product names take a plural ("HomePods"), except bare ambiguous words ("Surfaces", "Echos").
    const plural = e.kind === 'product' && !e.ambiguous && /\p{Ll}$/u.test(e.alias);
    return aliasPattern(e.alias, plural);
  });
  // An empty alternation would match everywhere; a never-matching pattern keeps the code uniform.
  const source = patterns.length ? patterns.join('|') : '(?!)';
  const re = new RegExp(source, mode === 'plain' ? 'gu' : 'giu');

  const lookup = (written: string): AliasEntry | undefined => {
    const key = aliasKey(written);
    return byKey.get(key) ?? (key.endsWith('s') ? byKey.get(key.slice(0, -1)) : undefined);
  };

  /**
   * The decision the scan can make alone: 'accept', 'context' (ask classify)
   * or 'reject'. `after` is the text following the match (for "Harry Shum Jr.").
   */
  const judge = (e: AliasEntry, written: string, after: string, before = ''): 'accept' | 'context' | 'reject' => {
    const form = e.cased ? caseForm(written, e.alias) : 'exact';
    if (mode === 'plain') return form === 'exact' ? 'accept' : 'reject';
    if (e.short && form !== 'exact' && form !== 'upper') return 'reject';
    if (e.kind === 'person' && SUFFIX_AFTER_NAME.test(after)) return 'reject';
    const notBefore = CJK_NOT_FOLLOWED_BY[written];
    if (notBefore && after && notBefore.includes(after[0]!)) return 'reject';
    const notAfter = CJK_NOT_PRECEDED_BY[written];
    if (notAfter && before && notAfter.includes(before)) return 'reject';
    // Generic agreement phrases ("memorandum of understanding", "MoU") count only
    // where the document is about the partners: classify checks the context.
    if (e.kind === 'agreement') return 'context';
    if (form === 'lower') {
      if (e.ambiguous) return 'reject';
      if (e.hasAmbiguousWord) return 'context';
      return 'accept';
    }
    if (e.ambiguous) return 'context';
    if (e.hasAmbiguousWord && form === 'mixed') return 'context';
    return 'accept';
  };

  return {
    scan(text: string): Candidate[] {
      const out: Candidate[] = [];
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text))) {
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
            re.lastIndex = start + written.length;
          }
        }
        const end = start + written.length;
        const verdict = judge(entry, written, text.slice(end, end + 8), text.slice(Math.max(0, start - 1), start));
        if (verdict === 'reject') continue;
        out.push({ entity: entry.entity, start, end, text: written, needsContext: verdict === 'context' });
      }
      return out;
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
