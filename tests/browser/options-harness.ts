/**
 * TEMPORARY harness for the options page's browser tests until the shared
 * tests/browser/harness.ts lands (then this file goes). LENS_EXT_DIR points
 * at a ready build; otherwise the extension is built into .output/h5.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '../..');

export function buildExtension(name: string): string {
  if (process.env.LENS_EXT_DIR) return process.env.LENS_EXT_DIR;
  const outDir = join('.output', name);
  execFileSync(join(ROOT, 'node_modules/.bin/wxt'), ['build'], { cwd: ROOT, env: { ...process.env, LENS_OUT_DIR: outDir }, stdio: 'pipe' });
  return join(ROOT, outDir, 'chrome-mv3');
}

export interface Launched {
  context: BrowserContext;
  extensionId: string;
  close(): Promise<void>;
}

export async function launchChromium(extensionDir: string): Promise<Launched> {
  const userDir = mkdtempSync(join(tmpdir(), 'lens-options-'));
  const context = await chromium.launchPersistentContext(userDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1200, height: 900 },
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--no-sandbox',
    ],
  });
  await context.route(/^https?:\/\//, (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return {
    context,
    extensionId: new URL(worker.url()).host,
    close: async () => {
      await context.close();
      rmSync(userDir, { recursive: true, force: true });
    },
  };
}

export interface PageServer {
  origin: string;
  close(): Promise<void>;
}

/** Serves `pages` (path → HTML) on 127.0.0.1 at a free port. */
export async function servePages(pages: Record<string, string>): Promise<PageServer> {
  const { createServer } = await import('node:http');
  const server = createServer((req, res) => {
    const body = pages[(req.url ?? '/').split('?')[0]!];
    if (body === undefined) res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as import('node:net').AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}
