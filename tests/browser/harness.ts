/**
 * The browser-test harness every browser test of the project (and the
 * screenshot scripts) uses:
 *
 * - `ensureBuilt()` builds the extension once per run into
 *   `process.env.LENS_OUT_DIR ?? '.output/test'` with the project's own Node
 *   (skipped with LENS_SKIP_BUILD=1; tests/browser/global-setup.ts builds
 *   once before any test file and sets it for the workers); `buildExtension()`
 *   makes another build (the card's open-root build for axe, the screenshots').
 * - `startServer()` serves tests/browser/fixtures at `/`, the bundled demo page
 *   at `/demo.html`, generated pages (`add`, or `startServer(pages)`), and, when
 *   ../shared is beside the repo, the real pages of ../shared/corpus/pages at
 *   `/corpus/`, on 127.0.0.1 with a random port.
 * - `launchChromium()` starts /usr/bin/chromium (headless, which loads
 *   extensions) with the built extension in a temp profile. Every request that
 *   is not to 127.0.0.1 (or the extension itself) is aborted and listed in
 *   `blocked`; every request is recorded in `requests` with the context that
 *   made it (a web page, a content script, an extension page, the service
 *   worker), so a test can assert the extension itself sent none.
 * - Helpers: open the popup/options page, send the content script a message
 *   through the service worker (chrome.tabs.sendMessage), write settings, read
 *   what is painted, and reach the extension's isolated world over CDP, where
 *   the content script's bridge and the card (in its closed shadow root) live.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  chromium,
  type BrowserContext,
  type CDPSession,
  type Frame,
  type Page,
  type Request,
  type Worker,
} from 'playwright-core';
import { expect } from 'vitest';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const OUT_DIR = resolve(ROOT, process.env.LENS_OUT_DIR ?? '.output/test');
export const EXTENSION_DIR = join(OUT_DIR, 'chrome-mv3');
export const FIXTURES_DIR = join(ROOT, 'tests/browser/fixtures');
export const CORPUS_PAGES_DIR = resolve(ROOT, '../shared/corpus/pages');
export const HAS_CORPUS = existsSync(CORPUS_PAGES_DIR);
export const CHROMIUM = '/usr/bin/chromium';

/** The extension API inside evaluate callbacks (they run in the service worker or an extension page). */
declare const chrome: any;

let built = false;

/**
 * Builds the Chrome MV3 extension into `outDir` (relative to the repository) with the project's Node 24
 * (node_modules/.bin/node runs wxt, whatever Node runs the tests) and returns the unpacked build's folder.
 * `env` adds build-time variables (WXT_CARD_OPEN_ROOT=1: the card's open-root build for axe).
 */
export function buildExtension(outDir: string, env: Record<string, string> = {}): string {
  const out = resolve(ROOT, outDir);
  const bin = join(ROOT, 'node_modules/.bin');
  const res = spawnSync(join(bin, 'wxt'), ['build'], {
    cwd: ROOT,
    // WXT_FIRST_RUN_PAGE=off unless `env` says otherwise: a first-run tab opening by itself at install
    // would race the tests' own tabs (welcome.test.ts builds with it on).
    env: {
      ...process.env,
      WXT_FIRST_RUN_PAGE: 'off',
      ...env,
      LENS_OUT_DIR: out,
      PATH: `${bin}:${process.env.PATH ?? ''}`,
    },
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`wxt build failed (exit ${res.status}):\n${res.stdout}\n${res.stderr}`);
  return join(out, 'chrome-mv3');
}

/** Builds the extension (once per process; not at all with LENS_SKIP_BUILD=1). Returns the unpacked Chrome build's folder. */
export function ensureBuilt(): string {
  if (built || process.env.LENS_SKIP_BUILD === '1') {
    built = true;
    if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
      throw new Error(
        `LENS_SKIP_BUILD=1 but there is no build in ${EXTENSION_DIR}: run \`LENS_OUT_DIR=${OUT_DIR} wxt build\``,
      );
    }
    return EXTENSION_DIR;
  }
  buildExtension(OUT_DIR);
  built = true;
  return EXTENSION_DIR;
}

// ---- static server -----------------------------------------------------------

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface StaticServer {
  origin: string;
  url(path: string): string;
  /** Serves generated content (a bundled fixture app…) at `path`. */
  add(path: string, body: string | Buffer, type?: string): void;
  close(): Promise<void>;
}

