/**
 * From raw samples to the figures the bench prints: medians, paired
 * differences against "off", ratios and the budgets. Pure.
 */
import type { TraceCost } from './trace';

export const VARIANTS = ['off', 'ext', 'floor', 'mark', 'compromise'] as const;
export type Variant = (typeof VARIANTS)[number];

export interface Sample {
  variant: Variant;
  run: number;
  /** CDP Performance.getMetrics deltas over the load (ms): the whole main thread, page included. */
  scriptMs: number;
  taskMs: number;
  /** From the trace: what the variant's extension itself cost (zeros for "off"). */
  trace: TraceCost;
  /** What the variant said it did (its own clock): ms, mentions, textChars, nlpMs… */
  self: Record<string, number> | null;
  error?: string;
}

export interface VariantSummary {
  runs: number;
  /** Medians over runs. */
  scriptMs: number;
  taskMs: number;
  /** Median of per-run (variant − off of the same run) for the CDP figures. */
  addedScriptMs: number | null;
  addedTaskMs: number | null;
  /** Median extension main-thread time from the trace. */
  extensionMs: number;
  /** Longest extension task over all runs (the worst case, not a median). */
  longestTaskMs: number;
  /** Median of the variant's own clock, where it reports one. */
  selfMs: number | null;
  mentions: number | null;
  /** Median sampled extension time per script file (ms). */
  byScript: Record<string, number>;
  errors: string[];
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function summarizeVariant(samples: readonly Sample[], variant: Variant): VariantSummary | null {
  const mine = samples.filter((s) => s.variant === variant && !s.error);
  const errors = samples.filter((s) => s.variant === variant && s.error).map((s) => s.error!);
  if (mine.length === 0)
    return errors.length
      ? {
          runs: 0,
          scriptMs: NaN,
          taskMs: NaN,
          addedScriptMs: null,
          addedTaskMs: null,
          extensionMs: NaN,
          longestTaskMs: NaN,
          selfMs: null,
          mentions: null,
          byScript: {},
          errors,
        }
      : null;
  const off = new Map(samples.filter((s) => s.variant === 'off' && !s.error).map((s) => [s.run, s]));
  const paired = mine.filter((s) => off.has(s.run));
  const selfMs = mine.map((s) => s.self?.ms).filter((x): x is number => typeof x === 'number');
  const mentions = mine.map((s) => s.self?.mentions).filter((x): x is number => typeof x === 'number');
  return {
    runs: mine.length,
    scriptMs: median(mine.map((s) => s.scriptMs)),
    taskMs: median(mine.map((s) => s.taskMs)),
    addedScriptMs:
      variant === 'off' || !paired.length ? null : median(paired.map((s) => s.scriptMs - off.get(s.run)!.scriptMs)),
    addedTaskMs:
      variant === 'off' || !paired.length ? null : median(paired.map((s) => s.taskMs - off.get(s.run)!.taskMs)),
    extensionMs: median(mine.map((s) => s.trace.extensionMs)),
    longestTaskMs: Math.max(...mine.map((s) => s.trace.longestTaskMs)),
    selfMs: selfMs.length ? median(selfMs) : null,
    mentions: mentions.length ? median(mentions) : null,
    byScript: Object.fromEntries(
      [...new Set(mine.flatMap((s) => Object.keys(s.trace.byScript)))].map((k) => [
        k,
        median(mine.map((s) => s.trace.byScript[k] ?? 0)),
      ]),
    ),
    errors,
  };
}

export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a == null || b == null || !Number.isFinite(a) || !Number.isFinite(b) || b <= 0) return null;
  return a / b;
}

/**
 * What compromise cost on one page, both designs, medians over runs. Same
 * things counted on both sides: every call into compromise the page itself
 * needs, timed with `performance.now()` around synchronous code, compromise's
 * one-off set-up (module evaluation, first call) excluded and reported apart.
 * - extension: `nlp(sentence).json()` per sentence sent to the classifier, in
 *   the service worker (src/background/classify-stats.ts);
 * - whole page: `nlp(wholePageText)` + the names' `lookup`, in the content script.
 */
export interface CompromiseFigures {
  ext: {
    runs: number;
    /** ms inside compromise. */
    nlpMs: number;
    /** ms in the whole classify handler (caches, compromise, scoring). */
    classifierMs: number;
    sentences: number;
    /** Characters of those sentences (the page's text is `textChars` in the stages). */
    chars: number;
    cacheHits: number;
    nlpCalls: number;
    /** The content script's wall time with a classify request in flight (worker wake, messaging, queueing, NLP). */
    wallMs: number | null;
    /** Every run's classifier had answered everything before the figures were read. */
    complete: boolean;
  } | null;
  whole: {
    /** ms of `nlp()` + lookup, median of the runs that finished. */
    nlpMs: number | null;
    /** No run finished: the longest a run was seen still inside nlp() (a lower bound of nlpMs). */
    atLeastMs: number | null;
    parseMs: number | null;
    lookupMs: number | null;
  } | null;
  /** ext.nlpMs / whole.nlpMs, or / whole.atLeastMs (then an upper bound of the true ratio). */
  ratio: number | null;
  ratioAgainstLowerBound: boolean;
}

