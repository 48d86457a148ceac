/**
 * Firefox browser-test harness: the Firefox MV3 build of the extension, installed
 * in Firefox ESR (/usr/bin/firefox-esr) driven by puppeteer-core over WebDriver BiDi.
 *
 * API (every Firefox test file uses these; see tests/browser/firefox.test.ts):
 *
 *   FIREFOX_PATH, firefoxMissingReason()
 *       Where Firefox ESR is expected, and why the suite must skip (null when it
 *       can run). Skip with `describe.skipIf(reason)` and print the reason.
 *
 *   buildFirefoxExtension(name?) → { dir, manifest, remove() }
 *       `wxt build -b firefox` into `.output/<name>` (a per-process name by default,
 *       so concurrent runs never share a folder); `dir` is its firefox-mv3 folder.
 *       With LENS_FIREFOX_BUILD=<firefox-mv3 folder> it builds nothing and uses that
 *       build (one build for several test files, or a build of another checkout).
 *
 *   launchFirefox({ extensionDir, pages?, pagesDir? }) → FirefoxSession
 *       Starts headless Firefox with a fresh profile, installs the unpacked build
 *       (a temporary add-on, as about:debugging would), and serves test pages.
 *
 *   FirefoxSession
 *     .geckoId / .uuid / .extensionOrigin   moz-extension://<uuid> is fixed by the
 *                                           `extensions.webextensions.uuids` pref
 *     .url(path)                            http://127.0.0.1:<port><path> of the page server
 *     .setPage(path, html)                  add or replace a served page
 *     .openPage(pathOrUrl)                  new tab on a served page, after `load`
 *     .openExtensionPage('popup.html')      new tab on an extension page; `page.evaluate`
 *                                           there runs with the extension's `browser` API
 *     .extensionCall(fn, ...args)           runs fn in an extension page (a hidden popup
 *                                           tab opened once), e.g. to call browser.tabs
 *     .sendToTab(pageUrl, message)          browser.tabs.sendMessage to the top frame of
 *                                           the tab showing pageUrl (getMentions, …)
 *     .log.mark() / .log.since(mark)        Firefox's stdout/stderr lines: console.* of
 *                                           every page and extension context, and every
 *                                           uncaught error ("JavaScript error: <url>, line N: …")
 *     .extensionErrors(mark?)               the error lines attributable to the extension
 *     .externalRequests                     every request that tried to leave 127.0.0.1,
 *                                           already refused (see "Network" below)
 *     .close()                              closes Firefox and the servers
 *
 *   inShadowRoot(page, hostSelector, fn, ...args) → result | null
 *       Runs fn(shadowRoot, ...args) in the page's main frame on the shadow root of
 *       the first element matching hostSelector, even a CLOSED one (the hover
 *       card's): null when there is no such element or it has no shadow root.
 *       Arguments and result travel as JSON.
 *
 *   tabIdOf(session, pathOrUrl)                 browser.tabs id of the tab showing it
 *
 * How it works, and why:
 * - Navigation to moz-extension:// is refused by Firefox's WebDriver BiDi unless the
 *   browser runs with --remote-allow-system-access. Even then puppeteer's goto never
 *   sees the navigation finish (the page moves to the extension process, whose
 *   navigation events the remote agent does not report), so openExtensionPage calls
 *   BiDi's browsingContext.navigate with wait=complete itself.
 * - For the same reason puppeteer's page 'console' events never fire for extension
 *   pages; Firefox prints them instead (devtools.console.stdout.content), so the
 *   harness reads the browser process's output.
 * - MV3 host permissions: Firefox (127+) grants the origins a manifest asks for (host
 *   permissions and content-script matches) at install when
 *   `extensions.originControls.grantByDefault` is true, its default; the harness sets
 *   it explicitly so content scripts run on test pages without a prompt.
 * - Closed shadow roots: page scripts (and puppeteer's evaluate, which runs as one)
 *   cannot reach them, and Firefox gives no way into a content script's sandbox from
 *   outside. WebDriver BiDi can: `script.evaluate` with
 *   serializationOptions.includeShadowTree = 'all' serializes an element with its
 *   shadow root whatever its mode, and the root's sharedId can be passed back as an
 *   argument to `script.callFunction` (see inShadowRoot).
 * - Network: every proxyable request goes to a recording sink proxy on 127.0.0.1 that
 *   refuses it; 127.0.0.1 itself is never proxied by Firefox. Prefs also switch off
 *   Firefox's own background traffic (updates, telemetry, Safe Browsing, captive portal,
 *   remote settings, push, DNS prefetch/DoH), so `externalRequests` lists only what
 *   pages or the extension tried.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { launch, type Browser, type Page } from 'puppeteer-core';

export const FIREFOX_PATH = '/usr/bin/firefox-esr';
const ROOT = resolve(import.meta.dirname, '../..');

/** Why Firefox tests cannot run here, or null when they can. */
export function firefoxMissingReason(): string | null {
  return existsSync(FIREFOX_PATH)
    ? null
    : `Firefox ESR not found at ${FIREFOX_PATH} (Debian package firefox-esr; CI installs it)`;
}