function safeJoin(base: string, rel: string): string | null {
  const p = normalize(join(base, rel));
  return p === base || p.startsWith(base + sep) ? p : null;
}

/** Starts the server; `pages` (path → HTML) are served beside the fixtures. */
export async function startServer(pages: Record<string, string> = {}): Promise<StaticServer> {
  const extra = new Map<string, { body: string | Buffer; type: string }>();
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const generated = extra.get(path);
    if (generated) {
      res.writeHead(200, { 'content-type': generated.type, 'cache-control': 'no-store' });
      res.end(generated.body);
      return;
    }
    let file: string | null = null;
    if (path === '/demo.html') file = join(ROOT, 'assets/demo.html');
    else if (path.startsWith('/corpus/'))
      file = HAS_CORPUS ? safeJoin(CORPUS_PAGES_DIR, path.slice('/corpus/'.length)) : null;
    else file = safeJoin(FIXTURES_DIR, path.slice(1));
    if (!file || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  const origin = `http://127.0.0.1:${address.port}`;
  for (const [path, html] of Object.entries(pages)) extra.set(path, { body: html, type: TYPES['.html']! });
  return {
    origin,
    url: (p) => origin + (p.startsWith('/') ? p : `/${p}`),
    add: (p, body, type = TYPES[extname(p)] ?? 'text/plain') => extra.set(p, { body, type }),
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

// ---- Chromium ------------------------------------------------------------------

/** Which context made a request. */
export type RequestSource =
  /** A web page's frame: the page itself (Playwright cannot tell its own requests from a content script's). */
  | 'page'
  /** The extension's scripts in a web page's isolated world (the content script, the card bundle). */
  | 'content-script'
  /** One of the extension's own pages (popup, options). */
  | 'extension-page'
  /** The extension's service worker. */
  | 'service-worker';

export interface RecordedRequest {
  url: string;
  by: RequestSource;
  /** The URL of the page or worker that made it. */
  in: string;
}

export interface Launched {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  /** Requests the harness refused because they were not to 127.0.0.1 (or the extension), from any context. */
  blocked: string[];
  /** Every request, with the context that made it (a content script's appear twice: as 'page' and 'content-script'). */
  requests: RecordedRequest[];
  /** The requests the extension made (content scripts, extension pages, service worker) to anywhere but itself. */
  extensionRequests(): RecordedRequest[];
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Load the extension (default true); false gives the same browser without it, for comparisons. */
  extension?: boolean;
  /** An unpacked build other than the shared test build (see buildExtension). */
  extensionDir?: string;
  headless?: boolean;
  /**
   * The browser's UI language, e.g. 'zh-CN'. `--lang` is what makes headless Chromium pick an
   * extension's _locales catalogue (getUILanguage() still says en-US there); `locale` gives
   * pages the same navigator.language and Intl default; LANGUAGE covers headed Linux builds.
   */
  lang?: string;
  colorScheme?: 'light' | 'dark';
  reducedMotion?: 'reduce' | 'no-preference';
  hasTouch?: boolean;
  viewport?: { width: number; height: number };
  deviceScaleFactor?: number;
}

/** How the card tests and the card screenshot see pages: a mid-sized window, light, no motion. */
export const CARD_VIEW = {
  viewport: { width: 1000, height: 700 },
  colorScheme: 'light',
  reducedMotion: 'reduce',
} as const satisfies LaunchOptions;

function allowed(url: string): boolean {
  if (
    url.startsWith('chrome-extension://') ||
    url.startsWith('data:') ||
    url.startsWith('blob:') ||
    url.startsWith('about:')
  )
    return true;
  try {
    return new URL(url).hostname === '127.0.0.1';
  } catch {
    return false;
  }
}

export async function launchChromium(opts: LaunchOptions = {}): Promise<Launched> {
  const withExtension = opts.extension !== false;
  const dir = withExtension ? (opts.extensionDir ?? ensureBuilt()) : '';
  const userDir = mkdtempSync(join(tmpdir(), 'lens-chromium-'));
  const args = ['--disable-background-networking', '--disable-component-update', '--no-first-run', '--no-sandbox'];
  if (withExtension) args.unshift(`--disable-extensions-except=${dir}`, `--load-extension=${dir}`);
  if (opts.lang) args.push(`--lang=${opts.lang}`);
  const context = await chromium.launchPersistentContext(userDir, {
    executablePath: CHROMIUM,
    headless: opts.headless ?? true,
    args,
    ...(opts.lang ? { locale: opts.lang, env: { ...process.env, LANGUAGE: opts.lang.replace('-', '_') } } : {}),
    ...(opts.colorScheme ? { colorScheme: opts.colorScheme } : {}),
    ...(opts.reducedMotion ? { reducedMotion: opts.reducedMotion } : {}),
    ...(opts.hasTouch ? { hasTouch: true } : {}),
    ...(opts.viewport ? { viewport: opts.viewport } : {}),
    ...(opts.deviceScaleFactor ? { deviceScaleFactor: opts.deviceScaleFactor } : {}),
  });
  const blocked: string[] = [];
  const requests: RecordedRequest[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (allowed(url)) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  let serviceWorker: Worker | undefined;
  let extensionId = '';
  if (withExtension) {
    serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
    extensionId = new URL(serviceWorker.url()).host;
  }
  const origin = `chrome-extension://${extensionId}/`;
  // Pages and workers, as Playwright sees them (service workers' requests included: Playwright inspects
  // them unless told to block service workers).
  context.on('request', (req: Request) => {
    const sw = req.serviceWorker();
    if (sw) {
      requests.push({ url: req.url(), by: sw.url().startsWith(origin) ? 'service-worker' : 'page', in: sw.url() });
      return;
    }
    let where = '';
    try {
      where = req.frame().url();
    } catch {
      /* a request with no frame (a worker of a page): the page's */
    }
    requests.push({
      url: req.url(),
      by: withExtension && where.startsWith(origin) ? 'extension-page' : 'page',
      in: where,
    });
    if (!allowed(req.url()) && !blocked.includes(req.url())) blocked.push(req.url());
  });
  // Content scripts run in a web page's frame, so Playwright files their requests under the page: each
  // page's own DevTools session tells them apart by the script that started the request. A page the
  // test opens is watched before `newPage()` returns, so before it loads anything.
  if (withExtension) {
    const watching = new WeakMap<Page, Promise<void>>();
    const watch = (page: Page): Promise<void> => {
      let w = watching.get(page);
      if (!w) {
        w = recordContentScriptRequests(page, extensionId, requests).catch(() => undefined);
        watching.set(page, w);
      }
      return w;
    };
    context.pages().forEach((p) => void watch(p));
    context.on('page', (p) => void watch(p));
    const newPage = context.newPage.bind(context);
    context.newPage = async () => {
      const page = await newPage();
      await watch(page);
      return page;
    };
  }
  return {
    context,
    extensionId,
    serviceWorker: serviceWorker as Worker,
    blocked,
    requests,
    extensionRequests: () => requests.filter((r) => r.by !== 'page' && !r.url.startsWith(origin)),
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(userDir, { recursive: true, force: true });
    },
  };
}

/**
 * Records, into `out`, the requests of `page` that a script of the extension's isolated world started:
 * the initiator's stack names the script, and the debugger says which world each script belongs to.
 */
async function recordContentScriptRequests(page: Page, extensionId: string, out: RecordedRequest[]): Promise<void> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const isolated = new Set<number>();
  const ours = new Set<string>();
  cdp.on('Runtime.executionContextCreated', ({ context: c }) => {
    if (c.auxData?.type === 'isolated' && c.origin.includes(extensionId)) isolated.add(c.id);
  });
  cdp.on('Debugger.scriptParsed', (e) => {
    if (e.url.startsWith(`chrome-extension://${extensionId}/`) || isolated.has(e.executionContextId))
      ours.add(e.scriptId);
  });
  cdp.on('Network.requestWillBeSent', (e) => {
    const frames = [];
    for (let st = e.initiator.stack; st; st = st.parent) frames.push(...st.callFrames);
    if (frames.some((f) => ours.has(f.scriptId) || f.url.startsWith(`chrome-extension://${extensionId}/`)))
      out.push({ url: e.request.url, by: 'content-script', in: e.documentURL });
  });
  // In this order: the worlds are known before the scripts already parsed are reported.
  await cdp.send('Runtime.enable');
  await cdp.send('Debugger.enable');
  await cdp.send('Network.enable');
}

// ---- extension helpers -----------------------------------------------------------

export async function openPopup(b: Launched): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/popup.html`);
  return page;
}

export async function openOptions(b: Launched): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/options.html`);
  return page;
}

