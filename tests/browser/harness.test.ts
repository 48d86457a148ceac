/**
 * The harness itself: requests are recorded with the context that made them,
 * so that "the extension sent no request" (page-corpus.test.ts, page.test.ts)
 * is a check that can fail. Each of the extension's contexts makes one request
 * here, and each is attributed to it; the page's own request is not the
 * extension's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  articlePage,
  isolatedWorld,
  launchChromium,
  openOptions,
  Q,
  startServer,
  waitFor,
  type Launched,
  type StaticServer,
} from './harness';

let b: Launched;
let server: StaticServer;

beforeAll(async () => {
  server = await startServer({ '/article.html': articlePage() });
  b = await launchChromium();
});
afterAll(async () => {
  await b?.close();
  await server?.close();
});

/** A request to nowhere (the harness aborts it): only who made it matters. */
const probe = (who: string) => `https://${who}.example.invalid/probe`;
const fetchIgnoringFailure = (url: string) => `fetch(${JSON.stringify(url)}).then(() => 0, () => 0)`;

describe('request recording by context', () => {
  it('attributes requests to the service worker, an extension page, a content script and the page', async () => {
    await b.serviceWorker.evaluate(fetchIgnoringFailure(probe('service-worker')));

    const options = await openOptions(b);
    await options.evaluate(fetchIgnoringFailure(probe('extension-page')));

    const page = await b.context.newPage();
    await page.goto(server.url('/article.html'));
    const iso = await isolatedWorld(page, b.extensionId);
    await waitFor(() => iso.eval<boolean>(Q.bridgeReady), 'painted mentions');
    await iso.eval(fetchIgnoringFailure(probe('content-script')));
    await page.evaluate(fetchIgnoringFailure(probe('page')));

    const by = (url: string) => () => b.requests.filter((r) => r.url === url).map((r) => r.by);
    await expect.poll(by(probe('service-worker'))).toEqual(['service-worker']);
    await expect.poll(by(probe('extension-page'))).toEqual(['extension-page']);
    // A content script's request is the page frame's too, as the browser files it.
    await expect.poll(by(probe('content-script'))).toEqual(expect.arrayContaining(['content-script', 'page']));
    await expect.poll(by(probe('page'))).toEqual(['page']);

    const fromExtension = b.extensionRequests().map((r) => new URL(r.url).hostname);
    expect(fromExtension).toEqual(
      expect.arrayContaining([
        'service-worker.example.invalid',
        'extension-page.example.invalid',
        'content-script.example.invalid',
      ]),
    );
    expect(fromExtension).not.toContain('page.example.invalid');
    expect(b.blocked).toEqual(expect.arrayContaining([probe('service-worker'), probe('page')]));
    await iso.detach();
    await page.close();
    await options.close();
  });
});
