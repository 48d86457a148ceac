/**
 * Firefox smoke test: the Firefox MV3 build installs in Firefox ESR, passes Mozilla's
 * linter, its pages open cleanly, the content script marks a page, and nothing tries
 * to reach the network. One Firefox for the whole file (launching costs ~3 s).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatJudgement, judgeLint, lintFirefoxBuild } from '../../scripts/lint-firefox';
import {
  buildFirefoxExtension,
  firefoxMissingReason,
  launchFirefox,
  type FirefoxBuild,
  type FirefoxSession,
} from './firefox-harness';

const missing = firefoxMissingReason();
if (missing) console.warn(`[firefox.test] skipped: ${missing}`);

const ARTICLE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partnership news</title></head>
<body><main><h1>Partnership news</h1>
<p id="lede">Xiaomi and Microsoft signed a strategic agreement covering cloud services and AI.</p>
<p>Nothing else to see here.</p></main></body></html>`;

// A page that asks for an off-machine image: the harness must refuse and record it.
const LEAK_URL = 'http://example.invalid/pixel.png';
const LEAK = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Leak</title></head>
<body><p>An image from elsewhere:</p><img alt="" src="${LEAK_URL}"></body></html>`;

describe.skipIf(missing)('Firefox ESR', () => {
  let build: FirefoxBuild;
  let ff: FirefoxSession;

  beforeAll(async () => {
    build = await buildFirefoxExtension();
    ff = await launchFirefox({ extensionDir: build.dir, pages: { '/article.html': ARTICLE, '/leak.html': LEAK } });
  });

  afterAll(async () => {
    await ff?.close();
    build?.remove();
  });

  it('declares what addons.mozilla.org needs in the manifest', () => {
    expect(build.manifest.manifest_version).toBe(3);
    expect(build.manifest.browser_specific_settings?.gecko).toEqual({
      id: 'partnership-lens@partnership-lens.dev',
      strict_min_version: '140.0',
      data_collection_permissions: { required: ['none'] },
    });
    expect(build.manifest.background?.scripts?.length).toBe(1);
  });

  it('passes web-ext lint with no errors and only explained warnings', async () => {
    const judgement = judgeLint(await lintFirefoxBuild(build.dir), build.dir);
    console.log(`[firefox.test] ${formatJudgement(judgement)}`);
    expect(judgement.errors).toEqual([]);
    expect(judgement.unexplained).toEqual([]);
  });

  it('installs as the declared add-on with its manifest permissions granted', async () => {
    const granted = await ff.extensionCall(() =>
      (
        globalThis as unknown as {
          browser: { permissions: { getAll(): Promise<{ permissions?: string[]; origins?: string[] }> } };
        }
      ).browser.permissions.getAll(),
    );
    for (const p of build.manifest.permissions ?? []) expect(granted.permissions).toContain(p);
    // MV3 host permissions are optional in Firefox; the harness relies on them being
    // granted at install (content scripts' matches count as host permissions).
    const origins = [
      ...(build.manifest.host_permissions ?? []),
      ...(build.manifest.content_scripts ?? []).flatMap((c) => c.matches),
    ];
    for (const o of new Set(origins)) expect(granted.origins).toContain(o);
  });

  it('opens the popup page with no errors', async () => {
    const popup = build.manifest.action?.default_popup;
    expect(popup, 'manifest action.default_popup').toBeTruthy();
    const mark = ff.log.mark();
    const page = await ff.openExtensionPage(popup!);
    // Rendered: Preact has put the popup's UI into the page.
    await page.waitForFunction(() => (document.body.innerText ?? '').trim().length > 0, { timeout: 10_000 });
    // The title comes from the i18n API (t('extName')): Firefox resolved it from _locales/en.
    expect(await page.title()).toBe('Partnership Lens');
    await ff.settleLog(page);
    expect(ff.extensionErrors(mark)).toEqual([]);
    await page.close();
  });

  it('opens the options page with no errors', async () => {
    const options = build.manifest.options_ui?.page;
    expect(options, 'manifest options_ui.page').toBeTruthy();
    const mark = ff.log.mark();
    const page = await ff.openExtensionPage(options!);
    await page.waitForFunction(() => (document.body.innerText ?? '').trim().length > 0, { timeout: 10_000 });
    expect(await page.title()).toBe('Partnership Lens settings');
    await ff.settleLog(page);
    expect(ff.extensionErrors(mark)).toEqual([]);
    await page.close();
  });

  it('marks Xiaomi and Microsoft on a page and reports them to getMentions', async () => {
    expect(build.manifest.content_scripts?.length, 'manifest content_scripts').toBeGreaterThan(0);
    const mark = ff.log.mark();
    const page = await ff.openPage('/article.html');
    // The highlight registry is per document, shared by the page and the content
    // script's isolated world: the page itself sees the extension's highlights.
    // (Highlights may be registered empty up front: wait for painted ranges.)
    await page
      .waitForFunction(() => [...CSS.highlights.values()].some((h) => h.size > 0), { timeout: 15_000 })
      .catch(() => undefined); // the assertions below say what is missing
    expect(ff.extensionErrors(mark)).toEqual([]);
    const ranges = await page.evaluate(() =>
      [...CSS.highlights.values()].flatMap((h) => [...h].map((r) => (r as Range).toString())),
    );
    expect(ranges).toEqual(expect.arrayContaining(['Xiaomi', 'Microsoft']));

    const answer = (await ff.sendToTab('/article.html', { type: 'getMentions' })) as {
      url: string;
      mentions: { entity: string; text: string }[];
    };
    expect(answer.url).toBe(ff.url('/article.html'));
    expect(answer.mentions.map((m) => m.text)).toEqual(expect.arrayContaining(['Xiaomi', 'Microsoft']));
    expect(ff.extensionErrors(mark)).toEqual([]);
    await page.close();
  });

  it('refuses and records a page request that leaves 127.0.0.1', async () => {
    const page = await ff.openPage('/leak.html');
    expect(ff.externalRequests.map((r) => r.request)).toContain(`GET ${LEAK_URL}`);
    expect(await page.evaluate(() => document.images[0]?.naturalWidth)).toBe(0);
    await page.close();
  });

  it('the extension never tries to reach the network', () => {
    // Firefox's own services are switched off by the harness's prefs and the only
    // test page that asks for another host is /leak.html, so anything else here came
    // from the extension.
    expect(ff.externalRequests.map((r) => r.request).filter((r) => r !== `GET ${LEAK_URL}`)).toEqual([]);
  });
});