/** Sends `message` to the content script of the tab showing `pageUrl` (frame 0 by default), via the service worker. */
export async function sendToTab<T = unknown>(b: Launched, pageUrl: string, message: unknown, frameId = 0): Promise<T> {
  return b.serviceWorker.evaluate(
    async ({ pageUrl, message, frameId }) => {
      // The browser reports a tab's new URL a moment after the page commits: look again for a while.
      let tab: { id?: number } | undefined;
      for (let i = 0; i < 50 && !tab; i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, 100));
        tab = (await chrome.tabs.query({})).find((t: { url?: string }) => t.url === pageUrl);
      }
      if (!tab) throw new Error(`no tab shows ${pageUrl}`);
      try {
        return await chrome.tabs.sendMessage(tab.id, message, { frameId });
      } catch (error) {
        // A frame whose text had no candidate listens to no message: the popup reads its first stage's
        // state in its isolated world instead (src/popup/browser-edge.ts readFirstStage), and so does this.
        if ((message as { type?: string }).type !== 'getMentions') throw error;
        const [r] = await chrome.scripting.executeScript({
          target: { tabId: tab.id, frameIds: [frameId] },
          func: () => {
            const stage = (globalThis as Record<symbol, { state?: () => unknown } | undefined>)[
              Symbol.for('partnership-lens.first-stage')
            ];
            return stage?.state?.() ?? null;
          },
        });
        if (!r?.result) throw error;
        return r.result;
      }
    },
    { pageUrl, message, frameId },
  ) as Promise<T>;
}

