/**
 * Why a name was marked: for one mention (a span of a sentence and its
 * entity), how the engine found it and how it decided, as data. The command
 * line (`detect --explain`) and the background (for the card's "Why marked",
 * src/background/explain.ts) call the same `explainMention`, and
 * ./why-words.ts turns its answer into words, so the two never disagree.
 *
 * Nothing here runs on the page: the content script finds and marks mentions
 * and keeps no explanation; a why is computed on demand, by scanning the
 * mention's sentence again with the scanner's own rules (it reports the rule
 * that judged each match, ScannerInternals.onMatch) and, for an ambiguous
 * name, by asking the classifier again for its decision and its evidence.
 *
 * A why can also explain a span the engine does not mark (`marked: false`):
 * the rule that rejected it, or the classifier's evidence against it. That is
 * how `detect --score --explain` explains a false negative.
 */
import { ENTITY_NAMES } from '../dataset/names';
import type { EntityName } from '../dataset/schema';
import { classify, evidenceFor } from './classify';
import { configKey, detect, scanContext, scannerFor, type DetectOptions } from './index';
import {
  ACCEPT,
  ACCEPT_FIRST,
  ACCEPT_LOWER,
  ACCEPT_PLAIN,
  aliasKey,
  ASK_AGREEMENT,
  ASK_AMBIGUOUS,
  ASK_FIRST,
  ASK_LOWER_NAME,
  ASK_MIXED_NAME,
  createScanner,
  hasCjk,
  REJECT_CJK_NEXT,
  REJECT_CJK_PREVIOUS,
  REJECT_LOWER_AMBIGUOUS,
  REJECT_PERSON_SUFFIX,
  REJECT_PLAIN,
  REJECT_SHORT,
  type ScanMatch,
  type Scanner,
  type ScanRule,
} from './scan';
import { sentenceAround } from './sentences';
import type { DetectionMode, Mention } from './types';
import type { AliasSource, Confidence, ScanRuleName, Why } from './why-types';

export * from './why-types';

/** One mention to explain: what the card sends (src/messages.ts ExplainRequestSchema) and the CLI builds. */
export interface ExplainRequest {
  /** The sentence holding the mention, as the page sent it to the classifier (sentenceAround). */
  sentence: string;
  /** The mention's span in `sentence`, end exclusive (UTF-16 offsets). */
  start: number;
  end: number;
  entity: string;
  /** The entities the document names without NLP (what the page sends with classify requests). */
  context: readonly string[];
  mode?: DetectionMode;
  /** The reader's own aliases (settings.detection.extraAliases). */
  extraAliases?: Readonly<Record<string, readonly string[]>>;
  /** The names to detect; the bundled dataset's by default. */
  names?: readonly EntityName[];
}

/**
 * The classifier's confidence in its decision, from its score (the sum of
 * the clues' weights, in steps of 0.5; positive means a mention):
 * - `low`: |score| ≤ 1, one weak clue (the word's prior, a tech word, a
 *   related name elsewhere on the page) tips it;
 * - `medium`: 1 < |score| ≤ 4, the strongest single clue the rules know
 *   (weight 4: a verb, a neighbour of the other sense, another name) could
 *   still reverse it;
 * - `high`: |score| > 4, no single clue could.
 * Monotonic in the score on each side of the threshold. Not a probability:
 * the weights are set by hand from how English uses the words, not fitted to
 * data, and the labelled sets we have were tuned against, so no measured
 * error rate stands behind any finer number.
 */
export function confidenceOf(score: number): Confidence {
  const margin = Math.abs(score);
  return margin > 4 ? 'high' : margin > 1 ? 'medium' : 'low';
}

const RULE_NAMES: Readonly<Record<ScanRule, ScanRuleName>> = {
  [REJECT_PLAIN]: 'plain-not-as-listed',
  [REJECT_SHORT]: 'short-not-as-listed',
  [REJECT_PERSON_SUFFIX]: 'person-suffix',
  [REJECT_CJK_NEXT]: 'cjk-next-character',
  [REJECT_CJK_PREVIOUS]: 'cjk-previous-character',
  [REJECT_LOWER_AMBIGUOUS]: 'lower-case-ambiguous',
  [ASK_AGREEMENT]: 'agreement-phrase',
  [ASK_LOWER_NAME]: 'ambiguous-in-lower-case',
  [ASK_AMBIGUOUS]: 'ambiguous-word',
  [ASK_MIXED_NAME]: 'ambiguous-in-mixed-case',
  [ACCEPT_PLAIN]: 'plain-as-listed',
  [ACCEPT_LOWER]: 'unambiguous',
  [ACCEPT]: 'unambiguous',
};

