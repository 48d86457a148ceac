/**
 * The researcher's round trip, shared by the Chromium and Firefox ESR tests
 * (labelled-export.test.ts, firefox-labelled.test.ts): a page, the reader's
 * corrections on its site, what the export must hold, and the command line's
 * `--score` run on the exported file.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import { makeCorrection, type Correction, type Corrections } from '../../src/corrections/model';
import { parseLabelledLines } from '../../src/detect/score';

const ROOT = resolve(import.meta.dirname, '../..');

export const S1 = 'Xiaomi signed a new deal with Microsoft in February 2018.';
export const S2 = 'Analysts said Xiaomi would gain a great deal from it.';
export const S3 = 'Years later, Cortana still answers on a speaker in the kitchen.';
export const S4 = 'We tried the Redmond company’s new laptop last week.';
export const S5 = 'Nothing in this paragraph is about the partnership.';

export const TITLE = 'Notes on a partnership';
export const ARTICLE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${TITLE}</title></head><body>
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

export const SITE = '127.0.0.1';
export const CORRECTIONS: Corrections = {
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

/** The exported file is the corpus format, each sentence labelled as the reader corrected it (`url`: the page's). */
export function expectLabelled(text: string, url: string): void {
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
    expect(s).toMatchObject({ url, title: TITLE });
    expect(s.id).toMatch(/^127\.0\.0\.1\/[0-9a-z]{11}$/);
    expect(s.context).toEqual(expect.arrayContaining(['xiaomi', 'microsoft']));
  }
}

/** `detect --score FILE --vocabulary dataset` as a researcher runs it: exit status, and each FP/FN as `FP entity text`. */
function score(file: string, lines: readonly { id: string; text: string }[], extra: string[] = []) {
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

/** Scored by `detect --score`, the exported file gives back exactly the corrections as its differences. */
export function expectScoredAsCorrections(text: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'labelled-export-'));
  try {
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
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