/**
 * The page layer's mentions in the tab showing `pageUrl` once it has settled (read everything it
 * knows of, every answer in): polls `getMentions` until its reply says so.
 */
export async function settledMentions<M = { entity: string; text: string; sentence: string }>(
  b: Launched,
  pageUrl: string,
  timeoutMs = 30_000,
): Promise<M[]> {
  let last: { mentions: M[]; settled?: boolean } | null = null;
  await expect
    .poll(
      async () => {
        last = await sendToTab<{ mentions: M[]; settled?: boolean }>(b, pageUrl, { type: 'getMentions' }).catch(
          () => null,
        );
        return last?.settled === true;
      },
      { timeout: timeoutMs, interval: 200 },
    )
    .toBe(true);
  return last!.mentions;
}

/** Writes settings the way another device's sync would (raw storage, as the store reads it). */
export async function writeSettings(b: Launched, settings: unknown): Promise<void> {
  await b.serviceWorker.evaluate(async (s) => {
    await chrome.storage.sync.set({ settings: s });
  }, settings);
}

/** The badge text of the tab showing `pageUrl`. */
export async function badgeText(b: Launched, pageUrl: string): Promise<string> {
  return b.serviceWorker.evaluate(async (pageUrl) => {
    const tabs = await chrome.tabs.query({});
    const tab = tabs.find((t: { url?: string }) => t.url === pageUrl);
    return chrome.action.getBadgeText({ tabId: tab.id });
  }, pageUrl);
}

// ---- page helpers ------------------------------------------------------------------

export interface PaintedRange {
  kind: string;
  text: string;
}

/**
 * Evaluates `expression` in the extension's isolated world of `target` (a page, or a same-origin
 * frame of one), over CDP, and returns its value; `fallback` where that world does not exist yet
 * (the content script has not run). The page layer's objects live there, under Symbol keys
 * (src/page/bridge.ts).
 */
export async function inIsolatedWorld<T>(target: Page | Frame, expression: string, fallback: T): Promise<T> {
  const page = 'mainFrame' in target ? target : target.page();
  const cdp = await page.context().newCDPSession(page);
  try {
    const contexts: { id: number; origin: string; auxData?: { frameId?: string; type?: string } }[] = [];
    cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context as (typeof contexts)[number]));
    await cdp.send('Runtime.enable');
    let frameId: string | undefined;
    const { frameTree } = await cdp.send('Page.getFrameTree');
    if ('mainFrame' in target || target === page.mainFrame()) frameId = frameTree.frame.id;
    else {
      type Tree = { frame: { id: string; url: string }; childFrames?: Tree[] };
      const find = (t: Tree): string | undefined =>
        t.frame.url === target.url() ? t.frame.id : (t.childFrames ?? []).map(find).find(Boolean);
      frameId = find(frameTree);
    }
    const world = contexts
      .filter(
        (c) =>
          c.auxData?.frameId === frameId &&
          c.auxData?.type === 'isolated' &&
          c.origin.startsWith('chrome-extension://'),
      )
      .at(-1);
    if (!world) return fallback;
    const res = await cdp.send('Runtime.evaluate', {
      expression,
      contextId: world.id,
      returnByValue: true,
      awaitPromise: true,
    });
    if (res.exceptionDetails)
      throw new Error(`isolated eval: ${res.exceptionDetails.exception?.description ?? res.exceptionDetails.text}`);
    return res.result.value as T;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/**
 * What the extension painted in a page's main frame (or a frame): every range registered in the
 * page's CSS highlight registry under one of the page layer's kind highlights, with its kind, one
 * entry per range, in no particular order. The registry's names are opaque (they say nothing to
 * the page): the kinds come from the page layer's own mentions, in its isolated world.
 */
