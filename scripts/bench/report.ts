/** The printed tables. Pure: results in, text out. */
import type { Budget, Interval, PageFigures, SetupFigures, Variant } from './summarize';
import { fmtInterval } from './summarize';

export interface ReportInput {
  runs: number;
  tracedRuns: number;
  command: string;
  machine: { cpus: number; loadBefore: number[]; loadAfter: number[] };
  sizes: { file: string; when: string; bytes: number | null; gzip: number | null }[];
  setup: SetupFigures;
  pages: PageFigures[];
  card: { latencyMs: number | null; frameStartMs?: number | null; reason?: string; page?: string };
  budgets: Budget[];
  warnings: string[];
}

const n = (x: number | null | undefined, digits = 1): string =>
  x == null || !Number.isFinite(x) ? '–' : Math.abs(x) >= 1000 ? x.toFixed(0) : x.toFixed(digits);
/** Percent with one decimal; tiny ratios (the lower-bounded large page) keep one significant digit instead of "0.0%". */
const pct = (x: number | null | undefined): string =>
  x == null || !Number.isFinite(x)
    ? '–'
    : x > 0 && x < 0.001
      ? `${(x * 100).toPrecision(1)}%`
      : `${(x * 100).toFixed(1)}%`;
const kb = (b: number | null): string => (b == null ? 'absent' : `${(b / 1024).toFixed(1)} KB`);
const iv = (i: Interval | undefined): string => (i ? fmtInterval(i) : '–');

function table(head: string[], rows: string[][]): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ');
  return [line(head), w.map((x) => '─'.repeat(x)).join('  '), ...rows.map(line)].join('\n');
}

const added = (p: PageFigures, v: Variant, k: 'addedTaskMs' | 'addedScriptMs') => p.untraced[v]?.[k];

