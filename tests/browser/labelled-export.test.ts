/**
 * The researcher's round trip in real Chromium: a page read by the extension,
 * the reader's corrections in storage (as the card and the context menu leave
 * them), the popup's "Labelled sentences (JSON lines)" export, and the command
 * line scoring the engine on that file: the false positives and false
 * negatives are exactly the corrections, everything else agrees.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchChromium, settledMentions, startServer, type Launched, type StaticServer } from './harness';
import { ARTICLE, CORRECTIONS, expectLabelled, expectScoredAsCorrections } from './labelled-fixture';

declare const chrome: any;

let server: StaticServer;
let browser: Launched;
let articleUrl: string;

beforeAll(async () => {
  server = await startServer({ '/labelled-article.html': ARTICLE });
  browser = await launchChromium();
  await browser.serviceWorker.evaluate(async (c) => chrome.storage.local.set({ corrections: c }), CORRECTIONS);
  const article = await browser.context.newPage();
  articleUrl = server.url('/labelled-article.html');
  await article.goto(articleUrl);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function tabIdOf(url: string): Promise<number> {
  return vi.waitFor(
    async () => {
      const id = await browser.serviceWorker.evaluate(
        async (u) => (await chrome.tabs.query({})).find((t: { url?: string }) => t.url === u)?.id as number | undefined,
        url,
      );
      if (id === undefined) throw new Error(`no tab shows ${url}`);
      return id;
    },
    { timeout: 5000, interval: 100 },
  );
}

async function exportLabelled(): Promise<{ name: string; text: string; popup: Page }> {
  // The page layer has read the page and has every answer.
  await settledMentions(browser, articleUrl);
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${await tabIdOf(articleUrl)}`);
  await popup.getByRole('tab', { name: /This page/ }).click();
  await popup.locator('.mention-row').first().waitFor();
  const [dl] = await Promise.all([
    popup.waitForEvent('download'),
    popup.getByRole('button', { name: 'Labelled sentences (JSON lines)' }).click(),
  ]);
  return { name: dl.suggestedFilename(), text: readFileSync(await dl.path(), 'utf8'), popup };
}

describe('labelled sentences from the popup, scored by the command line', { timeout: 180_000 }, () => {
  it('exports every sentence with a mention or a correction, corrections applied, in the corpus format', async () => {
    const { name, text, popup } = await exportLabelled();
    expect(name).toMatch(/^partnership-lens-labelled-127\.0\.0\.1-\d{4}-\d{2}-\d{2}\.jsonl$/);
    await expect
      .poll(() => popup.locator('.visually-hidden[role="status"]').textContent())
      .toMatch(/^Saved 4 labelled sentences as /);
    expectLabelled(text, articleUrl);
    await popup.close();
  });

  it('gives back exactly the corrections as the differences when scored with `detect --score`', async () => {
    const { text, popup } = await exportLabelled();
    await popup.close();
    expectScoredAsCorrections(text);
  });
});