/** A rule's name for one match: ACCEPT covers names with and without an ambiguous word, short or not. */
function ruleName(m: ScanMatch): ScanRuleName {
  const name = RULE_NAMES[m.rule];
  if (name === undefined) throw new Error(`scan rule ${m.rule} has no name`);
  if (m.rule !== ACCEPT) return name;
  if (m.entry.hasAmbiguousWord) return 'as-listed';
  return m.entry.short ? 'short-as-listed' : 'unambiguous';
}

// --- the scan, traced ------------------------------------------------------------

let sink: ScanMatch[] | null = null;
const tracers = new Map<string, Scanner>();

/** Every alias match in `text` with the rule that judged it, by the scanner of this configuration. */
function traceScan(text: string, opts: DetectOptions): ScanMatch[] {
  const key = configKey(opts);
  let scanner = tracers.get(key);
  if (!scanner) {
    if (tracers.size > 20) tracers.clear();
    scanner = createScanner(opts.names ?? ENTITY_NAMES, opts, { onMatch: (m) => sink?.push(m) });
    tracers.set(key, scanner);
  }
  const out: ScanMatch[] = [];
  sink = out;
  try {
    scanner.scan(text);
  } finally {
    sink = null;
  }
  return out;
}

const builtInKeys = new Map<readonly EntityName[], Set<string>>();
/** Where an alias as listed comes from: built-in names win over a reader's duplicate (see buildTable). */
function sourceOf(listed: string, names: readonly EntityName[]): AliasSource {
  let keys = builtInKeys.get(names);
  if (!keys) {
    keys = new Set(names.flatMap((n) => [n.name, ...n.aliases]).map(aliasKey));
    builtInKeys.set(names, keys);
  }
  if (!keys.has(aliasKey(listed))) return 'reader';
  return hasCjk(listed) ? 'chinese' : 'built-in';
}

// --- explaining ------------------------------------------------------------------

/** Why the engine marks (or leaves) the entity's name at `start`–`end` of the sentence. */
export function explainMention(req: ExplainRequest): Why {
  const opts: DetectOptions = { mode: req.mode ?? 'context', names: req.names, extraAliases: req.extraAliases };
  const mode = opts.mode!;
  const matches = traceScan(req.sentence, opts).filter((m) => m.entry.entity === req.entity);
  const match =
    matches.find((m) => m.start === req.start && m.end === req.end) ??
    matches.find((m) => m.start < req.end && req.start < m.end);
  if (!match) {
    return {
      entity: req.entity,
      text: req.sentence.slice(req.start, req.end),
      mode,
      alias: null,
      marked: false,
      decision: { by: 'no-match' },
    };
  }
  const base = {
    entity: req.entity,
    text: req.sentence.slice(match.start, match.end),
    mode,
    alias: { listed: match.entry.alias, source: sourceOf(match.entry.alias, req.names ?? ENTITY_NAMES) },
  };
  const rule = ruleName(match);
  if (match.rule < ASK_FIRST) return { ...base, marked: false, decision: { by: 'scan-rule', rule } };
  if (match.rule >= ACCEPT_FIRST)
    return {
      ...base,
      marked: true,
      decision: rule === 'unambiguous' ? { by: 'name', rule } : { by: 'scan-rule', rule },
    };
  const cand = { entity: req.entity, start: match.start, end: match.end };
  // The decision is classify's own (the one the page and detect() get); the evidence is what it weighed.
  const marked = classify([{ sentence: req.sentence, candidates: [cand] }], req.context)[0]?.[0] === true;
  const { score, clues } = evidenceFor(req.sentence, cand, req.context);
  return { ...base, marked, decision: { by: 'classifier', rule, score, confidence: confidenceOf(score), clues } };
}

export interface ExplainedMention extends Mention {
  why: Why;
}

/**
 * Why the engine marks (or leaves) `span` of `text`: its sentence
 * (sentenceAround, as the page cuts it) explained with the document's context.
 * `context` defaults to the scan's unambiguous entities of `text`.
 */
export function explainSpan(
  text: string,
  span: { entity: string; start: number; end: number },
  opts: DetectOptions = {},
  context: readonly string[] = scanContext(scannerFor(opts).scan(text)),
): Why {
  const s = sentenceAround(text, span.start, span.end);
  return explainMention({
    sentence: text.slice(s.start, s.end),
    start: span.start - s.start,
    end: span.end - s.start,
    entity: span.entity,
    context,
    mode: opts.mode,
    extraAliases: opts.extraAliases,
    names: opts.names,
  });
}

/** Every mention `detect` finds in `text`, each with its why. */
export function explainText(text: string, opts: DetectOptions = {}): ExplainedMention[] {
  const context = scanContext(scannerFor(opts).scan(text));
  return detect(text, opts).map((m) => ({ ...m, why: explainSpan(text, m, opts, context) }));
}