export async function painted(target: Page | Frame): Promise<PaintedRange[]> {
  return inIsolatedWorld<PaintedRange[]>(
    target,
    `(() => {
      const b = globalThis[Symbol.for('partnership-lens.bridge')];
      if (!b) return [];
      const byRange = new Map(b.mentions().map((m) => [m.range, m]));
      const out = [];
      for (const [, h] of CSS.highlights) {
        if (h.priority !== 0) continue;
        for (const r of h) {
          const m = byRange.get(r);
          if (m && !r.collapsed) out.push({ kind: m.kind, text: r.toString().replace(/\\s+/g, ' ') });
        }
      }
      return out;
    })()`,
    [],
  );
}

/** How many ranges are painted of each kind (kinds with none are absent). */
export async function paintedByKind(target: Page | Frame): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const p of await painted(target)) out[p.kind] = (out[p.kind] ?? 0) + 1;
  return out;
}

/**
 * The registry name the page layer gave each kind's highlight in this frame (kinds with nothing painted
 * are absent): names are made up per frame and say nothing, so a test that wants a highlight's computed
 * style asks the page layer which is which.
 */
export async function highlightNameOf(target: Page | Frame): Promise<Record<string, string>> {
  return inIsolatedWorld<Record<string, string>>(
    target,
    `(() => {
      const b = globalThis[Symbol.for('partnership-lens.bridge')];
      if (!b) return {};
      const byRange = new Map(b.mentions().map((m) => [m.range, m]));
      const out = {};
      for (const [name, h] of CSS.highlights) {
        if (h.priority !== 0) continue;
        for (const r of h) {
          const m = byRange.get(r);
          if (m) {
            out[m.kind] = name;
            break;
          }
        }
      }
      return out;
    })()`,
    {},
  );
}

/** The highlight registry as the page itself sees it: each name with the texts of its ranges. */
export async function pageHighlights(
  target: Page | Frame,
): Promise<{ name: string; priority: number; texts: string[] }[]> {
  return target.evaluate(() =>
    [...(CSS as unknown as { highlights: Map<string, Highlight> }).highlights].map(([name, h]) => ({
      name,
      priority: h.priority,
      texts: [...(h as unknown as Set<Range>)].map((r) => r.toString()),
    })),
  );
}

/** Waits until `check` passes on what is painted, or fails with the last state. */
export async function waitForPainted(
  page: Page | Frame,
  check: (p: PaintedRange[]) => boolean,
  timeoutMs = 10_000,
): Promise<PaintedRange[]> {
  let last: PaintedRange[] = [];
  try {
    return await waitFor(
      async () => {
        last = await painted(page);
        return check(last) ? last : null;
      },
      'painted ranges to match',
      timeoutMs,
    );
  } catch {
    throw new Error(`painted ranges never matched; last: ${JSON.stringify(last.map((p) => p.text))}`);
  }
}

/** Every text node under <body> in document order (data only), to compare pages with and without the extension. */
export async function bodyTextNodes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) out.push((n as Text).data);
    return out;
  });
}

// ---- the extension's isolated world: the bridge and the card ----------------------

/**
 * Evaluation in the extension's isolated world of a page's main frame, where
 * the content script's bridge and the card live. Also collects every
 * uncaught exception of any world in the page (`exceptions`).
 */
export interface Isolated {
  eval<T>(expression: string): Promise<T>;
  exceptions: string[];
  /** Console messages of level error/warning from any world. */
  console: string[];
  detach(): Promise<void>;
}

