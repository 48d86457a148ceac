/**
 * From raw samples to the figures the bench prints: medians, paired
 * differences with their intervals, the budgets. Pure.
 *
 * Two kinds of load (scripts/bench/README.md): untraced ones, where the only
 * figures are CDP `Performance.getMetrics` in thread time (everything on the
 * page's main thread, the page's own work included: budgets are judged on
 * these), and traced ones (a DevTools trace with the V8 sampler, which slows a
 * freshly compiled script: used to attribute time to scripts and find the
 * longest task holding our code).
 */
import type { TraceCost } from './trace';

/** "alt": another build of the extension, measured beside it when asked (`--compare`). */
export const VARIANTS = ['off', 'ext', 'alt', 'floor', 'mark', 'compromise'] as const;
export type Variant = (typeof VARIANTS)[number];
/** Variants of the untraced, alternating runs (whole-page compromise is measured traced only: its figure is its own clock). */
export const UNTRACED_VARIANTS: readonly Variant[] = ['off', 'ext', 'alt', 'floor', 'mark'];
export const TRACED_VARIANTS: readonly Variant[] = ['ext', 'floor', 'mark', 'compromise'];

/** CDP metrics over one load, thread time (ms): from navigation to the end of the window. */
export interface Metrics {
  taskMs: number;
  scriptMs: number;
  styleMs: number;
  layoutMs: number;
}

export interface Sample {
  variant: Variant;
  run: number;
  traced: boolean;
  metrics: Metrics;
  /** From the trace (traced loads): what the variant's extension itself cost. */
  trace: TraceCost | null;
  /** What the variant said it did (its own clock): ms, mentions, textChars, nlpMs… */
  self: Record<string, number> | null;
  error?: string;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export interface Interval {
  median: number;
  /** A distribution-free confidence interval of the median (order statistics), NaN when too few runs. */
  low: number;
  high: number;
  /** Its actual coverage (≥ the level asked when there are enough runs). */
  level: number;
  n: number;
}

function binomialCdf(k: number, n: number): number {
  let c = 0;
  let term = 0.5 ** n;
  for (let i = 0; i <= k; i++) {
    c += term;
    term = (term * (n - i)) / (i + 1);
  }
  return c;
}

/**
 * The median of `xs` with a confidence interval that assumes nothing about
 * their distribution: [x₍ₖ₎, x₍ₙ₋ₖ₊₁₎] for the largest k whose binomial tail
 * keeps the coverage ≥ `level`. With 9 runs the 95 % interval is [x₍₂₎, x₍₈₎],
 * with 15 runs [x₍₄₎, x₍₁₂₎]; under 6 runs there is none at 95 %.
 */
export function medianInterval(xs: readonly number[], level = 0.95): Interval {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  const n = s.length;
  const out: Interval = { median: median(s), low: NaN, high: NaN, level: 0, n };
  for (let k = Math.floor(n / 2); k >= 1; k--) {
    const coverage = 1 - 2 * binomialCdf(k - 1, n);
    if (coverage >= level) {
      out.low = s[k - 1]!;
      out.high = s[n - k]!;
      out.level = coverage;
      break;
    }
  }
  return out;
}

/** Per-run differences a − b of a metric, runs paired by number (both loads of a run ran back to back). */
export function pairedDifferences(samples: readonly Sample[], a: Variant, b: Variant, key: keyof Metrics): number[] {
  const bs = new Map(samples.filter((s) => s.variant === b && !s.traced && !s.error).map((s) => [s.run, s]));
  return samples
    .filter((s) => s.variant === a && !s.traced && !s.error && bs.has(s.run))
    .map((s) => s.metrics[key] - bs.get(s.run)!.metrics[key]);
}

export interface UntracedSummary {
  runs: number;
  /** Medians over the runs. */
  taskMs: number;
  scriptMs: number;
  styleMs: number;
  layoutMs: number;
  /** Median of the per-run differences with "off" (what the variant adds to the page), null for "off". */
  addedTaskMs: number | null;
  addedScriptMs: number | null;
  errors: string[];
}

export function summarizeUntraced(samples: readonly Sample[], variant: Variant): UntracedSummary | null {
  const mine = samples.filter((s) => s.variant === variant && !s.traced);
  const ok = mine.filter((s) => !s.error);
  if (!mine.length) return null;
  const m = (k: keyof Metrics) => median(ok.map((s) => s.metrics[k]));
  const added = (k: keyof Metrics) => {
    if (variant === 'off') return null;
    const d = pairedDifferences(samples, variant, 'off', k);
    return d.length ? median(d) : null;
  };
  return {
    runs: ok.length,
    taskMs: m('taskMs'),
    scriptMs: m('scriptMs'),
    styleMs: m('styleMs'),
    layoutMs: m('layoutMs'),
    addedTaskMs: added('taskMs'),
    addedScriptMs: added('scriptMs'),
    errors: mine.filter((s) => s.error).map((s) => s.error!),
  };
}

export interface TracedSummary {
  runs: number;
  /** Median extension main-thread time attributed from the trace (ms). */
  extensionMs: number;
  /** Longest task holding the variant's code, over all traced runs (the worst case). */
  longestTaskMs: number;
  /** Median sampled extension time per script file (ms). */
  byScript: Record<string, number>;
  /** Median of the variant's own clock, where it reports one. */
  selfMs: number | null;
  mentions: number | null;
  errors: string[];
}

export function summarizeTraced(samples: readonly Sample[], variant: Variant): TracedSummary | null {
  const mine = samples.filter((s) => s.variant === variant && s.traced);
  const ok = mine.filter((s) => !s.error && s.trace);
  if (!mine.length) return null;
  const selfMs = ok.map((s) => s.self?.ms).filter((x): x is number => typeof x === 'number');
  const mentions = ok.map((s) => s.self?.mentions).filter((x): x is number => typeof x === 'number');
  return {
    runs: ok.length,
    extensionMs: median(ok.map((s) => s.trace!.extensionMs)),
    longestTaskMs: ok.length ? Math.max(...ok.map((s) => s.trace!.longestTaskMs)) : NaN,
    byScript: Object.fromEntries(
      [...new Set(ok.flatMap((s) => Object.keys(s.trace!.byScript)))].map((k) => [
        k,
        median(ok.map((s) => s.trace!.byScript[k] ?? 0)),
      ]),
    ),
    selfMs: selfMs.length ? median(selfMs) : null,
    mentions: mentions.length ? median(mentions) : null,
    errors: mine.filter((s) => s.error).map((s) => s.error!),
  };
}

export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a == null || b == null || !Number.isFinite(a) || !Number.isFinite(b) || b <= 0) return null;
  return a / b;
}

