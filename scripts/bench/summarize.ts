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
  if (mine.length === 0) return errors.length ? { runs: 0, scriptMs: NaN, taskMs: NaN, addedScriptMs: null, addedTaskMs: null, extensionMs: NaN, longestTaskMs: NaN, selfMs: null, mentions: null, byScript: {}, errors } : null;
  const off = new Map(samples.filter((s) => s.variant === 'off' && !s.error).map((s) => [s.run, s]));
  const paired = mine.filter((s) => off.has(s.run));
  const selfMs = mine.map((s) => s.self?.ms).filter((x): x is number => typeof x === 'number');
  const mentions = mine.map((s) => s.self?.mentions).filter((x): x is number => typeof x === 'number');
  return {
    runs: mine.length,
    scriptMs: median(mine.map((s) => s.scriptMs)),
    taskMs: median(mine.map((s) => s.taskMs)),
    addedScriptMs: variant === 'off' || !paired.length ? null : median(paired.map((s) => s.scriptMs - off.get(s.run)!.scriptMs)),
    addedTaskMs: variant === 'off' || !paired.length ? null : median(paired.map((s) => s.taskMs - off.get(s.run)!.taskMs)),
    extensionMs: median(mine.map((s) => s.trace.extensionMs)),
    longestTaskMs: Math.max(...mine.map((s) => s.trace.longestTaskMs)),
    selfMs: selfMs.length ? median(selfMs) : null,
    mentions: mentions.length ? median(mentions) : null,
    byScript: Object.fromEntries(
      [...new Set(mine.flatMap((s) => Object.keys(s.trace.byScript)))].map((k) => [k, median(mine.map((s) => s.trace.byScript[k] ?? 0))]),
    ),
    errors,
  };
}

export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a == null || b == null || !Number.isFinite(a) || !Number.isFinite(b) || b <= 0) return null;
  return a / b;
}

export interface PageFigures {
  page: string;
  /** A corpus page (true) or the generated large page (false). */
  corpus: boolean;
  variants: Partial<Record<Variant, VariantSummary>>;
  /** The extension's own stats (last run): classify time, mentions… */
  extStats: { mentions: number; classifyMs: number; ambiguous: number } | null;
  /** Median compromise nlp() time of the whole-page variant (ms). */
  wholePageNlpMs: number | null;
}

export interface Budget {
  name: string;
  status: 'PASS' | 'MISS' | 'N/A';
  detail: string;
}

const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));

/**
 * The budgets, judged on the trace-attributed extension time (the one
 * figure that separates the extension's main-thread work from the page's).
 */
export function judgeBudgets(pages: readonly PageFigures[], card: { latencyMs: number | null; reason?: string }): Budget[] {
  const out: Budget[] = [];
  const ext = (p: PageFigures) => p.variants.ext?.extensionMs;
  const corpus = pages.filter((p) => p.corpus && Number.isFinite(ext(p)) && Number.isFinite(p.variants.floor?.extensionMs));

  if (corpus.length) {
    const e = corpus.reduce((a, p) => a + ext(p)!, 0);
    const f = corpus.reduce((a, p) => a + p.variants.floor!.extensionMs, 0);
    const r = e / f;
    out.push({
      name: 'main-thread time ≤ 2× floor (corpus total)',
      status: r <= 2 ? 'PASS' : 'MISS',
      detail: `${fmt(e)} ms vs floor ${fmt(f)} ms = ${r.toFixed(2)}×${r > 2 ? ` (over by ${fmt(e - 2 * f)} ms)` : ''}`,
    });
  } else out.push({ name: 'main-thread time ≤ 2× floor (corpus total)', status: 'N/A', detail: 'no corpus page measured' });

  const withMentions = pages.filter((p) => (p.extStats?.mentions ?? 0) > 0 && Number.isFinite(p.variants.mark?.extensionMs));
  if (withMentions.length) {
    const misses = withMentions.filter((p) => !(ext(p)! < p.variants.mark!.extensionMs / 20));
    const worst = withMentions.map((p) => ({ p: p.page, r: ext(p)! / p.variants.mark!.extensionMs })).sort((a, b) => b.r - a.r)[0]!;
    out.push({
      name: '< 1/20 of mark.js on every page with mentions',
      status: misses.length ? 'MISS' : 'PASS',
      detail: `worst ${worst.p}: 1/${(1 / worst.r).toFixed(1)}${misses.length ? `; missed on ${misses.map((p) => p.page).join(', ')}` : ''}`,
    });
  } else out.push({ name: '< 1/20 of mark.js on every page with mentions', status: 'N/A', detail: 'no page with mentions' });

  const noMention = pages.filter((p) => p.extStats && p.extStats.mentions === 0 && Number.isFinite(p.variants.floor?.extensionMs));
  if (noMention.length) {
    const diffs = noMention.map((p) => ({ p: p.page, d: ext(p)! - p.variants.floor!.extensionMs }));
    const bad = diffs.filter((d) => d.d > 1);
    out.push({
      name: 'page with no mention within 1 ms of floor',
      status: bad.length ? 'MISS' : 'PASS',
      detail: diffs.map((d) => `${d.p}: ${d.d >= 0 ? '+' : ''}${fmt(d.d)} ms`).join(', '),
    });
  } else out.push({ name: 'page with no mention within 1 ms of floor', status: 'N/A', detail: 'every measured page has mentions' });

  const longest = pages.filter((p) => Number.isFinite(p.variants.ext?.longestTaskMs));
  if (longest.length) {
    const worst = longest.map((p) => ({ p: p.page, t: p.variants.ext!.longestTaskMs })).sort((a, b) => b.t - a.t)[0]!;
    out.push({
      name: 'no extension task > 50 ms',
      status: worst.t <= 50 ? 'PASS' : 'MISS',
      detail: `longest ${fmt(worst.t)} ms on ${worst.p}`,
    });
  } else out.push({ name: 'no extension task > 50 ms', status: 'N/A', detail: 'extension not measured' });

  const nlp = pages.filter((p) => p.extStats && p.extStats.ambiguous > 0 && p.wholePageNlpMs);
  if (nlp.length) {
    const rs = nlp.map((p) => ({ p: p.page, r: p.extStats!.classifyMs / p.wholePageNlpMs! }));
    const worst = rs.sort((a, b) => b.r - a.r)[0]!;
    out.push({
      name: 'compromise time ≤ 10% of whole-page compromise',
      status: worst.r <= 0.1 ? 'PASS' : 'MISS',
      detail: `worst ${worst.p}: ${(worst.r * 100).toFixed(1)}% (classify round trips, an upper bound of the NLP time)`,
    });
  } else out.push({ name: 'compromise time ≤ 10% of whole-page compromise', status: 'N/A', detail: 'no page sent candidates to the classifier' });

  out.push(
    card.latencyMs === null
      ? { name: 'first hover card visible ≤ 16 ms after its delay', status: 'N/A', detail: `not measured${card.reason ? `: ${card.reason}` : ''}` }
      : {
          name: 'first hover card visible ≤ 16 ms after its delay',
          status: card.latencyMs <= 16 ? 'PASS' : 'MISS',
          detail: `${fmt(card.latencyMs)} ms`,
        },
  );
  return out;
}