/** `frameUrlEnd`: the isolated world of the first frame whose URL ends so, instead of the main frame's. */
export async function isolatedWorld(page: Page, extensionId: string, frameUrlEnd?: string): Promise<Isolated> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const contexts = new Map<number, { origin: string; frameId: string; type: string }>();
  const exceptions: string[] = [];
  const consoleMsgs: string[] = [];
  cdp.on('Runtime.executionContextCreated', (e) => {
    const c = e.context;
    contexts.set(c.id, { origin: c.origin, frameId: c.auxData?.frameId ?? '', type: c.auxData?.type ?? '' });
  });
  cdp.on('Runtime.executionContextDestroyed', (e) => contexts.delete(e.executionContextId));
  cdp.on('Runtime.executionContextsCleared', () => contexts.clear());
  cdp.on('Runtime.exceptionThrown', (e) => {
    exceptions.push(e.exceptionDetails.exception?.description ?? e.exceptionDetails.text);
  });
  cdp.on('Runtime.consoleAPICalled', (e) => {
    if (e.type === 'error' || e.type === 'warning') {
      consoleMsgs.push(e.args.map((a) => a.value ?? a.description ?? '').join(' '));
    }
  });
  await cdp.send('Runtime.enable');
  const { frameTree } = await cdp.send('Page.getFrameTree');
  type Tree = { frame: { id: string; url: string }; childFrames?: Tree[] };
  const find = (t: Tree): string | undefined =>
    frameUrlEnd === undefined || t.frame.url.endsWith(frameUrlEnd)
      ? t.frame.id
      : (t.childFrames ?? []).map(find).find((id) => id !== undefined);
  const mainFrame = find(frameTree);
  if (mainFrame === undefined) throw new Error(`no frame whose URL ends with ${frameUrlEnd}`);

  const findContext = async (): Promise<number> => {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      for (const [id, c] of contexts) {
        if (c.type === 'isolated' && c.frameId === mainFrame && c.origin.includes(extensionId)) return id;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the extension’s isolated world never appeared in this page (content script not injected?)');
  };

  return {
    exceptions,
    console: consoleMsgs,
    async eval<T>(expression: string): Promise<T> {
      const contextId = await findContext();
      const res = await cdp.send('Runtime.evaluate', {
        expression,
        contextId,
        returnByValue: true,
        awaitPromise: true,
      });
      if (res.exceptionDetails) {
        throw new Error(
          `isolated eval failed: ${res.exceptionDetails.exception?.description ?? res.exceptionDetails.text}`,
        );
      }
      return res.result.value as T;
    },
    detach: () => cdp.detach(),
  };
}

/**
 * Polls `fn` until it returns a truthy value (or throws after `timeout` ms). Not vi.waitFor: the
 * screenshot scripts share this harness and run outside Vitest, where vi.waitFor cannot run.
 */