const selfValues = (samples: readonly Sample[], variant: Variant, key: string, withErrors = false): number[] =>
  samples
    .filter((s) => s.variant === variant && (withErrors || !s.error))
    .map((s) => s.self?.[key])
    .filter((x): x is number => typeof x === 'number' && Number.isFinite(x));

const medianOrNull = (xs: readonly number[]): number | null => (xs.length ? median(xs) : null);

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

export type PageKind = 'corpus' | 'big' | 'deep';

export interface PageFigures {
  page: string;
  kind: PageKind;
  untraced: Partial<Record<Variant, UntracedSummary>>;
  /** ext − floor, paired by run: the figures the "no mention" budgets are judged on. */
  extMinusFloor: { taskMs: Interval; scriptMs: Interval } | null;
  traced: Partial<Record<Variant, TracedSummary>>;
  /** The extension's own account of the page (its counters, last untraced run). */
  extStats: {
    mentions: number;
    segments: number;
    sieved: number;
    secondStage: boolean;
    /** Wall time with a findMentions request in flight (ms). */
    findWallMs: number;
    /** Background main-thread time answering the page's findMentions requests (ms, off the page's thread). */
    backgroundMs: number | null;
  } | null;
  compromise: CompromiseFigures;
}

export interface Budget {
  name: string;
  status: 'PASS' | 'MISS' | 'N/A';
  detail: string;
}

/** Seconds, for the whole-page lower bound ("> 176 s"). */
const fmtS = (ms: number) => `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s`;

export const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));
export const fmtInterval = (i: Interval) =>
  Number.isFinite(i.low)
    ? `${fmt(i.median)} [${fmt(i.low)}, ${fmt(i.high)}]`
    : `${fmt(i.median)} [no interval: ${i.n} runs]`;

/**
 * The budgets of issue 10, judged on the untraced figures (thread time, CDP
 * TaskDuration and ScriptDuration); the longest task on the traced runs (only a
 * trace says whose task it is).
 */