const selfValues = (samples: readonly Sample[], variant: Variant, key: string, withErrors = false): number[] =>
  samples
    .filter((s) => s.variant === variant && (withErrors || !s.error))
    .map((s) => s.self?.[key])
    .filter((x): x is number => typeof x === 'number' && Number.isFinite(x));

const medianOrNull = (xs: readonly number[]): number | null => (xs.length ? median(xs) : null);

/** The compromise figures of one page from its samples (extension samples carry the classifier's statistics in `self`). */
export function compromiseFigures(samples: readonly Sample[]): CompromiseFigures {
  const extRuns = samples.filter((s) => s.variant === 'ext' && !s.error && typeof s.self?.nlpMs === 'number');
  const e = (k: string) => median(extRuns.map((s) => s.self![k] ?? NaN).filter(Number.isFinite));
  const ext: CompromiseFigures['ext'] = extRuns.length
    ? {
        runs: extRuns.length,
        nlpMs: e('nlpMs'),
        classifierMs: e('classifierMs'),
        sentences: e('sentences'),
        chars: e('chars'),
        cacheHits: e('cacheHits'),
        nlpCalls: e('nlpCalls'),
        wallMs: medianOrNull(selfValues(extRuns, 'ext', 'classifyWallMs')),
        complete: extRuns.every((s) => s.self!.complete === 1),
      }
    : null;
  const finished = selfValues(samples, 'compromise', 'nlpMs');
  // A run that never finished nlp() (timeout, or past the load's deadline) says how long it had been in it.
  const atLeast = selfValues(samples, 'compromise', 'nlpAtLeastMs', true);
  const whole: CompromiseFigures['whole'] =
    finished.length || atLeast.length
      ? {
          nlpMs: medianOrNull(finished),
          atLeastMs: finished.length ? null : Math.max(...atLeast),
          parseMs: medianOrNull(selfValues(samples, 'compromise', 'parseMs')),
          lookupMs: medianOrNull(selfValues(samples, 'compromise', 'lookupMs')),
        }
      : null;
  const denominator = whole?.nlpMs ?? whole?.atLeastMs ?? null;
  return {
    ext,
    whole,
    ratio: ratio(ext?.nlpMs, denominator),
    ratioAgainstLowerBound: whole !== null && whole.nlpMs === null && whole.atLeastMs !== null,
  };
}

/** compromise's one-off set-up on each side, medians over every measured load (ms). */
export interface SetupFigures {
  /** Extension, once per service-worker start, off the page: worker start → background script run (whole bundle). */
  extWorkerReadyMs: number | null;
  /** Extension: compromise's first call in the worker (set-up + the warm-up sentence). */
  extFirstUseMs: number | null;
  /** Whole page, on every page load, on the page's main thread: evaluating the compromise module. */
  wholeLoadMs: number | null;
  /** Whole page: compromise's first call (set-up + the same warm-up sentence). */
  wholeFirstUseMs: number | null;
}

export function setupFigures(samples: readonly Sample[]): SetupFigures {
  return {
    extWorkerReadyMs: medianOrNull(selfValues(samples, 'ext', 'workerReadyMs')),
    extFirstUseMs: medianOrNull(selfValues(samples, 'ext', 'workerFirstUseMs')),
    wholeLoadMs: medianOrNull(selfValues(samples, 'compromise', 'loadMs', true)),
    wholeFirstUseMs: medianOrNull(selfValues(samples, 'compromise', 'firstUseMs', true)),
  };
}

export interface PageFigures {
  page: string;
  /** A corpus page (true) or the generated large page (false). */
  corpus: boolean;
  variants: Partial<Record<Variant, VariantSummary>>;
  /** The extension's own stats (last run): mentions, classify wall time (request in flight)… */
  extStats: { mentions: number; classifyWallMs: number; ambiguous: number } | null;
  /** Median compromise time of the whole-page variant (ms): nlp() + lookup, set-up excluded. */
  wholePageNlpMs: number | null;
  compromise: CompromiseFigures;
}

export interface Budget {
  name: string;
  status: 'PASS' | 'MISS' | 'N/A';
  detail: string;
}

/** Seconds, for the whole-page lower bound ("> 176 s"). */
const fmtS = (ms: number) => `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s`;

const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));

/**
 * The budgets, judged on the trace-attributed extension time (the one
 * figure that separates the extension's main-thread work from the page's).
 */