export async function waitFor<T>(fn: () => Promise<T>, what: string, timeout = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeout;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what} (last value: ${JSON.stringify(last)})`);
}

/** Expressions for the isolated world. */
export const Q = {
  bridgeReady: `(globalThis[Symbol.for('partnership-lens.bridge')]?.mentions().length ?? 0) > 0`,
  cardLoaded: `!!globalThis[Symbol.for('partnership-lens.card')]`,
  /**
   * Viewport box (first line) of the `nth` painted mention that `pick` (a JS predicate over mentions)
   * accepts, or null. Picked and measured in one evaluation: the painted list may still grow
   * between two round trips (the classifier's answers arrive after the first paint), so an index
   * from one call can name another mention in the next.
   */
  mentionRect: (pick: string, nth = 0) => `(() => {
    const m = globalThis[Symbol.for('partnership-lens.bridge')].mentions().filter(${pick})[${nth}];
    if (!m) return null;
    const r = m.range.getClientRects()[0];
    return { entity: m.entity, text: m.text, x: r.left + r.width / 2, y: r.top + r.height / 2, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  })()`,
  /** A `mentionRect` predicate: mentions of `entity`. */
  ofEntity: (entity: string) => `(m) => m.entity === ${JSON.stringify(entity)}`,
  /**
   * What the open card shows, or null when none is visible. A card is rendered and placed, hidden,
   * during the hover delay; visible means the computed style (with the reveal animation) says so and
   * the view has taken the reveal (inline marker, set in the frame that paints it: between frames the
   * engine may already compute the animation as started). The visible card's layer is always the first.
   */
  card: `(() => {
    // The card's words are generated content (data-t attributes, see src/card/Card.tsx), never text nodes.
    const txt = (el) => el ? [el, ...el.querySelectorAll('[data-t]')].map((e) => e.getAttribute('data-t') ?? '').join('') : null;
    const h = globalThis[Symbol.for('partnership-lens.card')];
    const root = h && h.view.root;
    const layer = root && root.querySelector('.layer');
    const card = layer && layer.querySelector('.card');
    const shown = (l) => l.style.visibility === 'visible' && getComputedStyle(l).visibility === 'visible';
    if (!card || !shown(layer)) return null;
    const r = card.getBoundingClientRect();
    const cs = getComputedStyle(card);
    return {
      entity: card.dataset.entity,
      name: txt(layer.querySelector('#pl-card-title')),
      summary: txt(layer.querySelector('.summary')),
      role: txt(layer.querySelector('.role p')),
      facts: [...layer.querySelectorAll('.facts > li')].map((li) => ({
        text: txt(li.querySelector('.fact')),
        links: [...li.querySelectorAll('a')].map((a) => ({ href: a.href, target: a.target, rel: a.rel, text: txt(a) })),
        quotes: [...li.querySelectorAll('.src-quote')].map((q) => txt(q)),
      })),
      events: [...layer.querySelectorAll('.events time')].map((t) => t.dateTime),
      related: [...layer.querySelectorAll('.related li')].map((li) => txt(li)),
      role_attr: card.getAttribute('role'),
      labelledBy: txt(layer.querySelector('#' + card.getAttribute('aria-labelledby'))),
      focused: root.activeElement ? (root.activeElement.className || root.activeElement.tagName) : null,
      rect: { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height },
      background: cs.backgroundColor,
      color: cs.color,
      cards: [...root.querySelectorAll('.layer')].filter((l) => l.querySelector('.card') && shown(l)).length,
      hosts: document.querySelectorAll('partnership-lens-card').length,
      textNodes: (() => {
        const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        let n = 0;
        while (w.nextNode()) if (w.currentNode.parentElement?.tagName !== 'STYLE') n++;
        return n;
      })(),
    };
  })()`,
  lastOpen: `globalThis[Symbol.for('partnership-lens.card')]?.view.lastOpen ?? null`,
  navigate: (dir: 'next' | 'previous') =>
    `globalThis[Symbol.for('partnership-lens.card')].navigate(${JSON.stringify(dir)})`,
};

export type CardSnapshot = {
  entity: string;
  name: string;
  summary: string;
  role: string | null;
  facts: { text: string; links: { href: string; target: string; rel: string; text: string }[]; quotes: string[] }[];
  events: string[];
  related: string[];
  role_attr: string;
  labelledBy: string | null;
  focused: string | null;
  rect: { left: number; top: number; right: number; bottom: number; width: number; height: number };
  background: string;
  color: string;
  cards: number;
  hosts: number;
  /** Text nodes in the card's shadow root (none: every word is generated content). */
  textNodes: number;
};

/** A plain article page with mentions, for the card tests and the screenshot. */
export function articlePage(extraBody = '', extraHead = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Xiaomi and Microsoft</title>
<style>
  body { font: 18px/1.6 Georgia, serif; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
  h1 { font: 700 2rem/1.2 system-ui, sans-serif; }
</style>${extraHead}</head><body>
<button id="before">Page button</button>
<h1>Xiaomi and Microsoft sign a deal on AI and the cloud</h1>
<p id="p1">Xiaomi is one of the largest players in the Asian market when it comes to smartphones, and it keeps growing.</p>
<p id="p2">Microsoft and Xiaomi have recently signed a Memorandum of Understanding that lets them develop technologies together.</p>
<p id="p3">The main objective is to integrate Cortana into Xiaomi smart speakers, with Azure behind them.</p>
${extraBody}
</body></html>`;
}

/**
 * Source modules bundled into one plain script a test page can load (no extension): how the page layer's DOM
 * parts are tested in a real browser. `entry` is TypeScript importing from the project root.
 */
export async function bundleForPage(entry: string): Promise<string> {
  const { build } = await import('esbuild');
  const out = await build({
    stdin: { contents: entry, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome120',
    define: { __LENS_BENCH__: 'false', 'import.meta.env.FIREFOX': 'false' },
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}
