/**
 * `npm run bench`: what the extension costs a reader, next to the floor
 * (the least any mention finder can do), mark.js and whole-page compromise.
 * See scripts/bench/README.md for what each figure means and how it is taken.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DEFAULT_SETTINGS } from '../../src/settings/schema';
import type { PageStatsSnapshot } from '../../src/page/stats';
import { generateBigPage } from './bigpage';
import {
  launch,
  LoadTimeout,
  measureCard,
  measureLoad,
  restartWorker,
  servePages,
  type Browser,
  type CardTiming,
} from './browser';
import { parseOptions, type BenchOptions } from './options';
import {
  compromiseFigures,
  judgeBudgets,
  ratio,
  setupFigures,
  summarizeVariant,
  VARIANTS,
  type PageFigures,
  type Sample,
  type Variant,
} from './summarize';
import { formatReport } from './report';
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
    row('content-scripts/content.js', 'every page'),
    // The default ::highlight() rules, injected by the manifest (src/page/highlights.css).
    row('content-scripts/content.css', 'every page'),
    row('card.js', 'pages with mentions'),
    row('background.js', 'service worker (compromise)'),
  ];
}

function buildExtension(o: BenchOptions): string {
  if (o.ext) {
    const dir = resolve(o.ext);
    if (!existsSync(join(dir, 'manifest.json')))
      throw new Error(`--ext ${o.ext}: no manifest.json there (pass the chrome-mv3 folder)`);
    return dir;
  }
  console.log(`building the extension into ${o.buildDir} …`);
  try {
    execFileSync(join(ROOT, 'node_modules/.bin/wxt'), ['build'], {
      cwd: ROOT,
      env: { ...process.env, LENS_OUT_DIR: o.buildDir },
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
  corpus: boolean;
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
  const unknown = o.pages.filter((p) => !files.includes(`${p}.html`) && !p.startsWith('generated'));
  if (unknown.length) throw new Error(`--pages: no ${unknown.map((u) => `${u}.html`).join(', ')} in ${dir}`);
  return {
    pages: chosen.map((f) => ({
      name: f.replace(/\.html$/, ''),
      path: `/pages/${f}`,
      corpus: true,
      body: readFileSync(join(dir, f)),
    })),
    skipped: chosen.length ? null : o.pages.length ? null : `no *.html in ${dir}`,
  };
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2), { pagesDir: join(ROOT, '../shared/corpus/pages') });
  const started = Date.now();
  const extDir = buildExtension(o);
  const manifest = JSON.parse(readFileSync(join(extDir, 'manifest.json'), 'utf8')) as {
    name: string;
    content_scripts?: { run_at?: string }[];
  };
  const runAt = manifest.content_scripts?.[0]?.run_at ?? 'document_idle';

  const { pages, skipped } = corpusPages(o);
  if (skipped) console.log(`corpus pages skipped: ${skipped}`);
  let bigTextBytes: number | null = null;
  if (o.bigMb > 0) {
    const big = generateBigPage(Math.round(o.bigMb * 1024 * 1024));
    bigTextBytes = big.textBytes;
    const name = `generated-${o.bigMb}mb`;
    if (!o.pages.length || o.bigMbGiven || o.pages.includes(name) || o.pages.includes('generated'))
      pages.push({ name, path: `/generated/${name}.html`, corpus: false, body: Buffer.from(big.html) });
  }
  if (pages.length === 0)
    throw new Error('nothing to measure: no corpus page matched and no generated page (--big-mb 0)');

  const tmp = mkdtempSync(join(tmpdir(), 'lens-bench-ext-'));
  const generated = await generateVariants(tmp, ROOT, runAt);
  const server = await servePages(
    new Map([...pages.map((p) => [p.path, p.body] as const), [WARMUP_PATH, Buffer.from(WARMUP_PAGE)] as const]),
  );
  const browsers = {} as Record<Variant, Browser>;
  const samples = new Map<string, Sample[]>();
  const extStats = new Map<string, PageStatsSnapshot>();
  const cards = new Map<string, CardTiming>();
  const warnings: string[] = [];
  const windows = new Map<string, number>();
  try {
    browsers.off = await launch(null);
    browsers.ext = await launch(extDir);
    browsers.floor = await launch(generated.floor);
    browsers.mark = await launch(generated.mark);
    browsers.compromise = await launch(generated.compromise);

    for (const p of pages) {
      const url = `${server.origin}${p.path}`;
      const list: Sample[] = [];
      samples.set(p.name, list);
      // The measurement window after load: long enough for the extension's whole first pass
      // (it says so via getStats.idleMs); doubled and the run redone when it was not.
      let windowMs = 2000;
      // A variant that timed out on this page (whole-page compromise on the 5 MB page) is not retried each run.
      const givenUp = new Set<Variant>();
      for (let run = 1; run <= o.runs; run++) {
        const runSamples: Sample[] = [];
        let redo = false;
        // Alternating: off, ext, floor, mark, compromise, off, … so drift in machine load hits all alike.
        for (const variant of VARIANTS) {
          if (givenUp.has(variant)) continue;
          process.stdout.write(`\r${p.name}: run ${run}/${o.runs} ${variant.padEnd(10)}`);
          try {
            // The extension meets a freshly started worker each run, compromise set up, caches empty of this page.
            const worker =
              variant === 'ext'
                ? await restartWorker(browsers.ext, `${server.origin}${WARMUP_PATH}`, o.timeoutS * 1000)
                : null;
            const r = await measureLoad(browsers[variant], url, {
              waitReport: variant !== 'off' && variant !== 'ext',
              wantStats: variant === 'ext',
              timeoutMs: o.timeoutS * 1000,
              windowMs,
            });
            if (!r.settled && variant === 'ext' && windowMs < MAX_WINDOW_MS) {
              windowMs *= 2;
              redo = true;
              break;
            }
            if (!r.settled)
              warnings.push(
                `${p.name} ${variant} run ${run}: still working when the ${windowMs / 1000} s window (or the ${o.timeoutS} s timeout) ended`,
              );
            let self = r.self;
            if (variant === 'ext' && r.stats) {
              const c = r.classify?.tab;
              const x = {
                ms: r.stats.stages.total,
                mentions: r.stats.mentions,
                textChars: r.stats.textChars,
                classifyWallMs: r.stats.stages.find,
                // The tab's classifier statistics in the worker (zeros: it sent nothing).
                requests: c?.requests ?? 0,
                roundTrips: r.classify?.roundTrips ?? 0,
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
              self = x;
              if (x.requests < x.roundTrips)
                warnings.push(
                  `${p.name} ext run ${run}: the page made ${x.roundTrips} classify round trips but the worker counted ${x.requests} (restarted mid-page?): its compromise time is understated`,
                );
              if (x.tabFirstUseMs > 0)
                warnings.push(`${p.name} ext run ${run}: compromise was first used by this page, not the warm-up page`);
              if (!r.classify?.complete)
                warnings.push(
                  `${p.name} ext run ${run}: the classifier still had requests in flight at the ${o.timeoutS} s timeout: its compromise time is a lower bound`,
                );
            }
            runSamples.push({ variant, run, scriptMs: r.scriptMs, taskMs: r.taskMs, trace: r.trace, self });
            if (r.stats) extStats.set(p.name, r.stats);
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
              scriptMs: NaN,
              taskMs: NaN,
              trace: {
                extensionMs: NaN,
                longestTaskMs: NaN,
                longestExtensionSliceMs: NaN,
                tasks: 0,
                samples: 0,
                byScript: {},
              },
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
          // Every variant of a run shares one window: start this page over with the longer one.
          list.length = 0;
          run = 0;
          continue;
        }
        list.push(...runSamples);
      }
      windows.set(p.name, windowMs);
      const stats = extStats.get(p.name);
      if (stats && stats.mentions > 0) {
        process.stdout.write(`\r${p.name}: hover card${' '.repeat(20)}`);
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
      process.stdout.write('\r' + ' '.repeat(60) + '\r');
    }
  } finally {
    await Promise.all(Object.values(browsers).map((b) => b.close()));
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  }

  const figures: PageFigures[] = pages.map((p) => {
    const list = samples.get(p.name) ?? [];
    const variants: PageFigures['variants'] = {};
    for (const v of VARIANTS) {
      const s = summarizeVariant(list, v);
      if (s) variants[v] = s;
    }
    const st = extStats.get(p.name);
    const compromise = compromiseFigures(list);
    return {
      page: p.name,
      corpus: p.corpus,
      variants,
      extStats: st ? { mentions: st.mentions, classifyWallMs: st.stages.find, ambiguous: st.sieved } : null,
      wholePageNlpMs: compromise.whole?.nlpMs ?? null,
      compromise,
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
          : existsSync(join(extDir, 'card.js'))
            ? 'no page with mentions'
            : 'no card bundle (card.js) in the build',
        perPage: Object.fromEntries(cards),
      };
  const budgets = judgeBudgets(figures, cardSummary);
  const result = {
    generatedAt: new Date().toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    durationS: Math.round((Date.now() - started) / 1000),
    runs: o.runs,
    machine: { cpus: (await import('node:os')).cpus().length, loadavg: (await import('node:os')).loadavg() },
    chromium: '/usr/bin/chromium',
    extension: extDir,
    runAt,
    bigPageTextBytes: bigTextBytes,
    sizes: sizes(extDir),
    setup: setupFigures([...samples.values()].flat()),
    pages: figures.map((f) => ({
      ...f,
      windowMs: windows.get(f.page) ?? null,
      stats: extStats.get(f.page) ?? null,
      ratios: {
        extToFloor: ratio(f.variants.ext?.extensionMs, f.variants.floor?.extensionMs),
        extToMark: ratio(f.variants.ext?.extensionMs, f.variants.mark?.extensionMs),
        compromiseToWholePage: f.compromise.ratio,
        classifyWallToWholePage: ratio(
          f.compromise.ext?.wallMs,
          f.compromise.whole?.nlpMs ?? f.compromise.whole?.atLeastMs,
        ),
      },
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
