/**
 * A second copy of the content script in the same document (what an extension
 * reload in development, or a re-injection, produces) takes over cleanly: the
 * first copy stops (its listeners and highlights go with it) and the page ends
 * up painted once, by the new copy. src/page/script-context.ts does this.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  articlePage,
  CARD_VIEW,
  isolatedWorld,
  launchChromium,
  Q,
  startServer,
  waitFor,
  type Launched,
  type StaticServer,
} from './harness';

let l: Launched;
let server: StaticServer;

beforeAll(async () => {
  server = await startServer({ '/article.html': articlePage() });
  l = await launchChromium(CARD_VIEW);
}, 180_000);

afterAll(async () => {
  await l?.close();
  await server?.close();
});

describe('a second copy of the content script', () => {
  it('stops the first copy and paints the page once, by itself', async () => {
    const page = await l.context.newPage();
    await page.goto(server.origin + '/article.html');
    const iso = await isolatedWorld(page, l.extensionId);
    await waitFor(() => iso.eval<boolean>(Q.bridgeReady), 'painted mentions');
    const before = await iso.eval<number>(
      `(globalThis.__firstBridge = globalThis[Symbol.for('partnership-lens.bridge')]).mentions().length`,
    );

    await l.serviceWorker.evaluate(async (url) => {
      type Api = {
        tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> };
        scripting: { executeScript(o: object): Promise<unknown> };
      };
      const api = (globalThis as unknown as { chrome: Api }).chrome;
      const [tab] = (await api.tabs.query({})).filter((t) => t.url === url);
      await api.scripting.executeScript({
        target: { tabId: tab!.id!, frameIds: [0] },
        files: ['content-scripts/content.js'],
      });
    }, page.url());

    const state = await waitFor(
      () =>
        iso.eval<{ oldStopped: boolean; replaced: boolean; mentions: number } | null>(`(() => {
          const now = globalThis[Symbol.for('partnership-lens.bridge')];
          if (!now || now === globalThis.__firstBridge || now.mentions().length === 0) return null;
          return { oldStopped: globalThis.__firstBridge.signal.aborted, replaced: true, mentions: now.mentions().length };
        })()`),
      'the second copy painting',
      10_000,
    );
    expect(state.oldStopped, 'the first copy was told to stop').toBe(true);
    expect(state.mentions).toBeGreaterThanOrEqual(before);
    // What the page shows: each of the new copy's mentions painted once (the first copy's ranges are gone).
    const paintedRanges = () =>
      page.evaluate(() => {
        let n = 0;
        // The page layer's kind highlights (priority 0; the open card's and the flash are above them).
        for (const [, hl] of (CSS as unknown as { highlights: Map<string, Highlight> }).highlights) {
          if (hl.priority === 0) n += hl.size;
        }
        return n;
      });
    await waitFor(
      async () =>
        (await paintedRanges()) ===
        (await iso.eval<number>(`globalThis[Symbol.for('partnership-lens.bridge')].mentions().length`)),
      'one painted range per mention of the new copy',
      5000,
    );
    expect(iso.exceptions).toEqual([]);
    await page.close();
  });
});
