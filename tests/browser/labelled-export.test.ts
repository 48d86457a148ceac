/**
 * The researcher's round trip in real Chromium: a page read by the extension,
 * the reader's corrections in storage (as the card and the context menu leave
 * them), the popup's "Labelled sentences (JSON lines)" export, and the command
 * line scoring the engine on that file: the false positives and false
 * negatives are exactly the corrections, everything else agrees.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeCorrection, type Correction, type Corrections } from '../../src/corrections/model';
import { parseLabelledLines } from '../../src/detect/score';
import { launchChromium, ROOT, settledMentions, startServer, type Launched, type StaticServer } from './harness';

declare const chrome: any;

const S1 = 'Xiaomi signed a new deal with Microsoft in February 2018.';
const S2 = 'Analysts said Xiaomi would gain a great deal from it.';
const S3 = 'Years later, Cortana still answers on a speaker in the kitchen.';
const S4 = 'We tried the Redmond company’s new laptop last week.';
const S5 = 'Nothing in this paragraph is about the partnership.';

const TITLE = 'Notes on a partnership';
const ARTICLE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${TITLE}</title></head><body>
<h1>A reading day</h1>
<p>${S1}</p>
<p>${S2}</p>
<p>${S3}</p>
<p>${S4}</p>
<p>${S5}</p>
<!-- The page is hostile: named elements that would stand in for document.title and document.documentElement. -->
<form name="title"></form><img name="documentElement" alt="">
</body></html>`;

function made(n: Parameters<typeof makeCorrection>[0]): Correction {
  const r = makeCorrection(n, Date.UTC(2026, 11, 1));
  if (!r.ok) throw new Error(JSON.stringify(r.problem));
  return r.correction;
}
const at = (sentence: string, written: string) => {
  const start = sentence.indexOf(written);
  return { sentence, start, end: start + written.length };
};

const SITE = '127.0.0.1';
const CORRECTIONS: Corrections = {
  version: 1,
  items: [
    // "Not this one": this Xiaomi (the one of S1 stays).
    made({ kind: 'not-this', site: SITE, entity: 'xiaomi', ...at(S2, 'Xiaomi') }),
    // "Not here": Cortana anywhere on this site.
    made({ kind: 'not-here', site: SITE, entity: 'cortana' }),
    // "Mark as mention": a name the engine does not know, in a sentence with no mention at all.
    made({ kind: 'mark', site: SITE, entity: 'microsoft', ...at(S4, 'Redmond company') }),
    // Another site's: nothing to do with this page.
    made({ kind: 'not-here', site: 'news.example.com', entity: 'microsoft' }),
  ],
};

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

/** `detect --score FILE --vocabulary dataset` as a researcher runs it: exit status, and each FP/FN as `FP entity text`. */
function score(file: string, lines: { id: string; text: string }[], extra: string[] = []) {
  const r = spawnSync(
    join(ROOT, 'node_modules/.bin/tsx'),
    ['scripts/detect.ts', '--score', file, '--vocabulary', 'dataset', ...extra],
    {
      cwd: ROOT,
      env: { ...process.env, PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH ?? ''}` },
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  const byId = new Map(lines.map((l) => [l.id, l.text]));
  const differences: string[] = [];
  let kind = '';
  for (const line of r.stdout.split('\n')) {
    if (line.startsWith('False positives')) kind = 'FP';
    else if (line.startsWith('False negatives')) kind = 'FN';
    const m = /^ {2}(\S+) +(\S+) +(\d+)–(\d+) /.exec(line);
    if (kind && m) differences.push(`${kind} ${m[2]} ${byId.get(m[1]!)?.slice(Number(m[3]), Number(m[4]))}`);
  }
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, differences: differences.sort() };
}

describe('labelled sentences from the popup, scored by the command line', { timeout: 180_000 }, () => {
  it('exports every sentence with a mention or a correction, corrections applied, in the corpus format', async () => {
    const { name, text, popup } = await exportLabelled();
    expect(name).toMatch(/^partnership-lens-labelled-127\.0\.0\.1-\d{4}-\d{2}-\d{2}\.jsonl$/);
    await expect
      .poll(() => popup.locator('.visually-hidden[role="status"]').textContent())
      .toMatch(/^Saved 4 labelled sentences as /);
    const { sentences, problems } = parseLabelledLines(text);
    expect(problems).toEqual([]);
    expect(sentences.map((s) => s.text).sort()).toEqual([S1, S2, S3, S4].sort());
    const byText = new Map(sentences.map((s) => [s.text, s]));
    const spans = (s: string) => byText.get(s)!.mentions.map((m) => `${m.entity} ${s.slice(m.start, m.end)}`);
    expect(spans(S1)).toEqual(['xiaomi Xiaomi', 'microsoft Microsoft']);
    // Taken away by the reader: the sentence stays, as one with no mention (a trap for the engine).
    expect(spans(S2)).toEqual([]);
    expect(spans(S3)).toEqual([]);
    // Added by the reader where the engine found nothing.
    expect(spans(S4)).toEqual(['microsoft Redmond company']);
    for (const s of sentences) {
      expect(Object.keys(s)).toEqual(['id', 'text', 'mentions', 'url', 'title', 'context']);
      expect(s).toMatchObject({ url: articleUrl, title: TITLE });
      expect(s.id).toMatch(/^127\.0\.0\.1\/[0-9a-z]{11}$/);
      expect(s.context).toEqual(expect.arrayContaining(['xiaomi', 'microsoft']));
    }
    await popup.close();
  });

  it('gives back exactly the corrections as the differences when scored with `detect --score`', async () => {
    const { text, popup } = await exportLabelled();
    await popup.close();
    const dir = mkdtempSync(join(tmpdir(), 'labelled-export-'));
    const file = join(dir, 'day.jsonl');
    writeFileSync(file, text);
    const lines = parseLabelledLines(text).sentences;
    const r = score(file, lines);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // "Not this one" and "Not here" are the false positives; "Mark as mention" the false negative.
    expect(r.differences).toEqual(['FN microsoft Redmond company', 'FP cortana Cortana', 'FP xiaomi Xiaomi']);
    // Everything the reader left alone agrees: Xiaomi and Microsoft of the first sentence.
    expect(r.stdout).toContain('(tp 2, fp 2, fn 1)');
    // The thresholds: under them, the command fails.
    expect(score(file, lines, ['--min-p', '0.9']).status).toBe(1);
    expect(score(file, lines, ['--min-p', '0.5', '--min-r', '0.6']).status).toBe(0);
  });
});
