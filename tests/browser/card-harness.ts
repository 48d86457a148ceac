/**
 * Browser harness for the hover card's tests (and scripts/screenshot-card.ts):
 * builds the extension into its own folder, serves pages from 127.0.0.1,
 * launches Chromium with the extension, and reaches into the extension's
 * isolated world over CDP, where the card keeps its closed shadow root
 * (page scripts, and Playwright's main-world evaluate, cannot see it).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');

/**
 * Builds the Chrome MV3 extension into `.output/<name>` and returns its folder.
 * `env` adds build-time variables (WXT_CARD_OPEN_ROOT=1: the open-root debug build for axe).
 */
export function buildExtension(name: string, env: Record<string, string> = {}): string {
  const outDir = join('.output', name);
  execFileSync(join(ROOT, 'node_modules/.bin/wxt'), ['build'], {
    cwd: ROOT,
    env: { ...process.env, ...env, LENS_OUT_DIR: outDir },
    stdio: 'pipe',
  });
  return join(ROOT, outDir, 'chrome-mv3');
}

export interface PageServer {
  origin: string;
  close(): Promise<void>;
}

/** Serves `pages` (path → HTML) on 127.0.0.1 at a free port. */
export async function servePages(pages: Record<string, string>): Promise<PageServer> {
  const server: Server = createServer((req, res) => {
    const body = pages[(req.url ?? '/').split('?')[0]!];
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export interface LaunchOptions {
  colorScheme?: 'light' | 'dark';
  hasTouch?: boolean;
  viewport?: { width: number; height: number };
  reducedMotion?: 'reduce' | 'no-preference';
  deviceScaleFactor?: number;
}

export interface Launched {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

/** Chromium with the extension; every request off 127.0.0.1 is aborted (no network here). */
export async function launchChromium(extensionDir: string, opts: LaunchOptions = {}): Promise<Launched> {
  const userDir = mkdtempSync(join(tmpdir(), 'lens-card-'));
  const context = await chromium.launchPersistentContext(userDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: opts.viewport ?? { width: 1000, height: 700 },
    colorScheme: opts.colorScheme ?? 'light',
    reducedMotion: opts.reducedMotion ?? 'reduce',
    hasTouch: opts.hasTouch ?? false,
    deviceScaleFactor: opts.deviceScaleFactor ?? 1,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--no-sandbox',
    ],
  });
  await context.route(/^https?:\/\//, (route) => {
    const host = new URL(route.request().url()).hostname;
    return host === '127.0.0.1' ? route.continue() : route.abort();
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    close: async () => {
      await context.close();
      rmSync(userDir, { recursive: true, force: true });
    },
  };
}

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

export async function isolatedWorld(page: Page, extensionId: string): Promise<Isolated> {
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
  const mainFrame = frameTree.frame.id;

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

/** Polls `fn` until it returns a truthy value (or throws after `timeout` ms). */
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
      name: root.querySelector('#pl-card-title').textContent,
      summary: root.querySelector('.summary').textContent,
      role: root.querySelector('.role p')?.textContent ?? null,
      facts: [...root.querySelectorAll('.facts > li')].map((li) => ({
        text: li.querySelector('.fact').textContent,
        links: [...li.querySelectorAll('a')].map((a) => ({ href: a.href, target: a.target, rel: a.rel, text: a.textContent })),
        quotes: [...li.querySelectorAll('.src-quote')].map((q) => q.textContent),
      })),
      events: [...root.querySelectorAll('.events time')].map((t) => t.dateTime),
      related: [...root.querySelectorAll('.related li')].map((li) => li.textContent),
      role_attr: card.getAttribute('role'),
      labelledBy: root.getElementById(card.getAttribute('aria-labelledby'))?.textContent ?? null,
      focused: root.activeElement ? (root.activeElement.className || root.activeElement.tagName) : null,
      rect: { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height },
      background: cs.backgroundColor,
      color: cs.color,
      cards: [...root.querySelectorAll('.layer')].filter((l) => l.querySelector('.card') && shown(l)).length,
      hosts: document.querySelectorAll('partnership-lens-card').length,
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