export function judgeBudgets(
  pages: readonly PageFigures[],
  card: { latencyMs: number | null; reason?: string },
): Budget[] {
  const out: Budget[] = [];
  const added = (p: PageFigures, v: Variant) => p.untraced[v]?.addedTaskMs;

  const noMention = pages.filter((p) => p.kind === 'corpus' && p.extStats?.mentions === 0 && p.extMinusFloor);
  if (noMention.length) {
    const script = noMention.map((p) => ({ p: p.page, d: p.extMinusFloor!.scriptMs }));
    const bad = script.filter((x) => !(x.d.median <= 1));
    out.push({
      name: 'pages without a mention: script time within 1 ms of the floor (median of ext − floor)',
      status: bad.length ? 'MISS' : 'PASS',
      detail: script.map((x) => `${x.p}: ${fmtInterval(x.d)} ms`).join('; '),
    });
    const task = noMention.map((p) => ({ p: p.page, d: p.extMinusFloor!.taskMs }));
    const apart = task.filter((x) => !(x.d.low <= 0 && x.d.high >= 0));
    out.push({
      name: 'pages without a mention: task time not distinguishable from the floor (95 % interval of ext − floor holds 0)',
      status: task.some((x) => !Number.isFinite(x.d.low)) ? 'N/A' : apart.length ? 'MISS' : 'PASS',
      detail: task.map((x) => `${x.p}: ${fmtInterval(x.d)} ms`).join('; '),
    });
  } else
    out.push(
      {
        name: 'pages without a mention: script time within 1 ms of the floor',
        status: 'N/A',
        detail: 'no corpus page without a mention was measured',
      },
      {
        name: 'pages without a mention: task time not distinguishable from the floor',
        status: 'N/A',
        detail: 'no corpus page without a mention was measured',
      },
    );

  const corpus = pages.filter(
    (p) => p.kind === 'corpus' && Number.isFinite(added(p, 'ext')) && Number.isFinite(added(p, 'floor')),
  );
  if (corpus.length) {
    const e = corpus.reduce((a, p) => a + added(p, 'ext')!, 0);
    const f = corpus.reduce((a, p) => a + added(p, 'floor')!, 0);
    out.push({
      name: 'corpus pages: total task time at most 2× the floor’s',
      status: e <= 2 * f ? 'PASS' : 'MISS',
      detail: `extension adds ${fmt(e)} ms, the floor ${fmt(f)} ms over ${corpus.length} pages: ${(e / f).toFixed(2)}×${e > 2 * f ? ` (over by ${fmt(e - 2 * f)} ms)` : ''}`,
    });
  } else
    out.push({ name: 'corpus pages: total task time at most 2× the floor’s', status: 'N/A', detail: 'none measured' });

  const withMentions = pages.filter(
    (p) => p.kind === 'corpus' && (p.extStats?.mentions ?? 0) > 0 && Number.isFinite(added(p, 'mark')),
  );
  if (withMentions.length) {
    const misses = withMentions.filter((p) => !(added(p, 'ext')! < added(p, 'mark')!));
    out.push({
      name: 'pages with mentions: less task time than mark.js on every one',
      status: misses.length ? 'MISS' : 'PASS',
      detail:
        withMentions.map((p) => `${p.page} ${fmt(added(p, 'ext')!)} vs ${fmt(added(p, 'mark')!)}`).join('; ') +
        (misses.length ? `; missed on ${misses.map((p) => p.page).join(', ')}` : ''),
    });
  } else out.push({ name: 'pages with mentions: less task time than mark.js', status: 'N/A', detail: 'none measured' });

  const longest = pages.filter((p) => Number.isFinite(p.traced.ext?.longestTaskMs));
  if (longest.length) {
    const over = longest.filter((p) => p.traced.ext!.longestTaskMs > 50);
    const worst = longest.map((p) => ({ p: p.page, t: p.traced.ext!.longestTaskMs })).sort((a, b) => b.t - a.t)[0]!;
    out.push({
      name: 'no task over 50 ms holding our code (traced)',
      status: over.length ? 'MISS' : 'PASS',
      detail: `longest ${fmt(worst.t)} ms on ${worst.p}${over.length ? `; over on ${over.map((p) => `${p.page} ${fmt(p.traced.ext!.longestTaskMs)}`).join(', ')}` : ''}`,
    });
  } else out.push({ name: 'no task over 50 ms holding our code', status: 'N/A', detail: 'no traced run' });

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
        `worst ${worst.p}: ${(worst.r * 100).toFixed(1)}%` +
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
