/**
 * The corpus scorer (/work/shared/corpus/README.md): a predicted mention is a
 * true positive when it overlaps a not-yet-matched labelled mention of the same
 * entity; any other prediction is a false positive; labelled mentions left
 * unmatched are false negatives. Predictions outside the vocabulary are ignored.
 */

export interface Span {
  entity: string;
  start: number;
  end: number;
}

export interface LabelledSentence {
  id: string;
  text: string;
  mentions: Span[];
}

export interface ScoreError {
  id: string;
  kind: 'FP' | 'FN';
  entity: string;
  text: string;
  sentence: string;
}

export interface Score {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
  errors: ScoreError[];
}

/** The 28 entity ids of the corpus vocabulary. */
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

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/** Matches one sentence's predictions against its labels. */
export function matchSentence(
  gold: readonly Span[],
  predicted: readonly Span[],
  vocabulary: ReadonlySet<string> = VOCABULARY,
) {
  const used = Array.from({ length: gold.length }, () => false);
  const fp: Span[] = [];
  let tp = 0;
  for (const p of predicted) {
    if (!vocabulary.has(p.entity)) continue;
    const i = gold.findIndex((g, k) => !used[k] && g.entity === p.entity && overlaps(g, p));
    if (i >= 0) {
      used[i] = true;
      tp++;
    } else fp.push(p);
  }
  const fn = gold.filter((_, k) => !used[k]);
  return { tp, fp, fn };
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

/** Scores predictions for a whole labelled set; `predict` returns spans for one sentence's text. */
export function scoreSet(
  set: readonly LabelledSentence[],
  predict: (text: string) => readonly Span[],
  vocabulary: ReadonlySet<string> = VOCABULARY,
): Score {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const errors: ScoreError[] = [];
  for (const s of set) {
    const r = matchSentence(s.mentions, predict(s.text), vocabulary);
    tp += r.tp;
    fp += r.fp.length;
    fn += r.fn.length;
    for (const [kind, list] of [
      ['FP', r.fp],
      ['FN', r.fn],
    ] as const) {
      for (const m of list)
        errors.push({ id: s.id, kind, entity: m.entity, text: s.text.slice(m.start, m.end), sentence: s.text });
    }
  }
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1, errors };
}

/** Parses a JSONL labelled set, naming the line of any malformed entry. */
export function parseLabelled(jsonl: string): LabelledSentence[] {
  const out: LabelledSentence[] = [];
  jsonl.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let o: unknown;
    try {
      o = JSON.parse(line);
    } catch {
      throw new Error(`line ${i + 1}: not JSON`);
    }
    const r = o as Partial<LabelledSentence>;
    if (typeof r.id !== 'string' || typeof r.text !== 'string' || !Array.isArray(r.mentions)) {
      throw new Error(`line ${i + 1}: needs string id, string text and a mentions array`);
    }
    out.push({ id: r.id, text: r.text, mentions: r.mentions });
  });
  return out;
}
