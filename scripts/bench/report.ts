/** The printed table. Pure: results in, text out. */
import type { PageStatsSnapshot } from '../../src/page/stats';
import type { Budget, PageFigures, SetupFigures } from './summarize';

export interface ReportInput {
  runs: number;
  command: string;
  machine: { cpus: number; loadavg: number[] };
  sizes: { file: string; when: string; bytes: number | null; gzip: number | null }[];
  setup: SetupFigures;
  pages: (PageFigures & {
    stats: PageStatsSnapshot | null;
    ratios: {
      extToFloor: number | null;
      extToMark: number | null;
      compromiseToWholePage: number | null;
      classifyWallToWholePage: number | null;
    };
  })[];
  card: { latencyMs: number | null; frameStartMs?: number | null; reason?: string; page?: string };
  budgets: Budget[];
  warnings: string[];
}

const n = (x: number | null | undefined, digits = 1): string =>
  x == null || !Number.isFinite(x) ? '–' : Math.abs(x) >= 1000 ? x.toFixed(0) : x.toFixed(digits);
const r = (x: number | null): string => (x == null ? '–' : x >= 1 ? `${x.toFixed(2)}×` : `1/${(1 / x).toFixed(1)}`);
/** Percent with one decimal; tiny ratios (the lower-bounded large page) keep one significant digit instead of "0.0%". */
const pct = (x: number | null | undefined): string =>
  x == null || !Number.isFinite(x)
    ? '–'
    : x > 0 && x < 0.001
      ? `${(x * 100).toPrecision(1)}%`
      : `${(x * 100).toFixed(1)}%`;
const kb = (b: number | null): string => (b == null ? 'absent' : `${(b / 1024).toFixed(1)} KB`);

function table(head: string[], rows: string[][]): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ');
  return [line(head), w.map((x) => '─'.repeat(x)).join('  '), ...rows.map(line)].join('\n');
}

export function formatReport(res: ReportInput): string {
  const out: string[] = [];
  out.push(
    `Partnership Lens bench — ${res.runs} run(s) per variant, ${res.machine.cpus} CPUs, load ${res.machine.loadavg.map((l) => l.toFixed(2)).join(' ')}`,
  );
  out.push(
    'Extension main-thread time (ms) from the trace, median over runs; "+page" = CDP ScriptDuration added over "off".\n',
  );
  out.push(
    table(
      [
        'page',
        'ext',
        'floor',
        'mark.js',
        'compromise',
        'ext/floor',
        'ext/mark',
        'ext +page',
        'mark +page',
        'longest ext task',
        'mentions',
      ],
      res.pages.map((p) => [
        p.page,
        n(p.variants.ext?.extensionMs, 2),
        n(p.variants.floor?.extensionMs, 2),
        n(p.variants.mark?.extensionMs),
        n(p.variants.compromise?.extensionMs),
        r(p.ratios.extToFloor),
        r(p.ratios.extToMark),
        n(p.variants.ext?.addedScriptMs),
        n(p.variants.mark?.addedScriptMs),
        n(p.variants.ext?.longestTaskMs),
        p.stats ? String(p.stats.mentions) : '–',
      ]),
    ),
  );
  out.push('\nStages of the extension (its own clock, ms; last run):\n');
  out.push(
    table(
      [
        'page',
        'content.js†',
        'card.js†',
        'scan',
        'classify wall*',
        'paint',
        'total',
        'text chars',
        'cand.',
        'ambig.',
        'round trips',
        'longest turn',
      ],
      res.pages.map((p) => {
        const s = p.stats;
        const by = p.variants.ext?.byScript ?? {};
        return [
          p.page,
          n(by['content-scripts/content.js'] ?? 0, 2),
          n(by['card.js'] ?? 0, 2),
          n(s?.stages.read, 2),
          n(s?.stages.find),
          n(s?.stages.paint, 2),
          n(s?.stages.total, 2),
          s ? String(s.textChars) : '–',
          s ? String(s.segments) : '–',
          s ? String(s.sieved) : '–',
          s ? String(s.findRoundTrips) : '–',
          n(s?.longestTaskMs, 2),
        ];
      }),
    ),
  );
  out.push(
    '† sampled from the trace (median ms): the always-injected script vs the card bundle injected on pages with mentions.',
  );
  out.push(
    '* classify wall: time with a classify request in flight (worker wake-up, messaging, queueing and the NLP, which runs in the service worker, off the page).',
  );
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
        'classify wall*',
        'wall/whole',
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
          n(c.ext?.wallMs),
          `${c.ratioAgainstLowerBound && p.ratios.classifyWallToWholePage != null ? '< ' : ''}${pct(p.ratios.classifyWallToWholePage)}`,
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
      ['file', 'loaded', 'minified', 'gzip'],
      res.sizes.map((s) => [s.file, s.when, kb(s.bytes), kb(s.gzip)]),
    ),
  );
  out.push(
    `\nFirst hover card: ${
      res.card.latencyMs == null
        ? `not measured (${res.card.reason ?? 'no card'})`
        : `${n(res.card.latencyMs)} ms after the hover delay until the frame showing it was rendered (that frame began at ${n(res.card.frameStartMs)} ms; worst page: ${res.card.page})`
    }`,
  );
  out.push('\nBudgets:\n');
  for (const b of res.budgets) out.push(`  ${b.status.padEnd(4)}  ${b.name}: ${b.detail}`);
  if (res.warnings.length) out.push(`\nWarnings:\n${res.warnings.map((w) => `  ${w}`).join('\n')}`);
  return out.join('\n');
}