/** The manifest fields the harness and tests read. */
export interface BuiltManifest {
  manifest_version: number;
  name: string;
  version: string;
  browser_specific_settings?: {
    gecko?: { id?: string; strict_min_version?: string; data_collection_permissions?: { required?: string[] } };
    gecko_android?: { strict_min_version?: string };
  };
  permissions?: string[];
  host_permissions?: string[];
  content_scripts?: { matches: string[]; js?: string[] }[];
  action?: { default_popup?: string };
  options_ui?: { page: string };
  background?: { scripts?: string[] };
}

export interface FirefoxBuild {
  /** The unpacked firefox-mv3 folder. */
  dir: string;
  manifest: BuiltManifest;
  /** Deletes the build's output folder. */
  remove(): void;
}

/**
 * Builds the Firefox MV3 extension into `.output/<name>` with the project's own WXT. Without the
 * first-run page (WXT_FIRST_RUN_PAGE=off): a tab opening by itself at install would race the tests'
 * own tabs; `env` can turn it back on.
 */
export async function buildFirefoxExtension(
  name = `firefox-test-${process.pid}`,
  env: Record<string, string> = {},
): Promise<FirefoxBuild> {
  const prebuilt = process.env.LENS_FIREFOX_BUILD;
  if (prebuilt) {
    const dir = resolve(ROOT, prebuilt);
    if (!existsSync(join(dir, 'manifest.json')))
      throw new Error(`LENS_FIREFOX_BUILD=${prebuilt}: no manifest.json in ${dir}`);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as BuiltManifest;
    // Not ours to delete.
    return { dir, manifest, remove: () => undefined };
  }
  const outDir = join(ROOT, '.output', name);
  try {
    await promisify(execFile)(join(ROOT, 'node_modules/.bin/wxt'), ['build', '-b', 'firefox'], {
      cwd: ROOT,
      env: { ...process.env, WXT_FIRST_RUN_PAGE: 'off', ...env, LENS_OUT_DIR: outDir },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    throw new Error(`wxt build -b firefox failed:\n${e.stderr ?? ''}\n${e.stdout ?? ''}`, { cause: error });
  }
  const dir = join(outDir, 'firefox-mv3');
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as BuiltManifest;
  return { dir, manifest, remove: () => rmSync(outDir, { recursive: true, force: true }) };
}

/** The fixed internal UUID tests give the extension, so its pages have known URLs. */
export const TEST_EXTENSION_UUID = '5f1e7a0c-3b2d-4c8e-9a61-2d4b8c0e7f13';

/**
 * Prefs that keep Firefox's own services quiet and route everything that is not
 * 127.0.0.1 to the sink proxy. puppeteer's profile already disables some of these
 * (app updates, Safe Browsing lists, health report); they are repeated where the
 * harness depends on them.
 */
export function harnessPrefs(proxyPort: number, geckoId: string): Record<string, unknown> {
  return {
    // Network: one dead-end proxy for every scheme; loopback is never proxied.
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.share_proxy_settings': true,
    'network.proxy.allow_hijacking_localhost': false,
    'network.proxy.no_proxies_on': '',
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.predictor.enabled': false,
    'network.http.speculative-parallel-limit': 0,
    'network.trr.mode': 5,
    'network.connectivity-service.enabled': false,
    'network.captive-portal-service.enabled': false,
    // Updates of the browser, add-ons and system add-ons.
    'app.update.auto': false,
    'app.update.enabled': false,
    'extensions.update.enabled': false,
    'extensions.systemAddon.update.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'extensions.blocklist.enabled': false,
    'browser.search.update': false,
    'media.gmp-manager.updateEnabled': false,
    // Telemetry, studies, experiments.
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.unified': false,
    'toolkit.telemetry.archive.enabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'datareporting.healthreport.uploadEnabled': false,
    'app.shield.optoutstudies.enabled': false,
    'app.normandy.enabled': false,
    'messaging-system.rsexperimentloader.enabled': false,
    'browser.ping-centre.telemetry': false,
    'browser.newtabpage.activity-stream.feeds.telemetry': false,
    'browser.newtabpage.activity-stream.telemetry': false,
    // Safe Browsing.
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.safebrowsing.downloads.remote.enabled': false,
    'browser.safebrowsing.blockedURIs.enabled': false,
    'browser.safebrowsing.update.enabled': false,
    // Remote settings, region lookup, push, geolocation, new-tab content.
    // Port 1 on loopback: refused at once, and loopback is never proxied.
    'services.settings.server': 'http://127.0.0.1:1/remote-settings-disabled',
    'browser.region.update.enabled': false,
    'browser.region.network.url': '',
    'dom.push.enabled': false,
    'dom.push.connection.enabled': false,
    'geo.provider.network.url': '',
    'browser.newtabpage.enabled': false,
    'browser.topsites.contile.enabled': false,
    'browser.newtabpage.activity-stream.feeds.topsites': false,
    'browser.newtabpage.activity-stream.feeds.section.topstories': false,
    'browser.discovery.enabled': false,
    'extensions.getAddons.showPane': false,
    'extensions.htmlaboutaddons.recommendations.enabled': false,
    // Extension under test: a known UUID, host permissions granted at install.
    'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: TEST_EXTENSION_UUID }),
    'extensions.originControls.grantByDefault': true,
    // A desktop reader's mouse: headless Firefox otherwise matches (hover: none), where the page layer loads
    // the card bundle at the first idle moment of every page with mentions (the touch path), and a test
    // that closes such a tab during that injection makes Firefox log "Script terminated by timeout".
    // Capabilities are flags: 2 fine pointer, 4 hover.
    'ui.primaryPointerCapabilities': 6,
    'ui.allPointerCapabilities': 6,
    // Print console.* of page and extension contexts to stdout (see log).
    'devtools.console.stdout.content': true,
  };
}

/** A line Firefox printed, with the order it arrived in. */
export interface LogLine {
  seq: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

/**
 * Console lines of Firefox's own components, never the extension's: its Remote Settings loader complains
 * whenever it cannot reach the server the harness points it at (127.0.0.1:1, on purpose).
 */
const FIREFOX_OWN = /^console\.(error|warn): (RSLoader|RemoteSettings|services\.settings)\b/;

/** What `settleLog` writes to the log (never an error of the extension's). */
const SETTLE_MARKER = '[lens-test] log settled';
let settled = 0;

export class BrowserLog {
  readonly lines: LogLine[] = [];
  #partial = { stdout: '', stderr: '' };

  feed(stream: 'stdout' | 'stderr', chunk: string): void {
    const parts = (this.#partial[stream] + chunk).split('\n');
    this.#partial[stream] = parts.pop() ?? '';
    for (const text of parts) if (text.trim()) this.lines.push({ seq: this.lines.length, stream, text });
  }

  /** A point in the log; `since(mark)` returns what came after it. */
  mark(): number {
    return this.lines.length;
  }

  since(mark = 0): LogLine[] {
    return this.lines.slice(mark);
  }
}

/**
 * The lines that say the extension misbehaved: uncaught errors in its own scripts
 * (any moz-extension://<uuid>/ URL: background, popup, options, content scripts) and
 * console.error/console.warn calls. Console lines carry no origin, so callers keep
 * the window small (mark right before the action they check); the few Firefox's own
 * modules print at any time are left out (FIREFOX_OWN).
 */
export function extensionErrorLines(lines: readonly LogLine[], uuid: string): string[] {
  const ownUrl = `moz-extension://${uuid}/`;
  return lines
    .map((l) => l.text)
    .filter((text) => !text.includes(SETTLE_MARKER) && !FIREFOX_OWN.test(text))
    .filter(
      (text) =>
        (/^JavaScript (error|warning):/.test(text) && text.includes(ownUrl)) || /^console\.(error|warn):/.test(text),
    );
}

/** An attempt to reach anything but 127.0.0.1, as the sink proxy saw it. */
export interface ExternalRequest {
  /** `CONNECT host:port` for TLS and WebSocket-over-TLS, else `METHOD absolute-url`. */
  request: string;
  at: number;
}

/** A proxy that records what it is asked for and refuses all of it. */
async function startSinkProxy(): Promise<{ port: number; requests: ExternalRequest[]; close(): Promise<void> }> {
  const requests: ExternalRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    requests.push({ request: `${req.method} ${req.url}`, at: Date.now() });
    res.writeHead(403, { 'content-type': 'text/plain' }).end('blocked by the Firefox test harness: no network');
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('connect', (req: IncomingMessage, socket: Socket) => {
    requests.push({ request: `CONNECT ${req.url}`, at: Date.now() });
    socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
};

/** Serves registered pages first, then files under `pagesDir` (never outside it). */
async function startPageServer(
  pages: Map<string, string>,
  pagesDir: string | undefined,
): Promise<{ origin: string; close(): Promise<void> }> {
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const page = pages.get(path);
    if (page !== undefined) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
      return;
    }
    if (pagesDir) {
      const file = normalize(join(pagesDir, path));
      if (file.startsWith(normalize(pagesDir) + sep)) {
        try {
          const body = await readFile(file);
          res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
          return;
        } catch {
          // fall through to 404
        }
      }
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end(`no test page at ${path}`);
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => res.writeHead(500).end(String(e)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export interface LaunchOptions {
  /** The unpacked firefox-mv3 build (buildFirefoxExtension().dir). */
  extensionDir: string;
  /** Pages to serve, path → HTML. More can be added with setPage. */
  pages?: Record<string, string>;
  /** A folder whose files are served as they are (e.g. saved real pages). */
  pagesDir?: string;
}

/** The extension's `browser` global as seen from one of its own pages. */
interface ExtensionGlobal {
  browser: {
    tabs: {
      query(q: object): Promise<{ id?: number; url?: string }[]>;
      sendMessage(tabId: number, message: unknown, options: { frameId: number }): Promise<unknown>;
    };
    scripting: {
      executeScript(o: {
        target: { tabId: number; frameIds: number[] };
        func: () => unknown;
      }): Promise<{ result?: unknown }[]>;
    };
  };
}

export interface FirefoxSession {
  browser: Browser;
  geckoId: string;
  uuid: string;
  /** moz-extension://<uuid> */
  extensionOrigin: string;
  manifest: BuiltManifest;
  log: BrowserLog;
  externalRequests: ExternalRequest[];
  url(path: string): string;
  setPage(path: string, html: string): void;
  openPage(pathOrUrl: string): Promise<Page>;
  openExtensionPage(path: string): Promise<Page>;
  extensionCall<A extends unknown[], R>(fn: (...args: A) => R | Promise<R>, ...args: A): Promise<R>;
  sendToTab(pageUrl: string, message: unknown): Promise<unknown>;
  extensionErrors(mark?: number): string[];
  /**
   * Resolves once everything `page` logged so far has reached `log`: it logs a marker down each path an
   * error takes (a console.error, an uncaught error) and waits for both. Firefox's output comes through
   * two pipes, late: without this, "no errors" would only mean "none yet".
   */
  settleLog(page: Page): Promise<void>;
  close(): Promise<void>;
}

export async function launchFirefox(options: LaunchOptions): Promise<FirefoxSession> {
  const manifest = JSON.parse(readFileSync(join(options.extensionDir, 'manifest.json'), 'utf8')) as BuiltManifest;
  const geckoId = manifest.browser_specific_settings?.gecko?.id;
  if (!geckoId) throw new Error(`${options.extensionDir}/manifest.json has no browser_specific_settings.gecko.id`);

  const pages = new Map(Object.entries(options.pages ?? {}));
  const [proxy, server] = await Promise.all([startSinkProxy(), startPageServer(pages, options.pagesDir)]);
  const log = new BrowserLog();
  let browser: Browser;
  try {
    browser = await launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      // Needed to open moz-extension:// pages over BiDi (see the header).
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: harnessPrefs(proxy.port, geckoId),
      // Ctrl-C in vitest must not leave Firefox behind; puppeteer kills it on exit.
      handleSIGINT: true,
      // Release builds ignore services.settings.server unless this is set; without it
      // Remote Settings keeps polling Mozilla's server.
      env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
      timeout: 60_000,
    });
  } catch (error) {
    await Promise.all([proxy.close(), server.close()]);
    throw error;
  }
  const proc = browser.process();
  proc?.stdout?.setEncoding('utf8').on('data', (d: string) => log.feed('stdout', d));
  proc?.stderr?.setEncoding('utf8').on('data', (d: string) => log.feed('stderr', d));

  const installed = await browser.installExtension(options.extensionDir);
  if (installed !== geckoId) throw new Error(`installed add-on id ${installed}, manifest says ${geckoId}`);

  const extensionOrigin = `moz-extension://${TEST_EXTENSION_UUID}`;
  const url = (path: string) =>
    /^[a-z-]+:/.test(path) ? path : server.origin + (path.startsWith('/') ? path : `/${path}`);

  const openExtensionPage = async (path: string): Promise<Page> => {
    const page = await browser.newPage();
    const target = `${extensionOrigin}/${path.replace(/^\//, '')}`;
    // puppeteer's goto would wait for navigation events that never come (see header).
    const frame = page.mainFrame() as unknown as {
      browsingContext: { navigate(url: string, wait: 'none' | 'interactive' | 'complete'): Promise<void> };
    };
    await frame.browsingContext.navigate(target, 'complete');
    const href = await page.evaluate(() => location.href);
    if (!href.startsWith(target)) throw new Error(`opened ${href}, expected ${target}`);
    return page;
  };

  let controlPage: Page | undefined;
  const extensionCall = async <A extends unknown[], R>(fn: (...args: A) => R | Promise<R>, ...args: A): Promise<R> => {
    const popup = manifest.action?.default_popup;
    if (!popup) throw new Error('the build has no popup page to run extension code in');
    controlPage ??= await openExtensionPage(popup);
    return (await controlPage.evaluate(fn as (...a: unknown[]) => R, ...args)) as R;
  };

  return {
    browser,
    geckoId,
    uuid: TEST_EXTENSION_UUID,
    extensionOrigin,
    manifest,
    log,
    externalRequests: proxy.requests,
    url,
    setPage: (path, html) => void pages.set(path.startsWith('/') ? path : `/${path}`, html),
    openPage: async (pathOrUrl) => {
      const page = await browser.newPage();
      await page.goto(url(pathOrUrl), { waitUntil: 'load' });
      return page;
    },
    openExtensionPage,
    extensionCall,
    sendToTab: (pageUrl, message) =>
      extensionCall(
        async (u: string, m: unknown) => {
          const { browser: ext } = globalThis as unknown as ExtensionGlobal;
          // Not query({ url }): match patterns cannot say a port, and test pages have one.
          const tab = (await ext.tabs.query({})).find((t) => t.url === u);
          if (tab?.id === undefined) throw new Error(`no tab shows ${u}`);
          try {
            return await ext.tabs.sendMessage(tab.id, m, { frameId: 0 });
          } catch (error) {
            // A frame whose text had no candidate listens to no message: its first stage's state is read
            // in its isolated world, as the popup does (src/popup/browser-edge.ts readFirstStage).
            if ((m as { type?: string }).type !== 'getMentions') throw error;
            const [r] = await ext.scripting.executeScript({
              target: { tabId: tab.id, frameIds: [0] },
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
        url(pageUrl),
        message,
      ),
    extensionErrors: (mark = 0) => extensionErrorLines(log.since(mark), TEST_EXTENSION_UUID),
    settleLog: async (page) => {
      const marker = `${SETTLE_MARKER} ${++settled}`;
      await page.evaluate((m: string) => {
        console.error(m);
        setTimeout(() => {
          throw new Error(m);
        });
      }, marker);
      const seen = () => log.lines.filter((l) => l.text.includes(marker)).length >= 2;
      for (const until = Date.now() + 10_000; !seen();) {
        if (Date.now() > until) throw new Error(`the log never showed ${marker} twice`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: async () => {
      await browser.close().catch(() => undefined);
      await Promise.all([proxy.close(), server.close()]);
    },
  };
}

/** The parts of puppeteer's BiDi browsing context that inShadowRoot talks to directly. */
interface BidiContext {
  id: string;
  userContext: {
    browser: { session: { send(method: string, params: object): Promise<{ result: BidiEvaluateResult }> } };
  };
}

type BidiRemoteValue = {
  type: string;
  value?: unknown;
  sharedId?: string;
};

type BidiEvaluateResult =
  | { type: 'success'; result: BidiRemoteValue }
  | { type: 'exception'; exceptionDetails: { text: string; lineNumber?: number } };

function bidiContextOf(page: Page): BidiContext {
  const context = (page.mainFrame() as unknown as { browsingContext?: BidiContext }).browsingContext;
  if (!context?.userContext) throw new Error('inShadowRoot needs a page of a puppeteer WebDriver BiDi session');
  return context;
}

function bidiValue(what: string, r: BidiEvaluateResult): BidiRemoteValue {
  if (r.type === 'exception') throw new Error(`${what} threw: ${r.exceptionDetails.text}`);
  return r.result;
}

/**
 * Runs `fn(shadowRoot, ...args)` in the main frame of `page` on the shadow root of
 * the first element matching `hostSelector`, open or closed; null when there is no
 * such element or it has no shadow root. `fn` is sent as source text: it must not
 * use anything from the test's scope, and its arguments and result must survive JSON.
 */
export async function inShadowRoot<A extends unknown[], R>(
  page: Page,
  hostSelector: string,
  fn: (root: ShadowRoot, ...args: A) => R | Promise<R>,
  ...args: A
): Promise<R | null> {
  const context = bidiContextOf(page);
  const { session } = context.userContext.browser;
  const host = bidiValue(
    `querySelector(${JSON.stringify(hostSelector)})`,
    (
      await session.send('script.evaluate', {
        expression: `document.querySelector(${JSON.stringify(hostSelector)})`,
        target: { context: context.id },
        awaitPromise: false,
        resultOwnership: 'none',
        // 'all' includes closed roots; depth 0 keeps the rest of the tree out of the answer.
        serializationOptions: { maxDomDepth: 0, includeShadowTree: 'all' },
      })
    ).result,
  );
  if (host.type !== 'node') return null;
  const shadow = (host.value as { shadowRoot?: BidiRemoteValue | null } | undefined)?.shadowRoot;
  if (!shadow?.sharedId) return null;
  const call = bidiValue(
    'the shadow-root function',
    (
      await session.send('script.callFunction', {
        functionDeclaration: `async (root, json) => JSON.stringify((await (${fn.toString()})(root, ...JSON.parse(json))) ?? null)`,
        arguments: [{ sharedId: shadow.sharedId }, { type: 'string', value: JSON.stringify(args) }],
        target: { context: context.id },
        awaitPromise: true,
        resultOwnership: 'none',
      })
    ).result,
  );
  return JSON.parse(call.value as string) as R | null;
}

/** The browser.tabs id of the (first) tab showing `pathOrUrl`. */
export async function tabIdOf(session: FirefoxSession, pathOrUrl: string): Promise<number> {
  const id = await session.extensionCall(async (u: string) => {
    const { browser: ext } = globalThis as unknown as ExtensionGlobal;
    return (await ext.tabs.query({})).find((t) => t.url === u)?.id ?? null;
  }, session.url(pathOrUrl));
  if (id === null) throw new Error(`no tab shows ${session.url(pathOrUrl)}`);
  return id;
}
