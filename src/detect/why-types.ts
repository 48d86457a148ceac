/**
 * The shape of a why (src/detect/why.ts): types and the lists of codes, with
 * nothing else, so that src/messages.ts can build the explain answer's schema
 * from them without pulling the engine (or compromise) into any bundle.
 */
import type { DetectionMode } from './types';

/**
 * One piece of evidence about an ambiguous candidate, as data: a code saying
 * what was seen, its weight in the score (0 for a note that explains why
 * something else did not count, such as a sentence start), and the words of
 * the sentence or the entity ids it rests on. src/detect/why-words.ts turns
 * clues into words for readers (both languages); the codes are stable for
 * researchers' tools (`detect --jsonl --explain`).
 */
export interface Clue {
  code: ClueCode;
  weight: number;
  /** Words of the sentence the clue is about ("Pro" for followed-by, "Vera Wang" for another-name). */
  words?: string[];
  /** Entity ids the clue is about (names-in-sentence, related-in-document…). */
  entities?: string[];
}

/** Every clue the rules below can give (the order is evidence()'s). */
export const CLUE_CODES = [
  'agreement-partner-named',
  'agreement-no-partner',
  'prior',
  'capitalised-mid-sentence',
  'lower-case',
  'sentence-start',
  'headline',
  'verb',
  'followed-by-other-sense',
  'followed-by-own-sense',
  'followed-by-tech-word',
  'modifies-common-noun',
  'subject-of-verb',
  'possessive-of-tech-word',
  'preceded-by-other-sense',
  'the-without-noun',
  'part-of-other-name',
  'followed-by-name',
  'person-name-tag',
  'trap-word',
  'tech-words',
  'names-in-sentence',
  'company-in-document',
  'no-company-in-document',
  'related-in-document',
  'partnership-in-document',
] as const;
export type ClueCode = (typeof CLUE_CODES)[number];

/** Where the alias that matched comes from. */
export const ALIAS_SOURCES = ['built-in', 'chinese', 'reader'] as const;
export type AliasSource = (typeof ALIAS_SOURCES)[number];

/**
 * The scan's rules by name (src/detect/scan.ts gives them as numbers, to stay
 * small on every page). Accepting: `unambiguous` (a name with no ambiguous
 * word, in any case: "Xiaomi", "xiaomi", "小米"), `short-as-listed` (three
 * letters or fewer, written as listed or in capitals: "Mi4", "W10M"),
 * `as-listed` (a longer name holding an ambiguous word, written as listed or in
 * capitals: "Surface Pro"), `plain-as-listed` (plain mode). Asking the
 * classifier: `agreement-phrase`, `ambiguous-word` ("Surface"),
 * `ambiguous-in-lower-case` ("surface pro"), `ambiguous-in-mixed-case`
 * ("Surface pro"). Rejecting: the rest.
 */
export const SCAN_RULE_NAMES = [
  'unambiguous',
  'short-as-listed',
  'as-listed',
  'plain-as-listed',
  'agreement-phrase',
  'ambiguous-word',
  'ambiguous-in-lower-case',
  'ambiguous-in-mixed-case',
  'plain-not-as-listed',
  'short-not-as-listed',
  'person-suffix',
  'cjk-next-character',
  'cjk-previous-character',
  'lower-case-ambiguous',
] as const;
export type ScanRuleName = (typeof SCAN_RULE_NAMES)[number];

/** How sure the classifier is: a band of the score's distance from its threshold (see `confidenceOf`). */
export const CONFIDENCES = ['low', 'medium', 'high'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export type WhyDecision =
  /** A name with no ambiguous word, accepted by the scan alone. */
  | { by: 'name'; rule: 'unambiguous' }
  /** A rule of the scan accepted or rejected it. */
  | { by: 'scan-rule'; rule: ScanRuleName }
  /** The scan asked the classifier (`rule` says why), which weighed the clues. */
  | { by: 'classifier'; rule: ScanRuleName; score: number; confidence: Confidence; clues: Clue[] }
  /** No name of this entity matches the span (a span the reader marked, or text that changed). */
  | { by: 'no-match' };

export interface Why {
  entity: string;
  /** The name as written in the sentence (the requested span when nothing matched). */
  text: string;
  mode: DetectionMode;
  /** The alias that matched, as listed, and where it comes from; null when none did. */
  alias: { listed: string; source: AliasSource } | null;
  /** Whether the engine marks it: true for every mention it finds. */
  marked: boolean;
  decision: WhyDecision;
}

/** A why in words (src/detect/why-words.ts), in one language. */
export interface WhyWords {
  /** How it was found: "Matched “Surface Pro”, a built-in name (context-aware matching)." */
  found: string;
  /** How it was decided: "Marked by the classifier, confidence medium (score +2.5)." */
  decision: string;
  /** Why the scan asked the classifier, when it did: "“Surface” is also a common word or another name…". */
  asked?: string;
  /** The classifier's clues, strongest first, each with its weight as shown ("+2.5", "-4", "0"). */
  clues: { text: string; weight: string }[];
}
