/**
 * The browser side of the bench: a local page server, one Chromium per
 * variant (each with exactly one extension, or none for "off", so no variant
 * pays for another's content script), and one measured page load.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession } from 'playwright-core';
import {
  CLASSIFY_STATS_KEY,
  type ClassifyStatsSnapshot,
  type TabClassifyStats,
  type WorkerClassifyStats,
} from '../../src/background/classify-stats';
import type { PageStatsSnapshot } from '../../src/page/stats';
import { PAGE_LAYER_STATS_KEY, type PageLayerTabStats } from '../../src/background/page-layer-stats';
import type { Metrics } from './summarize';
import { extensionCost, type TraceCost, type TraceEvent } from './trace';
import { REPORT_TAG } from './variants';

export interface PageServer {
  origin: string;
  close(): Promise<void>;
}

/** Serves path → HTML from memory on 127.0.0.1 (the pages are read once, so disk speed is no factor). */
export async function servePages(pages: ReadonlyMap<string, Buffer>): Promise<PageServer> {
  const server: Server = createServer((req, res) => {
    const body = pages.get((req.url ?? '/').split('?')[0]!);
    if (!body) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export interface Browser {
  context: BrowserContext;
  /** Requests the saved pages tried to make elsewhere, all aborted. */
  aborted: number;
  close(): Promise<void>;
}

export async function launch(extensionDir: string | null): Promise<Browser> {
  const userDir = mkdtempSync(join(tmpdir(), 'lens-bench-'));
  const args = ['--disable-background-networking', '--disable-component-update', '--no-first-run', '--no-sandbox'];
  if (extensionDir) args.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
  const context = await chromium.launchPersistentContext(userDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    args,
  });
  const b: Browser = {
    context,
    aborted: 0,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(userDir, { recursive: true, force: true });
    },
  };
  // The saved pages reference their sites' assets: nothing leaves 127.0.0.1.
  await context.route(
    (url) => url.protocol.startsWith('http') && url.hostname !== '127.0.0.1',
    (route) => {
      b.aborted++;
      return route.abort();
    },
  );
  return b;
}

/** The extension's service worker (it may have been restarted since launch). */
async function serviceWorker(context: BrowserContext) {
  const sw = context.serviceWorkers().at(-1);
  return sw ?? (await context.waitForEvent('serviceworker', { timeout: 10_000 }));
}

/** Runs `fn` in the extension's service worker, retrying while a restarted worker replaces the stopped one. */
async function inWorker<T>(context: BrowserContext, fn: (arg: string) => Promise<T> | T, arg: string): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await (await serviceWorker(context)).evaluate<T, string>(fn, arg);
    } catch (e) {
      if (attempt >= 20) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export interface ExtensionReading {
  /** The measured tab's content-script stats (src/page/stats.ts), from the tab that answered. */
  stats: PageStatsSnapshot | null;
  /** That tab's classifier statistics in the service worker (src/background/classify-stats.ts); null when it sent nothing. */
  classify: TabClassifyStats | null;
  worker: WorkerClassifyStats | null;
  /** That tab's findMentions figures in the worker (src/background/page-layer-stats.ts); null when it sent none. */
  background: PageLayerTabStats | null;
}

/**
 * Reads the page layer's stats in the measured tab's top frame (a function
 * run in the content scripts' world calls the gate's or the first stage's
 * `benchStats`: a frame without a candidate listens to no message), and that
 * tab's classifier statistics from the worker's own scope.
 */
export async function readExtension(context: BrowserContext): Promise<ExtensionReading> {
  return inWorker(
    context,
    async (keys: string) => {
      const [key, layerKey] = JSON.parse(keys) as [string, string];
      const g = globalThis as unknown as Record<string, unknown> & {
        chrome: {
          tabs: {
            query(q: object): Promise<{ id?: number }[]>;
          };
          scripting: {
            executeScript(o: {
              target: { tabId: number; frameIds: number[] };
              func: () => unknown;
            }): Promise<{ result?: unknown }[]>;
          };
        };
      };
      const read = g[key] as (() => ClassifyStatsSnapshot) | undefined;
      const snap = read ? read() : null;
      const readLayer = g[layerKey] as (() => Record<string, PageLayerTabStats>) | undefined;
      const layer = readLayer ? readLayer() : {};
      for (const tab of await g.chrome.tabs.query({})) {
        if (tab.id === undefined) continue;
        try {
          // The function is taken out of an array: tsx names a function written as a property (`func: () =>`)
          // with a helper (`__name`) that exists neither in this worker nor in the page's world.
          const [readStats] = [
            () => {
              const layer = (globalThis as Record<symbol, { benchStats?: () => unknown } | undefined>)[
                Symbol.for('partnership-lens.first-stage')
              ];
              return layer?.benchStats?.() ?? null;
            },
          ];
          const [answer] = await g.chrome.scripting.executeScript({
            target: { tabId: tab.id, frameIds: [0] },
            func: readStats,
          });
          const r = answer?.result;
          if (r && typeof r === 'object' && 'stages' in r) {
            return {
              stats: r as PageStatsSnapshot,
              classify: snap?.tabs[tab.id] ?? null,
              worker: snap?.worker ?? null,
              background: layer[tab.id] ?? null,
            };
          }
        } catch {
          // No content script in that tab (about:blank).
        }
      }
      return { stats: null, classify: null, worker: snap?.worker ?? null, background: null };
    },
    JSON.stringify([CLASSIFY_STATS_KEY, PAGE_LAYER_STATS_KEY]),
  );
}

/** The content script's stats of the measured tab. */
export async function getStats(context: BrowserContext): Promise<PageStatsSnapshot | null> {
  return (await readExtension(context)).stats;
}

/**
 * Stops the extension's service worker and starts it again on a page holding
 * WARMUP_SENTENCE, so that each measured load meets the same worker: running,
 * compromise set up, and its caches holding nothing of the measured page (a
 * worker kept from the previous run would answer a repeated page from its
 * caches, and the first page of the run would pay compromise's set-up).
 * Returns the worker's start-up figures.
 */
export async function restartWorker(b: Browser, warmUrl: string, timeoutMs: number): Promise<WorkerClassifyStats> {
  const page = await b.context.newPage();
  try {
    const cdp = await b.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await page.goto(warmUrl, { waitUntil: 'load', timeout: timeoutMs });
    const until = Date.now() + Math.min(timeoutMs, 15_000);
    for (;;) {
      const w = await inWorker(
        b.context,
        (key: string) => {
          const read = (globalThis as unknown as Record<string, unknown>)[key] as
            (() => ClassifyStatsSnapshot) | undefined;
          return read ? read().worker : null;
        },
        CLASSIFY_STATS_KEY,
      );
      if (w && w.firstUseMs !== null && w.readyMs !== null) return w;
      if (Date.now() > until)
        throw new Error(`the warm-up page never reached the classifier (worker: ${JSON.stringify(w)})`);
      await page.waitForTimeout(100);
    }
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** CDP metrics of the page's main thread (ms; thread time once `Performance.enable` asked for threadTicks). */
async function metrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics: m } = await cdp.send('Performance.getMetrics');
  const get = (n: string) => (m.find((x) => x.name === n)?.value ?? 0) * 1000;
  return {
    taskMs: get('TaskDuration'),
    scriptMs: get('ScriptDuration'),
    styleMs: get('RecalcStyleDuration'),
    layoutMs: get('LayoutDuration'),
  };
}

const minus = (a: Metrics, b: Metrics): Metrics => ({
  taskMs: a.taskMs - b.taskMs,
  scriptMs: a.scriptMs - b.scriptMs,
  styleMs: a.styleMs - b.styleMs,
  layoutMs: a.layoutMs - b.layoutMs,
});

const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-v8.cpu_profiler',
].join(',');

