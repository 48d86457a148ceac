/** The printed table. Pure: results in, text out. */
import type { PageStatsSnapshot } from '../../src/page/stats';
import type { Budget, PageFigures } from './summarize';

export interface ReportInput {
  runs: number;
  command: string;
  machine: { cpus: number; loadavg: number[] };
  sizes: { file: string; when: string; bytes: number | null; gzip: number | null }[];
  pages: (PageFigures & {
    stats: PageStatsSnapshot | null;
    ratios: { extToFloor: number | null; extToMark: number | null; classifyToWholePageCompromise: number | null };
  })[];
  card: { latencyMs: number | null; reason?: string; page?: string };
  budgets: Budget[];
  warnings: string[];
}

const n = (x: number | null | undefined, digits = 1): string =>
  x == null || !Number.isFinite(x) ? '–' : Math.abs(x) >= 1000 ? x.toFixed(0) : x.toFixed(digits);
const r = (x: number | null): string => (x == null ? '–' : x >= 1 ? `${x.toFixed(2)}×` : `1/${(1 / x).toFixed(1)}`);
const kb = (b: number | null): string => (b == null ? 'absent' : `${(b / 1024).toFixed(1)} KB`);

function table(head: string[], rows: string[][]): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ');
  return [line(head), w.map((x) => '─'.repeat(x)).join('  '), ...rows.map(line)].join('\n');
}

export function formatReport(res: ReportInput): string {
  const out: string[] = [];
  out.push(`Partnership Lens bench — ${res.runs} run(s) per variant, ${res.machine.cpus} CPUs, load ${res.machine.loadavg.map((l) => l.toFixed(2)).join(' ')}`);
  out.push('Extension main-thread time (ms) from the trace, median over runs; "+page" = CDP ScriptDuration added over "off".\n');
  out.push(
    table(
      ['page', 'ext', 'floor', 'mark.js', 'compromise', 'ext/floor', 'ext/mark', 'ext +page', 'mark +page', 'longest ext task', 'mentions'],
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
      ['page', 'content.js†', 'card.js†', 'scan', 'classify*', 'paint', 'total', 'text chars', 'cand.', 'ambig.', 'round trips', 'longest turn', 'whole-page nlp', 'classify/nlp'],
      res.pages.map((p) => {
        const s = p.stats;
        const by = p.variants.ext?.byScript ?? {};
        return [
          p.page,
          n(by['content-scripts/content.js'] ?? 0, 2),
          n(by['card.js'] ?? 0, 2),
          n(s?.stages.scan, 2),
          n(s?.stages.classify),
          n(s?.stages.paint, 2),
          n(s?.stages.total, 2),
          s ? String(s.textChars) : '–',
          s ? String(s.candidates) : '–',
          s ? String(s.ambiguous) : '–',
          s ? String(s.classifyRoundTrips) : '–',
          n(s?.longestTaskMs, 2),
          n(p.wholePageNlpMs),
          p.ratios.classifyToWholePageCompromise == null ? '–' : `${(p.ratios.classifyToWholePageCompromise * 100).toFixed(1)}%`,
        ];
      }),
    ),
  );
  out.push('† sampled from the trace (median ms): the always-injected script vs the card bundle injected on pages with mentions.');
  out.push('* classify: wall time with a request in flight; the NLP itself runs in the service worker, off the page.');
  out.push('\nSizes:\n');
  out.push(table(['file', 'loaded', 'minified', 'gzip'], res.sizes.map((s) => [s.file, s.when, kb(s.bytes), kb(s.gzip)])));
  out.push(
    `\nFirst hover card: ${res.card.latencyMs == null ? `not measured (${res.card.reason ?? 'no card'})` : `${n(res.card.latencyMs)} ms after the hover delay (worst page: ${res.card.page})`}`,
  );
  out.push('\nBudgets:\n');
  for (const b of res.budgets) out.push(`  ${b.status.padEnd(4)}  ${b.name}: ${b.detail}`);
  if (res.warnings.length) out.push(`\nWarnings:\n${res.warnings.map((w) => `  ${w}`).join('\n')}`);
  return out.join('\n');
}
