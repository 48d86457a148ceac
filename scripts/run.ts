/**
 * `npm start`: builds the extension and opens Chromium (headed, a fresh
 * temporary profile) with it loaded, on the bundled demo article served from
 * 127.0.0.1. Close the browser window (or press Ctrl+C) to stop.
 *
 * Options (environment): LENS_OUT_DIR (build folder, default .output),
 * LENS_SKIP_BUILD=1 (reuse the last build), CHROMIUM (browser binary,
 * default /usr/bin/chromium).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.LENS_OUT_DIR ??= '.output';
// The harness reads LENS_OUT_DIR when it loads, so load it after setting the default.
const { ensureBuilt, startServer, CHROMIUM } = await import('../tests/browser/harness');
const { chromium } = await import('playwright-core');

const executablePath = process.env.CHROMIUM ?? CHROMIUM;
if (!existsSync(executablePath)) {
  console.error(`No Chromium at ${executablePath}: install it or set CHROMIUM=/path/to/chromium.`);
  process.exit(1);
}
if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error(
    'No display (DISPLAY is not set): `npm start` opens a browser window. Run it in a desktop session or under xvfb-run.',
  );
  process.exit(1);
}

console.log('Building the extension…');
const dir = ensureBuilt();
const server = await startServer();
const userDir = mkdtempSync(join(tmpdir(), 'partnership-lens-'));
const context = await chromium.launchPersistentContext(userDir, {
  executablePath,
  headless: false,
  viewport: null,
  args: [
    `--disable-extensions-except=${dir}`,
    `--load-extension=${dir}`,
    '--no-first-run',
    '--no-default-browser-check',
  ],
});
const page = context.pages()[0] ?? (await context.newPage());
const demo = server.url('/demo.html');
await page.goto(demo);
console.log(`Partnership Lens is loaded (from ${dir}) on ${demo}. Close the browser to stop.`);

const stop = async () => {
  await context.close().catch(() => undefined);
  await server.close();
  rmSync(userDir, { recursive: true, force: true });
  process.exit(0);
};
context.on('close', () => void stop());
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