async function stopTrace(cdp: CDPSession): Promise<TraceEvent[]> {
  const done = new Promise<{ stream?: string }>((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  const { stream } = await done;
  if (!stream) return [];
  const chunks: string[] = [];
  for (;;) {
    const c = await cdp.send('IO.read', { handle: stream, size: 4 << 20 });
    chunks.push(c.base64Encoded ? Buffer.from(c.data, 'base64').toString('utf8') : c.data);
    if (c.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const parsed = JSON.parse(chunks.join('')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  return Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
}

export interface LoadResult {
  /** Thread time of the page's main thread over the load and its window. */
  metrics: Metrics;
  /** Only for traced loads. */
  trace: TraceCost | null;
  /** The generated variant's own report, if it made one. */
  self: Record<string, number> | null;
  /** The content script's stats when the window closed. */
  stats: PageStatsSnapshot | null;
  /**
   * The tab's classifier statistics once the classifier had answered every
   * request (read after the window if need be), with the content script's
   * round trips at that moment; `complete` false when it still had requests
   * in flight at the load's timeout.
   */
  classify: { tab: TabClassifyStats | null; roundTrips: number; complete: boolean } | null;
  /** The background's findMentions figures for the tab, read with the classifier's. */
  background: PageLayerTabStats | null;
  /** The variant finished its work inside the window (generated: reported; ext: idle, nothing in flight). */
  settled: boolean;
}

/**
 * A load that timed out. When the whole-page variant had already said it was
 * starting `nlp()` and never said it had finished, `busyAtLeastMs` is how long
 * it had been running at least (from its 'started' report to the timeout).
 */
export class LoadTimeout extends Error {
  constructor(
    message: string,
    readonly busyAtLeastMs: number | null,
    readonly started: Record<string, number> | null,
  ) {
    super(message);
  }
}

/** The content script has answered all its classify requests and has been idle a while. */
const classifierDone = (s: PageStatsSnapshot | null, idleMs = 300) => !!s && s.findPending === 0 && s.idleMs >= idleMs;

/**
 * One measured load: a fresh tab, CDP metrics in thread time (TaskDuration,
 * ScriptDuration…: `Performance.enable({ timeDomain: 'threadTicks' })`) over a
 * fixed window from navigation to `windowMs` after the load event (the same
 * window for every variant, so the page's own timers weigh the same in all).
 * With `trace`, under a timeline trace with the V8 sampler, for attribution
 * (it slows script down: budgets are judged on untraced loads).
 * Nothing polls the page during the window: a generated variant's report
 * arrives over CDP, and the real extension is asked for its stats only after
 * the window, and says how long it had been idle by then. The classifier's
 * statistics are read once the classifier is done, after the window if need
 * be (the 5 MB page keeps it busy far longer): a figure read mid-way would
 * understate the page's compromise time.
 */
export async function measureLoad(
  b: Browser,
  url: string,
  opts: { trace: boolean; waitReport: boolean; wantStats: boolean; timeoutMs: number; windowMs: number },
): Promise<LoadResult> {
  const page = await b.context.newPage();
  try {
    const cdp = await b.context.newCDPSession(page);
    let self: Record<string, number> | null = null;
    let started: Record<string, number> | null = null;
    let startedAt = 0;
    let reportAt = 0;
    cdp.on('Runtime.consoleAPICalled', (e) => {
      const [tag, body] = e.args;
      if (tag?.value === REPORT_TAG && typeof body?.value === 'string') {
        const r = JSON.parse(body.value) as Record<string, number>;
        if (r.started) {
          started = r;
          startedAt = Date.now();
        } else {
          self = r;
          reportAt = Date.now();
        }
      }
    });
    // Still inside nlp(): at least this long since it said it was starting.
    const busyAtLeast = () => (started && !self ? Date.now() - startedAt : null);
    await cdp.send('Runtime.enable');
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    if (opts.trace) await cdp.send('Tracing.start', { categories: TRACE_CATEGORIES, transferMode: 'ReturnAsStream' });
    const deadline = Date.now() + opts.timeoutMs;
    const m0 = await metrics(cdp);
    try {
      await page.goto(url, { waitUntil: 'load', timeout: opts.timeoutMs });
    } catch (e) {
      const msg = e instanceof Error ? e.message.split('\n')[0]! : String(e);
      throw /Timeout/i.test(msg) ? new LoadTimeout(msg, busyAtLeast(), started) : e;
    }
    const loadAt = Date.now();
    // `self` is set by the report's listener while this loop waits.
    // oxlint-disable-next-line no-unmodified-loop-condition
    while (opts.waitReport && !self && Date.now() < deadline) await page.waitForTimeout(50);
    const end = Math.min(deadline, Math.max(loadAt + opts.windowMs, reportAt + 500));
    if (end > Date.now()) await page.waitForTimeout(end - Date.now());
    const m1 = await metrics(cdp);
    const windowEnd = Date.now();
    // A report that never came, after a 'started' one: the whole-page nlp() was still running.
    const atLeast = busyAtLeast();
    if (opts.waitReport && !self && started && atLeast !== null)
      self = { ...(started as Record<string, number>), nlpAtLeastMs: atLeast };
    const trace = opts.trace ? extensionCost(await stopTrace(cdp), page.url()) : null;
    let settled = !opts.waitReport || (self !== null && !('nlpAtLeastMs' in self));
    let stats: PageStatsSnapshot | null = null;
    let classify: LoadResult['classify'] = null;
    let background: PageLayerTabStats | null = null;
    if (opts.wantStats) {
      const askedAt = Date.now();
      let reading = await readExtension(b.context);
      stats = reading.stats;
      const idleAtEnd = (stats?.idleMs ?? 0) - (askedAt - windowEnd);
      settled = !!stats && stats.findPending === 0 && idleAtEnd >= 200;
      while (!classifierDone(reading.stats) && Date.now() < deadline) {
        await page.waitForTimeout(250);
        reading = await readExtension(b.context);
      }
      classify = {
        tab: reading.classify,
        roundTrips: reading.stats?.findRoundTrips ?? 0,
        complete: classifierDone(reading.stats),
      };
      background = reading.background;
    }
    return { metrics: minus(m1, m0), trace, self, stats, classify, background, settled };
  } finally {
    await page.close().catch(() => undefined);
  }
}

export interface CardTiming {
  /** From the end of the hover delay to the end of the rendering of the frame that shows the card. */
  latencyMs: number | null;
  /** From the end of the hover delay to the start of that frame (its rAF callbacks): the old, lower figure. */
  frameStartMs?: number | null;
  reason?: string;
}

/**
 * Hovers the first mention and times the card: from the end of the hover
 * delay (pointer event time + delay; card.js is loaded by that hover, in the
 * delay, as for a reader) to the end of the rendering of the first
 * frame after the card bundle marked the mention active (the frame that shows
 * the card), not that frame's start: the card's style, layout and paint are
 * part of the wait.
 * Runs in the extension's isolated world, over CDP, where the bridge lives.
 */
export async function measureCard(
  b: Browser,
  url: string,
  extName: string,
  delayMs: number,
  timeoutMs: number,
  windowMs: number,
): Promise<CardTiming> {
  const page = await b.context.newPage();
  try {
    const cdp = await b.context.newCDPSession(page);
    const contexts: { id: number; name: string; origin: string; auxData?: { frameId?: string; type?: string } }[] = [];
    cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context as (typeof contexts)[number]));
    await cdp.send('Runtime.enable');
    await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
    // Past the page layer's first pass. The card bundle is not there yet: the hover below brings it, as a
    // reader's first hover does, so this is the first card a reader meets on the page (its loading included).
    await page.waitForTimeout(windowMs + 500);
    const { frameTree } = await cdp.send('Page.getFrameTree');
    // By name, or by origin: a localised manifest's name is `__MSG_…__` while the world carries the resolved
    // name, and this browser holds exactly one extension, so its chrome-extension:// world is ours.
    const ours = (c: (typeof contexts)[number]) => c.name === extName || c.origin.startsWith('chrome-extension://');
    const world = contexts
      .filter((c) => c.auxData?.frameId === frameTree.frame.id && c.auxData?.type === 'isolated' && ours(c))
      .at(-1);
    if (!world) return { latencyMs: null, reason: "the extension's isolated world was not found" };
    const evaluate = async <T>(expression: string): Promise<T> => {
      const r = await cdp.send('Runtime.evaluate', {
        expression,
        contextId: world.id,
        awaitPromise: true,
        returnByValue: true,
      });
      if (r.exceptionDetails)
        throw new Error(`card probe: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
      return r.result.value as T;
    };
    const target = await evaluate<{ x: number; y: number } | { reason: string }>(`(async () => {
      const b = globalThis[Symbol.for('partnership-lens.bridge')];
      if (!b) return { reason: 'no page bridge' };
      const m = b.mentions()[0];
      if (!m) return { reason: 'no mention on the page' };
      (m.range.startContainer.parentElement || document.body).scrollIntoView({ block: 'center' });
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const r = [...m.range.getClientRects()].find((x) => x.width > 0 && x.height > 0);
      if (!r) return { reason: 'first mention has no box' };
      const probe = (globalThis.__lensBenchCard = { moveAt: null, activeAt: null, frameStartAt: null, frameAt: null });
      addEventListener('pointermove', (e) => {
        if (probe.moveAt === null && b.mentionAt(e.clientX, e.clientY)) probe.moveAt = e.timeStamp;
      }, { capture: true });
      const setActive = b.setActive;
      b.setActive = function (id) {
        if (id !== null && probe.activeAt === null) {
          probe.activeAt = performance.now();
          // rAF callbacks run before that frame's style, layout and paint: a message posted from
          // one is handled once the frame that shows the card has been rendered.
          requestAnimationFrame(() => {
            probe.frameStartAt = performance.now();
            const ch = new MessageChannel();
            ch.port1.onmessage = () => { probe.frameAt = performance.now(); };
            ch.port2.postMessage(null);
          });
        }
        return setActive.call(this, id);
      };
      return { x: r.left + Math.min(r.width / 2, 4), y: r.top + r.height / 2 };
    })()`);
    if ('reason' in target) return { latencyMs: null, reason: target.reason };
    await page.mouse.move(target.x, target.y);
    const until = Date.now() + delayMs + 5000;
    let probe: {
      moveAt: number | null;
      activeAt: number | null;
      frameStartAt: number | null;
      frameAt: number | null;
    } | null = null;
    while (Date.now() < until) {
      await page.waitForTimeout(50);
      probe = await evaluate('globalThis.__lensBenchCard');
      if (probe?.frameAt != null) break;
    }
    if (probe?.moveAt == null) return { latencyMs: null, reason: 'the pointer never reached the mention' };
    if (probe.frameAt == null)
      return { latencyMs: null, reason: 'no card opened within 5 s after the delay (card bundle not loaded?)' };
    const due = probe.moveAt + delayMs;
    return {
      latencyMs: probe.frameAt - due,
      frameStartMs: probe.frameStartAt === null ? null : probe.frameStartAt - due,
    };
  } finally {
    await page.close().catch(() => undefined);
  }
}
