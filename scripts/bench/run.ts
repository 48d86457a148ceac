/**
 * `npm run bench`: what the extension costs a reader, side by side in one run
 * with the floor (the least any mention finder can do), mark.js and whole-page
 * compromise. See scripts/bench/README.md for what each figure means and how
 * it is taken. Budgets are judged on the untraced loads; the traced ones
 * attribute time to scripts and find the longest task holding our code.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { PageStatsSnapshot } from '../../src/page/stats';
import { DEFAULT_SETTINGS } from '../../src/settings/schema';
import { generateBigPage, generateDeepPage } from './bigpage';
import {
  launch,
  LoadTimeout,
  measureCard,
  measureLoad,
  restartWorker,
  servePages,
  type Browser,
  type CardTiming,
  type LoadResult,
} from './browser';
import { parseOptions, type BenchOptions } from './options';
import { formatReport } from './report';
import {
  compromiseFigures,
  judgeBudgets,
  medianInterval,
  pairedDifferences,
  setupFigures,
  summarizeTraced,
  summarizeUntraced,
  TRACED_VARIANTS,
  UNTRACED_VARIANTS,
  VARIANTS,
  type PageFigures,
  type PageKind,
  type Sample,
  type Variant,
} from './summarize';
import { generateVariants, WARMUP_SENTENCE } from './variants';

/** The page the extension's restarted service worker is woken on (see restartWorker). */
const WARMUP_PATH = '/bench-warmup.html';
const WARMUP_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench warm-up</title></head><body><p>${WARMUP_SENTENCE}</p></body></html>`;

const ROOT = resolve(import.meta.dirname, '../..');
/** The longest measurement window after load (ms). */
const MAX_WINDOW_MS = 16_000;

export interface SizeRow {
  file: string;
  when: string;
  bytes: number | null;
  gzip: number | null;
}

function sizes(extDir: string): SizeRow[] {
  const row = (file: string, when: string): SizeRow => {
    const p = join(extDir, file);
    if (!existsSync(p)) return { file, when, bytes: null, gzip: null };
    const buf = readFileSync(p);
    return { file, when, bytes: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
  };
  return [
    row('content-scripts/world.js', 'every frame, at document_start (Chromium)'),
    row('content-scripts/content.js', 'every frame (the gate)'),
    row('first-stage.js', 'frames with a candidate (first stage)'),
    row('page-layer.js', 'frames with mentions (second stage)'),
    row('card.js', 'frames where a card is about to open'),
    row('background.js', 'service worker (compromise)'),
  ];
}

/** Builds the extension with the benchmark's instrumentation (LENS_BENCH=1: src/build-flags.d.ts). */
function buildExtension(o: BenchOptions): string {
  if (o.ext) {
    const dir = resolve(o.ext);
    if (!existsSync(join(dir, 'manifest.json')))
      throw new Error(`--ext ${o.ext}: no manifest.json there (pass the chrome-mv3 folder)`);
    return dir;
  }
  console.log(`building the extension (LENS_BENCH=1) into ${o.buildDir} …`);
  try {
    execFileSync(join(ROOT, 'node_modules/.bin/wxt'), ['build'], {
      cwd: ROOT,
      // No first-run tab at install: it would be one more page loading beside the measured ones.
      env: { ...process.env, WXT_FIRST_RUN_PAGE: 'off', LENS_OUT_DIR: o.buildDir, LENS_BENCH: '1' },
      stdio: 'pipe',
    });
  } catch (e) {
    const err = e as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`wxt build failed:\n${err.stdout?.toString() ?? ''}${err.stderr?.toString() ?? ''}`, { cause: e });
  }
  return join(resolve(ROOT, o.buildDir), 'chrome-mv3');
}

interface PageSpec {
  name: string;
  path: string;
  kind: PageKind;
  body: Buffer;
}

function corpusPages(o: BenchOptions): { pages: PageSpec[]; skipped: string | null } {
  const dir = resolve(ROOT, o.pagesDir);
  if (!existsSync(dir))
    return { pages: [], skipped: `no saved pages at ${dir} (the shared corpus is not on this machine)` };
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort();
  const chosen = o.pages.length ? files.filter((f) => o.pages.includes(f.replace(/\.html$/, ''))) : files;
  const unknown = o.pages.filter((p) => !files.includes(`${p}.html`) && !p.startsWith('generated') && p !== 'deep');
  if (unknown.length) throw new Error(`--pages: no ${unknown.map((u) => `${u}.html`).join(', ')} in ${dir}`);
  return {
    pages: chosen.map((f) => ({
      name: f.replace(/\.html$/, ''),
      path: `/pages/${f}`,
      kind: 'corpus' as const,
      body: readFileSync(join(dir, f)),
    })),
    skipped: chosen.length ? null : o.pages.length ? null : `no *.html in ${dir}`,
  };
}

/** What an extension load's own counters say (its page layer and its background), for `Sample.self`. */
function extSelf(r: LoadResult, worker: { readyMs: number | null; firstUseMs: number | null } | null) {
  const c = r.classify?.tab;
  return {
    ms: r.stats?.stages.total ?? NaN,
    mentions: r.stats?.mentions ?? NaN,
    textChars: r.stats?.textChars ?? NaN,
    segments: r.stats?.segments ?? NaN,
    sieved: r.stats?.sieved ?? NaN,
    secondStage: r.stats?.secondStage ? 1 : 0,
    findWallMs: r.stats?.stages.find ?? NaN,
    classifyWallMs: r.stats?.stages.find ?? NaN,
    backgroundMs: r.background?.ms ?? 0,
    // The page's findMentions round trips, and the requests the worker answered for the tab.
    roundTrips: r.classify?.roundTrips ?? 0,
    findRequests: r.background?.requests ?? 0,
    // The tab's classifier statistics in the worker (zeros: nothing on the page needed the classifier).
    requests: c?.requests ?? 0,
    sentences: c?.sentences ?? 0,
    chars: c?.chars ?? 0,
    cacheHits: c?.cacheHits ?? 0,
    nlpCalls: c?.nlpCalls ?? 0,
    nlpMs: c?.nlpMs ?? 0,
    classifierMs: c?.classifyMs ?? 0,
    tabFirstUseMs: c?.firstUseMs ?? 0,
    complete: r.classify?.complete ? 1 : 0,
    workerReadyMs: worker?.readyMs ?? NaN,
    workerFirstUseMs: worker?.firstUseMs ?? NaN,
  };
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2), { pagesDir: join(ROOT, '../shared/corpus/pages') });
  if (o.quick && !process.argv.includes('--traced-runs')) o.tracedRuns = 1;
  const started = Date.now();
  const loadBefore = loadavg();
  const extDir = buildExtension(o);
  const manifest = JSON.parse(readFileSync(join(extDir, 'manifest.json'), 'utf8')) as {
    name: string;
    content_scripts?: { run_at?: string; js?: string[] }[];
  };
  // The gate's (content.js), not the empty world.js Chromium gets at document_start.
  const runAt =
    manifest.content_scripts?.find((c) => c.js?.some((f) => f.endsWith('content.js')))?.run_at ?? 'document_idle';

  const { pages, skipped } = corpusPages(o);
  if (skipped) console.log(`corpus pages skipped: ${skipped}`);
  let bigTextBytes: number | null = null;
  const wants = (name: string) => !o.pages.length || o.pages.includes(name);
  if (o.bigMb > 0) {
    const big = generateBigPage(Math.round(o.bigMb * 1024 * 1024));
    bigTextBytes = big.textBytes;
    const name = `generated-${o.bigMb}mb`;
    if (wants(name) || o.bigMbGiven || o.pages.includes('generated'))
      pages.push({ name, path: `/generated/${name}.html`, kind: 'big', body: Buffer.from(big.html) });
  }
  if (!o.quick && wants('deep'))
    pages.push({ name: 'deep', path: '/generated/deep.html', kind: 'deep', body: Buffer.from(generateDeepPage()) });
  if (pages.length === 0)
    throw new Error('nothing to measure: no corpus page matched and no generated page (--big-mb 0)');

  const tmp = mkdtempSync(join(tmpdir(), 'lens-bench-ext-'));
  const generated = await generateVariants(tmp, ROOT, runAt);
  const server = await servePages(
    new Map([...pages.map((p) => [p.path, p.body] as const), [WARMUP_PATH, Buffer.from(WARMUP_PAGE)] as const]),
  );
  const dirs: Partial<Record<Variant, string | null>> = {
    off: null,
    ext: extDir,
    floor: generated.floor,
    mark: generated.mark,
    compromise: generated.compromise,
  };
  if (o.compare) dirs.alt = resolve(o.compare);
  const browsers = {} as Record<Variant, Browser>;
  const samples = new Map<string, Sample[]>();
  const extStats = new Map<string, { stats: PageStatsSnapshot; backgroundMs: number | null }>();
  const cards = new Map<string, CardTiming>();
  const warnings: string[] = [];
  const windows = new Map<string, number>();
  try {
    for (const [v, d] of Object.entries(dirs) as [Variant, string | null][]) browsers[v] = await launch(d);
    const untraced = UNTRACED_VARIANTS.filter((v) => v in dirs);
    const traced = TRACED_VARIANTS.filter((v) => v in dirs);

    for (const p of pages) {
      const url = `${server.origin}${p.path}`;
      const list: Sample[] = [];
      samples.set(p.name, list);
      // The measurement window after load: long enough for the extension's whole first pass (its stats
      // say whether it had settled); doubled and the page measured again when it had not.
      let windowMs = 2000;
      // A variant that timed out on this page (whole-page compromise on the 5 MB page) is not retried.
      const givenUp = new Set<Variant>();
      const plan: { run: number; traced: boolean; variants: Variant[] }[] = [];
      for (let run = 1; run <= o.runs; run++) plan.push({ run, traced: false, variants: untraced });
      for (let run = 1; run <= o.tracedRuns; run++) plan.push({ run: 1000 + run, traced: true, variants: traced });
      for (let i = 0; i < plan.length; i++) {
        const { run, traced: withTrace, variants } = plan[i]!;
        const runSamples: Sample[] = [];
        let redo = false;
        // Alternating: each run loads every variant once, so drift in machine load hits all alike.
        for (const variant of variants) {
          if (givenUp.has(variant)) continue;
          process.stdout.write(
            `\r${p.name}: ${withTrace ? `traced ${run - 1000}/${o.tracedRuns}` : `run ${run}/${o.runs}`} ${variant.padEnd(10)}`,
          );
          const ours = variant === 'ext' || variant === 'alt';
          try {
            // Our builds meet a freshly started worker each run, compromise set up, caches empty of this page.
            const worker = ours
              ? await restartWorker(browsers[variant], `${server.origin}${WARMUP_PATH}`, o.timeoutS * 1000)
              : null;
            const r = await measureLoad(browsers[variant], url, {
              trace: withTrace,
              waitReport: !ours && variant !== 'off',
              wantStats: ours,
              timeoutMs: o.timeoutS * 1000,
              windowMs,
            });
            if (!r.settled && ours && windowMs < MAX_WINDOW_MS) {
              windowMs *= 2;
              redo = true;
              break;
            }
            if (!r.settled)
              warnings.push(
                `${p.name} ${variant} run ${run}: still working when the ${windowMs / 1000} s window (or the ${o.timeoutS} s timeout) ended`,
              );
            const self = ours && r.stats ? extSelf(r, worker) : r.self;
            if (variant === 'ext' && r.stats && self) {
              // A findMentions round trip asks the classifier only for ambiguous names: compare it with the
              // findMentions requests the worker counted, not with classify requests.
              if (self.findRequests < self.roundTrips)
                warnings.push(
                  `${p.name} ext run ${run}: the page made ${self.roundTrips} round trips but the worker counted ${self.findRequests} findMentions requests`,
                );
              if (!withTrace) extStats.set(p.name, { stats: r.stats, backgroundMs: r.background?.ms ?? null });
            }
            runSamples.push({ variant, run, traced: withTrace, metrics: r.metrics, trace: r.trace, self });
          } catch (e) {
            const msg = e instanceof Error ? e.message.split('\n')[0]! : String(e);
            // The whole-page variant timed out inside nlp(): how long it had been in it is a lower bound of its time.
            const partial =
              e instanceof LoadTimeout && e.busyAtLeastMs !== null
                ? { ...e.started, nlpAtLeastMs: e.busyAtLeastMs }
                : null;
            runSamples.push({
              variant,
              run,
              traced: withTrace,
              metrics: { taskMs: NaN, scriptMs: NaN, styleMs: NaN, layoutMs: NaN },
              trace: null,
              self: partial,
              error: msg,
            });
            warnings.push(`${p.name} ${variant} run ${run}: ${msg}`);
            if (/Timeout/i.test(msg)) {
              givenUp.add(variant);
              warnings.push(`${p.name} ${variant}: not run again on this page after a timeout`);
            }
          }
        }
        if (redo) {
          // Every variant of every run shares one window: start this page over with the longer one.
          list.length = 0;
          i = -1;
          continue;
        }
        list.push(...runSamples);
      }
      windows.set(p.name, windowMs);
      const st = extStats.get(p.name);
      if (st && st.stats.mentions > 0 && o.tracedRuns > 0) {
        process.stdout.write(`\r${p.name}: hover card${' '.repeat(30)}`);
        cards.set(
          p.name,
          await measureCard(
            browsers.ext,
            url,
            manifest.name,
            DEFAULT_SETTINGS.cards.hoverDelayMs,
            o.timeoutS * 1000,
            windowMs,
          ).catch((e: unknown) => ({ latencyMs: null, reason: e instanceof Error ? e.message : String(e) })),
        );
      }
      process.stdout.write('\r' + ' '.repeat(70) + '\r');
    }
  } finally {
    await Promise.all(Object.values(browsers).map((b) => b.close()));
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  }

  const figures: PageFigures[] = pages.map((p) => {
    const list = samples.get(p.name) ?? [];
    const untraced: PageFigures['untraced'] = {};
    const traced: PageFigures['traced'] = {};
    for (const v of VARIANTS) {
      const u = summarizeUntraced(list, v);
      if (u) untraced[v] = u;
      const t = summarizeTraced(list, v);
      if (t) traced[v] = t;
    }
    const task = pairedDifferences(list, 'ext', 'floor', 'taskMs');
    const script = pairedDifferences(list, 'ext', 'floor', 'scriptMs');
    const st = extStats.get(p.name);
    return {
      page: p.name,
      kind: p.kind,
      untraced,
      traced,
      extMinusFloor: task.length ? { taskMs: medianInterval(task), scriptMs: medianInterval(script) } : null,
      extStats: st
        ? {
            mentions: st.stats.mentions,
            segments: st.stats.segments,
            sieved: st.stats.sieved,
            secondStage: st.stats.secondStage,
            findWallMs: st.stats.stages.find,
            backgroundMs: st.backgroundMs,
          }
        : null,
      compromise: compromiseFigures(list),
    };
  });
  const measuredCards = [...cards.entries()].filter(([, c]) => c.latencyMs !== null);
  const cardSummary: CardTiming & { page?: string; perPage: Record<string, CardTiming> } = measuredCards.length
    ? (() => {
        const [page, worst] = measuredCards.sort((a, b) => b[1].latencyMs! - a[1].latencyMs!)[0]!;
        return {
          latencyMs: worst.latencyMs,
          frameStartMs: worst.frameStartMs ?? null,
          page,
          perPage: Object.fromEntries(cards),
        };
      })()
    : {
        latencyMs: null,
        reason: cards.size
          ? [...cards.values()][0]!.reason
          : o.tracedRuns === 0
            ? 'not measured without traced runs'
            : 'no page with mentions',
        perPage: Object.fromEntries(cards),
      };
  const budgets = judgeBudgets(figures, cardSummary);
  const result = {
    generatedAt: new Date().toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    durationS: Math.round((Date.now() - started) / 1000),
    runs: o.runs,
    tracedRuns: o.tracedRuns,
    machine: { cpus: cpus().length, loadBefore, loadAfter: loadavg() },
    chromium: '/usr/bin/chromium',
    extension: extDir,
    compare: o.compare,
    runAt,
    bigPageTextBytes: bigTextBytes,
    sizes: sizes(extDir),
    setup: setupFigures([...samples.values()].flat()),
    pages: figures.map((f) => ({
      ...f,
      windowMs: windows.get(f.page) ?? null,
      stats: extStats.get(f.page)?.stats ?? null,
      samples: samples.get(f.page) ?? [],
    })),
    card: cardSummary,
    budgets,
    warnings,
  };
  const out = resolve(ROOT, o.out);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(result, null, 2));
  console.log(formatReport(result));
  console.log(`\nJSON: ${out}  (${result.durationS} s)`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
