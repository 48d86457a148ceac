/**
 * The browser-test harness every browser test of the project can use:
 *
 * - `ensureBuilt()` builds the extension once per run into
 *   `process.env.LENS_OUT_DIR ?? '.output/test'` with the project's own Node
 *   (skipped with LENS_SKIP_BUILD=1; tests/browser/global-setup.ts builds
 *   once before any test file and sets it for the workers).
 * - `startServer()` serves tests/browser/fixtures at `/`, the bundled demo page
 *   at `/demo.html`, and, when /work/shared is beside the repo, the real pages
 *   of ../shared/corpus/pages at `/corpus/`, on 127.0.0.1 with a random port.
 * - `launchChromium()` starts /usr/bin/chromium (headless, which loads
 *   extensions) with the built extension in a temp profile; every request that
 *   is not to 127.0.0.1 (or the extension itself) is aborted and recorded in
 *   `blocked`, so a test can assert the extension sent none.
 * - Helpers: open the popup/options page, send the content script a message
 *   through the service worker (chrome.tabs.sendMessage), write settings.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Frame, type Page, type Worker } from 'playwright-core';
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
  const bin = join(ROOT, 'node_modules/.bin');
  // The project's Node 24 (node_modules/.bin/node) runs wxt, whatever Node runs the tests.
  const res = spawnSync(join(bin, 'wxt'), ['build'], {
    cwd: ROOT,
    env: { ...process.env, LENS_OUT_DIR: OUT_DIR, PATH: `${bin}:${process.env.PATH ?? ''}` },
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`wxt build failed (exit ${res.status}):\n${res.stdout}\n${res.stderr}`);
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

export async function startServer(): Promise<StaticServer> {
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
  return {
    origin,
    url: (p) => origin + (p.startsWith('/') ? p : `/${p}`),
    add: (p, body, type = TYPES[extname(p)] ?? 'text/plain') => extra.set(p, { body, type }),
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

// ---- Chromium ------------------------------------------------------------------

export interface Launched {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  /** Requests the harness refused because they were not to 127.0.0.1 (or the extension). */
  blocked: string[];
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Load the extension (default true); false gives the same browser without it, for comparisons. */
  extension?: boolean;
  headless?: boolean;
  /**
   * The browser's UI language, e.g. 'zh-CN'. `--lang` is what makes headless Chromium pick an
   * extension's _locales catalogue (getUILanguage() still says en-US there); `locale` gives
   * pages the same navigator.language and Intl default; LANGUAGE covers headed Linux builds.
   */
  lang?: string;
}

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
  const dir = withExtension ? ensureBuilt() : '';
  const userDir = mkdtempSync(join(tmpdir(), 'lens-chromium-'));
  const args = ['--disable-background-networking', '--disable-component-update', '--no-first-run', '--no-sandbox'];
  if (withExtension) args.unshift(`--disable-extensions-except=${dir}`, `--load-extension=${dir}`);
  if (opts.lang) args.push(`--lang=${opts.lang}`);
  const context = await chromium.launchPersistentContext(userDir, {
    executablePath: CHROMIUM,
    headless: opts.headless ?? true,
    args,
    ...(opts.lang ? { locale: opts.lang, env: { ...process.env, LANGUAGE: opts.lang.replace('-', '_') } } : {}),
  });
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (allowed(url)) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  // Requests from extension contexts do not always pass through routing: record those too.
  context.on('request', (req) => {
    if (!allowed(req.url()) && !blocked.includes(req.url())) blocked.push(req.url());
  });
  let serviceWorker: Worker | undefined;
  let extensionId = '';
  if (withExtension) {
    serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
    extensionId = new URL(serviceWorker.url()).host;
  }
  return {
    context,
    extensionId,
    serviceWorker: serviceWorker as Worker,
    blocked,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(userDir, { recursive: true, force: true });
    },
  };
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
      return chrome.tabs.sendMessage(tab.id, message, { frameId });
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
      frameId = find(frameTree as Tree);
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
  const until = Date.now() + timeoutMs;
  let last: PaintedRange[] = [];
  while (Date.now() < until) {
    last = await painted(page);
    if (check(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`painted ranges never matched; last: ${JSON.stringify(last.map((p) => p.text))}`);
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
