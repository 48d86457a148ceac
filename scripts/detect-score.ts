/**
 * `detect --score GOLD.jsonl`: the engine scored on a file of labelled
 * sentences (the format of ../shared/corpus/mentions-dev.jsonl, or the
 * extension's labelled-sentence export), the way the corpus README says
 * (src/detect/score.ts, as `npm run accuracy` scores): precision, recall and
 * F1, then every false positive and false negative with its id, entity, span
 * and text in context (with `--explain`, why the engine marked or left it).
 */
import { detect, scanContext, scannerFor } from '../src/detect/index';
import {
  DATASET_VOCABULARY,
  parseLabelledLines,
  scoreSet,
  VOCABULARY,
  type LabelledSentence,
  type Score,
  type ScoreError,
} from '../src/detect/score';
import type { DetectionMode } from '../src/detect/types';
import { explainSpan } from '../src/detect/why';
import type { WhyLanguage } from '../src/detect/why-words';
import { snippet, whyLines } from './detect-format';

export const VOCABULARIES = { corpus: VOCABULARY, dataset: DATASET_VOCABULARY } as const;
export type VocabularyName = keyof typeof VOCABULARIES;

export interface ScoreOptions {
  mode: DetectionMode;
  vocabulary: VocabularyName;
  /** Under each error, why the engine marked it (FP) or left it (FN). */
  explain?: WhyLanguage;
  minP?: number;
  minR?: number;
}

/**
 * The engine scored on labelled sentences, as `--score` scores them: each
 * sentence detected alone, in its page's context when it has one (a sentence
 * exported from a page is judged as it was there), scored as the corpus
 * README says over the chosen vocabulary.
 */
export function scoreLabelled(
  sentences: readonly LabelledSentence[],
  opts: Pick<ScoreOptions, 'mode' | 'vocabulary'>,
): Score {
  return scoreSet(
    sentences,
    (text, l) => detect(text, { mode: opts.mode, context: l.context }),
    VOCABULARIES[opts.vocabulary],
  );
}

/** At most this many malformed lines are listed (then a count of the rest). */
const MAX_PROBLEMS = 20;

/**
 * The report on the labelled set in `jsonl` (`name` is how the file is
 * called in messages), as lines for stdout and stderr, and the exit status:
 * 0, 1 when under a threshold, 2 when the file has a malformed line (nothing
 * is scored then: a score over part of a file would mislead).
 */
export function scoreReport(
  jsonl: string,
  name: string,
  opts: ScoreOptions,
): { out: string[]; err: string[]; status: number } {
  const { sentences, problems } = parseLabelledLines(jsonl);
  if (problems.length) {
    const err = problems.slice(0, MAX_PROBLEMS).map((p) => `${name}: ${p}`);
    if (problems.length > MAX_PROBLEMS)
      err.push(`${name}: … and ${problems.length - MAX_PROBLEMS} more malformed lines`);
    err.push(`${name}: ${problems.length} malformed line${problems.length === 1 ? '' : 's'}, nothing scored`);
    return { out: [], err, status: 2 };
  }
  const vocabulary = VOCABULARIES[opts.vocabulary];
  const s = scoreLabelled(sentences, opts);
  const labelled = s.tp + s.fn;
  const out = [
    `${name}: ${sentences.length} sentence${sentences.length === 1 ? '' : 's'}, ${labelled} labelled mention${labelled === 1 ? '' : 's'}` +
      ` (${opts.mode} mode, ${opts.vocabulary} vocabulary of ${vocabulary.size} entities)`,
  ];
  if (s.outside)
    out.push(
      `${s.outside} labelled mention${s.outside === 1 ? '' : 's'} of entities outside the vocabulary set aside` +
        (opts.vocabulary === 'corpus' ? ' (--vocabulary dataset scores every entity of the extension)' : ''),
    );
  const f = (x: number) => x.toFixed(3);
  out.push(`precision ${f(s.precision)}  recall ${f(s.recall)}  F1 ${f(s.f1)}  (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`);
  for (const [kind, title] of [
    ['FP', 'False positives'],
    ['FN', 'False negatives'],
  ] as const) {
    const errors = s.errors.filter((e) => e.kind === kind);
    out.push('', `${title} (${errors.length})${errors.length ? ':' : ''}`);
    const wId = Math.max(0, ...errors.map((e) => e.id.length));
    const wEntity = Math.max(0, ...errors.map((e) => e.entity.length));
    const wSpan = Math.max(0, ...errors.map((e) => spanOf(e).length));
    for (const e of errors) {
      out.push(
        `  ${e.id.padEnd(wId)}  ${e.entity.padEnd(wEntity)}  ${spanOf(e).padEnd(wSpan)}  ${snippet(e.sentence, e)}`,
      );
      if (opts.explain) {
        const context = scanContext(scannerFor({ mode: opts.mode }).scan(e.sentence));
        const why = explainSpan(e.sentence, e, { mode: opts.mode }, [...new Set([...context, ...(e.context ?? [])])]);
        out.push(...whyLines(why, opts.explain, ' '.repeat(4)));
      }
    }
  }
  const err: string[] = [];
  if (opts.minP !== undefined && s.precision < opts.minP)
    err.push(`precision ${f(s.precision)} is under --min-p ${opts.minP}`);
  if (opts.minR !== undefined && s.recall < opts.minR) err.push(`recall ${f(s.recall)} is under --min-r ${opts.minR}`);
  return { out, err, status: err.length ? 1 : 0 };
}

/** `12–19`: the span's UTF-16 offsets in its sentence, end exclusive. */
function spanOf(e: ScoreError): string {
  return `${e.start}–${e.end}`;
}
