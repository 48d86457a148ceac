/**
 * The corpus scorer (/work/shared/corpus/README.md): a predicted mention is a
 * true positive when it overlaps a not-yet-matched labelled mention of the same
 * entity; any other prediction is a false positive; labelled mentions left
 * unmatched are false negatives. Predictions outside the vocabulary are ignored,
 * and so are labelled mentions outside it (the corpus has none; a file of
 * labelled sentences exported by the extension can have the dataset's other
 * entities, which scoring against the corpus vocabulary must set aside on both
 * sides alike, or they would all count as missed). `npm run accuracy` and
 * `detect --score` both score with this.
 */
import * as v from 'valibot';
import { ENTITY_NAMES } from '../dataset/names';

export interface Span {
  entity: string;
  start: number;
  end: number;
}

/**
 * One labelled sentence, in the format of ../shared/corpus/mentions-dev.jsonl:
 * `start`/`end` are UTF-16 offsets into `text`, end exclusive. The extension's
 * export adds `url` and `title` (src/export/labelled.ts); other fields are kept
 * as they are and ignored.
 */
export interface LabelledSentence {
  id: string;
  text: string;
  mentions: Span[];
  url?: string;
  title?: string;
  /**
   * The entities the sentence's page named without the classifier (the
   * extension's export writes it): the document context its ambiguous names
   * were judged in. Scoring passes it to the detector.
   */
  context?: string[];
}

export interface ScoreError {
  id: string;
  kind: 'FP' | 'FN';
  entity: string;
  /** The span in `sentence`. */
  start: number;
  end: number;
  text: string;
  sentence: string;
  /** The sentence's `context`, when it has one. */
  context?: string[];
}

export interface Score {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
  errors: ScoreError[];
  /** Labelled mentions of entities outside the vocabulary, set aside. */
  outside: number;
}

/** The 28 entity ids of the corpus vocabulary (the default of `detect --score`). */
export const VOCABULARY: ReadonlySet<string> = new Set([
  'xiaomi',
  'microsoft',
  'google',
  'amazon',
  'apple',
  'harman-kardon',
  'cortana',
  'azure',
  'windows',
  'windows-10',
  'windows-10-mobile',
  'mi-4',
  'computer-vision',
  'conversational-ai',
  'natural-language-processing',
  'office',
  'skype',
  'bing',
  'microsoft-translator',
  'pix',
  'swiftkey',
  'surface',
  'invoke',
  'google-home',
  'amazon-echo',
  'homepod',
  'harry-shum',
  'wang-xiang',
]);

/** Every entity of the bundled dataset: the corpus vocabulary and the others cards know (`--vocabulary dataset`). */
export const DATASET_VOCABULARY: ReadonlySet<string> = new Set(ENTITY_NAMES.map((n) => n.id));

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/** Matches one sentence's predictions against its labels. */
export function matchSentence(
  gold: readonly Span[],
  predicted: readonly Span[],
  vocabulary: ReadonlySet<string> = VOCABULARY,
) {
  const inside = gold.filter((g) => vocabulary.has(g.entity));
  const used = Array.from({ length: inside.length }, () => false);
  const fp: Span[] = [];
  let tp = 0;
  for (const p of predicted) {
    if (!vocabulary.has(p.entity)) continue;
    const i = inside.findIndex((g, k) => !used[k] && g.entity === p.entity && overlaps(g, p));
    if (i >= 0) {
      used[i] = true;
      tp++;
    } else fp.push(p);
  }
  const fn = inside.filter((_, k) => !used[k]);
  return { tp, fp, fn, outside: gold.length - inside.length };
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

/** Scores predictions for a whole labelled set; `predict` returns spans for one sentence's text. */
export function scoreSet(
  set: readonly LabelledSentence[],
  predict: (text: string, sentence: LabelledSentence) => readonly Span[],
  vocabulary: ReadonlySet<string> = VOCABULARY,
): Score {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let outside = 0;
  const errors: ScoreError[] = [];
  for (const s of set) {
    const r = matchSentence(s.mentions, predict(s.text, s), vocabulary);
    tp += r.tp;
    fp += r.fp.length;
    fn += r.fn.length;
    outside += r.outside;
    for (const [kind, list] of [
      ['FP', r.fp],
      ['FN', r.fn],
    ] as const) {
      for (const m of list)
        errors.push({
          id: s.id,
          kind,
          entity: m.entity,
          start: m.start,
          end: m.end,
          text: s.text.slice(m.start, m.end),
          sentence: s.text,
          ...(s.context ? { context: s.context } : {}),
        });
    }
  }
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1, errors, outside };
}

const LabelledSentenceSchema = v.looseObject({
  id: v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty')),
  text: v.string('must be a string'),
  mentions: v.array(
    v.looseObject({
      entity: v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty')),
      start: v.pipe(
        v.number('must be a number'),
        v.integer('must be a whole number'),
        v.minValue(0, 'must not be negative'),
      ),
      end: v.pipe(
        v.number('must be a number'),
        v.integer('must be a whole number'),
        v.minValue(0, 'must not be negative'),
      ),
    }),
    'must be an array',
  ),
  url: v.optional(v.string('must be a string')),
  title: v.optional(v.string('must be a string')),
  context: v.optional(v.array(v.string('must be an entity id'), 'must be an array of entity ids')),
});

/** What is wrong with one line of a labelled set, or null (a blank line is fine). */
function lineProblem(line: string): string | LabelledSentence | null {
  if (!line.trim()) return null;
  let o: unknown;
  try {
    o = JSON.parse(line);
  } catch (e) {
    return `not valid JSON (${(e as Error).message})`;
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o))
    return 'must be a JSON object with "id", "text" and "mentions"';
  const r = v.safeParse(LabelledSentenceSchema, o);
  if (!r.success) {
    const issue = r.issues[0];
    const path = v.getDotPath(issue) ?? '';
    const missing = issue.input === undefined && path && !path.includes('.') ? 'is missing' : issue.message;
    return `${path || 'line'}: ${missing}`;
  }
  const { id, text, mentions, url, title, context } = r.output;
  for (const [i, m] of mentions.entries()) {
    if (m.start >= m.end || m.end > text.length)
      return `mentions.${i}: ${m.start}–${m.end} is not a non-empty span of the text (${text.length} characters)`;
  }
  const out: LabelledSentence = {
    id,
    text,
    mentions: mentions.map((m) => ({ entity: m.entity, start: m.start, end: m.end })),
  };
  if (url !== undefined) out.url = url;
  if (title !== undefined) out.title = title;
  if (context !== undefined) out.context = context;
  return out;
}

/**
 * Parses a JSONL labelled set: the sentences of the good lines, and for each
 * bad one `line N: what is wrong` (lines counted from 1, split at \n; a \r
 * before it is dropped).
 */
export function parseLabelledLines(jsonl: string): { sentences: LabelledSentence[]; problems: string[] } {
  const sentences: LabelledSentence[] = [];
  const problems: string[] = [];
  jsonl.split('\n').forEach((raw, i) => {
    const r = lineProblem(raw.endsWith('\r') ? raw.slice(0, -1) : raw);
    if (typeof r === 'string') problems.push(`line ${i + 1}: ${r}`);
    else if (r) sentences.push(r);
  });
  return { sentences, problems };
}

/** Parses a JSONL labelled set; throws naming the line of the first malformed entry. */
export function parseLabelled(jsonl: string): LabelledSentence[] {
  const { sentences, problems } = parseLabelledLines(jsonl);
  if (problems.length) throw new Error(problems[0]);
  return sentences;
}