export function judgeBudgets(
  pages: readonly PageFigures[],
  card: { latencyMs: number | null; reason?: string },
): Budget[] {
  const out: Budget[] = [];
  const ext = (p: PageFigures) => p.variants.ext?.extensionMs;
  const corpus = pages.filter(
    (p) => p.corpus && Number.isFinite(ext(p)) && Number.isFinite(p.variants.floor?.extensionMs),
  );

  if (corpus.length) {
    const e = corpus.reduce((a, p) => a + ext(p)!, 0);
    const f = corpus.reduce((a, p) => a + p.variants.floor!.extensionMs, 0);
    const r = e / f;
    out.push({
      name: 'main-thread time ≤ 2× floor (corpus total)',
      status: r <= 2 ? 'PASS' : 'MISS',
      detail: `${fmt(e)} ms vs floor ${fmt(f)} ms = ${r.toFixed(2)}×${r > 2 ? ` (over by ${fmt(e - 2 * f)} ms)` : ''}`,
    });
  } else
    out.push({ name: 'main-thread time ≤ 2× floor (corpus total)', status: 'N/A', detail: 'no corpus page measured' });

  const withMentions = pages.filter(
    (p) => (p.extStats?.mentions ?? 0) > 0 && Number.isFinite(p.variants.mark?.extensionMs),
  );
  if (withMentions.length) {
    const misses = withMentions.filter((p) => !(ext(p)! < p.variants.mark!.extensionMs / 20));
    const worst = withMentions
      .map((p) => ({ p: p.page, r: ext(p)! / p.variants.mark!.extensionMs }))
      .sort((a, b) => b.r - a.r)[0]!;
    out.push({
      name: '< 1/20 of mark.js on every page with mentions',
      status: misses.length ? 'MISS' : 'PASS',
      detail: `worst ${worst.p}: 1/${(1 / worst.r).toFixed(1)}${misses.length ? `; missed on ${misses.map((p) => p.page).join(', ')}` : ''}`,
    });
  } else
    out.push({ name: '< 1/20 of mark.js on every page with mentions', status: 'N/A', detail: 'no page with mentions' });

  const noMention = pages.filter(
    (p) => p.extStats && p.extStats.mentions === 0 && Number.isFinite(p.variants.floor?.extensionMs),
  );
  if (noMention.length) {
    const diffs = noMention.map((p) => ({ p: p.page, d: ext(p)! - p.variants.floor!.extensionMs }));
    const bad = diffs.filter((d) => d.d > 1);
    out.push({
      name: 'page with no mention within 1 ms of floor',
      status: bad.length ? 'MISS' : 'PASS',
      detail: diffs.map((d) => `${d.p}: ${d.d >= 0 ? '+' : ''}${fmt(d.d)} ms`).join(', '),
    });
  } else
    out.push({
      name: 'page with no mention within 1 ms of floor',
      status: 'N/A',
      detail: 'every measured page has mentions',
    });

  const longest = pages.filter((p) => Number.isFinite(p.variants.ext?.longestTaskMs));
  if (longest.length) {
    const worst = longest.map((p) => ({ p: p.page, t: p.variants.ext!.longestTaskMs })).sort((a, b) => b.t - a.t)[0]!;
    out.push({
      name: 'no extension task > 50 ms',
      status: worst.t <= 50 ? 'PASS' : 'MISS',
      detail: `longest ${fmt(worst.t)} ms on ${worst.p}`,
    });
  } else out.push({ name: 'no extension task > 50 ms', status: 'N/A', detail: 'extension not measured' });

  // Pages that sent sentences to the classifier, judged on the CPU time inside compromise (both sides, set-up excluded).
  const nlp = pages.filter((p) => (p.compromise.ext?.sentences ?? 0) > 0 && p.compromise.ratio !== null);
  const judged = nlp.filter((p) => p.compromise.ext!.complete);
  const unjudged = nlp
    .filter((p) => !p.compromise.ext!.complete)
    .map((p) => `${p.page} (classifier still busy at the timeout)`);
  const bounds = judged.filter((p) => p.compromise.ratioAgainstLowerBound);
  if (judged.length) {
    const worst = judged.map((p) => ({ p: p.page, r: p.compromise.ratio! })).sort((a, b) => b.r - a.r)[0]!;
    const misses = judged.filter((p) => p.compromise.ratio! > 0.1).map((p) => p.page);
    out.push({
      name: 'compromise time ≤ 10% of whole-page compromise',
      status: misses.length ? 'MISS' : 'PASS',
      detail:
        `worst ${worst.p}: ${(worst.r * 100).toFixed(1)}% (CPU inside compromise: the service worker's per-sentence calls vs whole-page nlp() + lookup; set-up excluded on both sides)` +
        (misses.length ? `; missed on ${misses.join(', ')}` : '') +
        (bounds.length
          ? `; ${bounds.map((p) => `${p.page} against whole-page > ${fmtS(p.compromise.whole!.atLeastMs!)} (a lower bound)`).join(', ')}`
          : '') +
        (unjudged.length ? `; not judged: ${unjudged.join(', ')}` : ''),
    });
  } else
    out.push({
      name: 'compromise time ≤ 10% of whole-page compromise',
      status: 'N/A',
      detail: unjudged.length ? `not judged: ${unjudged.join(', ')}` : 'no page sent candidates to the classifier',
    });

  out.push(
    card.latencyMs === null
      ? {
          name: 'first hover card visible ≤ 16 ms after its delay',
          status: 'N/A',
          detail: `not measured${card.reason ? `: ${card.reason}` : ''}`,
        }
      : {
          name: 'first hover card visible ≤ 16 ms after its delay',
          status: card.latencyMs <= 16 ? 'PASS' : 'MISS',
          detail: `${fmt(card.latencyMs)} ms`,
        },
  );
  return out;
}