export function formatReport(res: ReportInput): string {
  const out: string[] = [];
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
  out.push(
    `Partnership Lens bench — ${res.runs} untraced + ${res.tracedRuns} traced run(s) per page and variant, ${res.machine.cpus} CPUs, ` +
      `load average ${load(res.machine.loadBefore)} before, ${load(res.machine.loadAfter)} after`,
  );
  out.push(
    '\nWhat each adds to the page (untraced, CDP thread time, median over runs of variant − no extension in the same run, ms).\n' +
      'task = TaskDuration (script, style, layout, paint, GC: all main-thread work); script = ScriptDuration.\n',
  );
  const hasAlt = res.pages.some((p) => p.untraced.alt);
  out.push(
    table(
      [
        'page',
        'off task',
        'ext task',
        ...(hasAlt ? ['alt task'] : []),
        'floor task',
        'mark task',
        'ext/floor',
        'ext script',
        'floor script',
        'mark script',
        'ext − floor task [95 % CI]',
        'ext − floor script [95 % CI]',
        'mentions',
      ],
      res.pages.map((p) => {
        const e = added(p, 'ext', 'addedTaskMs');
        const f = added(p, 'floor', 'addedTaskMs');
        return [
          p.page,
          n(p.untraced.off?.taskMs),
          n(e),
          ...(hasAlt ? [n(added(p, 'alt', 'addedTaskMs'))] : []),
          n(f),
          n(added(p, 'mark', 'addedTaskMs')),
          e != null && f != null && f > 0 ? `${(e / f).toFixed(2)}×` : '–',
          n(added(p, 'ext', 'addedScriptMs')),
          n(added(p, 'floor', 'addedScriptMs')),
          n(added(p, 'mark', 'addedScriptMs')),
          iv(p.extMinusFloor?.taskMs),
          iv(p.extMinusFloor?.scriptMs),
          p.extStats ? String(p.extStats.mentions) : '–',
        ];
      }),
    ),
  );
  const corpus = res.pages.filter((p) => p.kind === 'corpus');
  const sum = (v: Variant, k: 'addedTaskMs' | 'addedScriptMs') =>
    corpus.reduce((a, p) => a + (added(p, v, k) ?? NaN), 0);
  if (corpus.length)
    out.push(
      `corpus total (${corpus.length} pages): task ext ${n(sum('ext', 'addedTaskMs'))}, floor ${n(sum('floor', 'addedTaskMs'))}, mark.js ${n(sum('mark', 'addedTaskMs'))}` +
        `${hasAlt ? `, alt ${n(sum('alt', 'addedTaskMs'))}` : ''}; script ext ${n(sum('ext', 'addedScriptMs'))}, floor ${n(sum('floor', 'addedScriptMs'))}, mark.js ${n(sum('mark', 'addedScriptMs'))}`,
    );

  out.push('\nThe extension on each page (its own counters, last untraced run):\n');
  out.push(
    table(
      ['page', 'segments', 'sieved', 'second stage', 'find wall*', 'background†', 'mentions'],
      res.pages.map((p) => {
        const s = p.extStats;
        return [
          p.page,
          s ? String(s.segments) : '–',
          s ? String(s.sieved) : '–',
          s ? (s.secondStage ? 'loaded' : 'no') : '–',
          n(s?.findWallMs),
          n(s?.backgroundMs, 2),
          s ? String(s.mentions) : '–',
        ];
      }),
    ),
  );
  out.push(
    "* wall time with a findMentions request in flight (messaging, the background's scan and classifier).\n" +
      "† the background's main-thread time answering them (off the page's thread; the service worker's own).",
  );

  if (res.tracedRuns > 0) {
    out.push(
      '\nAttribution (traced: a DevTools trace with the V8 sampler, which slows freshly compiled script; not what budgets use):\n',
    );
    out.push(
      table(
        [
          'page',
          'ext',
          'content.js',
          'first-stage.js',
          'page-layer.js',
          'card.js',
          'floor',
          'mark.js',
          'compromise',
          'longest task with our code',
        ],
        res.pages.map((p) => {
          const by = p.traced.ext?.byScript ?? {};
          return [
            p.page,
            n(p.traced.ext?.extensionMs, 2),
            n(by['content-scripts/content.js'] ?? 0, 2),
            n(by['first-stage.js'] ?? 0, 2),
            n(by['page-layer.js'] ?? 0, 2),
            n(by['card.js'] ?? 0, 2),
            n(p.traced.floor?.extensionMs, 2),
            n(p.traced.mark?.extensionMs),
            n(p.traced.compromise?.extensionMs),
            n(p.traced.ext?.longestTaskMs),
          ];
        }),
      ),
    );
  }

  out.push(
    '\nCompromise: CPU ms inside compromise for the page, median over runs (its one-off set-up excluded on both sides, below):\n',
  );
  out.push(
    table(
      [
        'page',
        'sentences',
        'their chars',
        'cache hits',
        'nlp calls',
        'ext compromise',
        'ext classifier',
        'whole nlp()',
        'whole lookup',
        'whole-page',
        'ext/whole',
      ],
      res.pages.map((p) => {
        const c = p.compromise;
        const whole =
          c.whole?.nlpMs != null
            ? n(c.whole.nlpMs)
            : c.whole?.atLeastMs != null
              ? `> ${(c.whole.atLeastMs / 1000).toFixed(0)} s`
              : '–';
        const incomplete = c.ext && !c.ext.complete ? ' ≥' : '';
        return [
          p.page,
          c.ext ? String(c.ext.sentences) : '–',
          c.ext ? String(c.ext.chars) : '–',
          c.ext ? String(c.ext.cacheHits) : '–',
          c.ext ? String(c.ext.nlpCalls) : '–',
          `${incomplete}${n(c.ext?.nlpMs, 2)}`,
          n(c.ext?.classifierMs, 2),
          n(c.whole?.parseMs),
          n(c.whole?.lookupMs),
          whole,
          c.ratio == null ? '–' : `${c.ratioAgainstLowerBound ? '< ' : ''}${pct(c.ratio)}`,
        ];
      }),
    ),
  );
  out.push(
    'ext compromise: nlp(sentence).json() in the service worker for this tab; ext classifier: the whole classify handler (caches, compromise, scoring).\n' +
      'whole-page: nlp(page text) + lookup of the names in the content script. "> N s": it was still inside nlp() when the load timed out (a lower bound),\n' +
      'so the ratio beside it is an upper bound. "≥": the classifier was still busy at the timeout.',
  );
  const su = res.setup;
  out.push(
    `One-off set-up of compromise (median ms): extension ${n(su.extWorkerReadyMs)} worker start → background script run (whole bundle) + ${n(su.extFirstUseMs)} first call, ` +
      `once per service-worker start, off the page; whole-page ${n(su.wholeLoadMs)} module evaluation + ${n(su.wholeFirstUseMs)} first call, on every page load, on the page's main thread.`,
  );
  out.push('\nSizes:\n');
  out.push(
    table(
      ['file', 'loaded in', 'minified', 'gzip'],
      res.sizes.map((s) => [s.file, s.when, kb(s.bytes), kb(s.gzip)]),
    ),
  );
  out.push(
    `\nFirst hover card: ${
      res.card.latencyMs == null
        ? `not measured (${res.card.reason ?? 'no card'})`
        : `${n(res.card.latencyMs)} ms after the hover delay until the frame showing it was rendered (card.js loaded by that hover; the frame began at ${n(res.card.frameStartMs)} ms; worst page: ${res.card.page})`
    }`,
  );
  out.push('\nBudgets:\n');
  for (const b of res.budgets) out.push(`  ${b.status.padEnd(4)}  ${b.name}: ${b.detail}`);
  if (res.warnings.length) out.push(`\nWarnings:\n${res.warnings.map((w) => `  ${w}`).join('\n')}`);
  return out.join('\n');
}
