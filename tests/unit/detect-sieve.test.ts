/**
 * The sieve every page runs (src/detect/sieve.ts): it must let through every
 * text in which the scanner finds a candidate (or a page would lose mentions),
 * and only those where it could (or pages without a mention would pay for
 * more than the sieve). Checked on every sentence and page text the project has,
 * and on each name written every way the scanner accepts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENTITY_NAMES } from '../../src/dataset/names';
import { createScanner } from '../../src/detect/scan';
import { listAliases, Sieve, sieveSpec, spellingAllowed } from '../../src/detect/sieve';

const ROOT = join(import.meta.dirname, '../..');
const SHARED = join(ROOT, '../shared');

function jsonlTexts(path: string): string[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { text: string }).text);
}

/** Visible-ish text of an HTML file, block by block (what the page layer sends is per block). */
function htmlBlocks(path: string): string[] {
  const html = readFileSync(path, 'utf8')
    .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ');
  return html
    .split(/<\/?(?:p|div|li|h\d|td|th|section|article|header|footer|br|tr|ul|ol|table|main|nav|aside)\b[^>]*>/i)
    .map((b) =>
      b
        .replace(/<[^>]+>/g, '')
        .replace(/&amp;/g, '&')
        .replace(/&nbsp;/g, ' ')
        .replace(/&#39;|&rsquo;/g, '’'),
    )
    .filter((t) => t.trim());
}

const texts: string[] = [
  ...jsonlTexts(join(SHARED, 'corpus/mentions-dev.jsonl')),
  ...readdirSync(join(ROOT, 'tests/fixtures/detect'))
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => jsonlTexts(join(ROOT, 'tests/fixtures/detect', f))),
  ...htmlBlocks(join(ROOT, 'assets/demo.html')),
  ...(existsSync(join(SHARED, 'seeds/xiaomi-microsoft-partnership.txt'))
    ? readFileSync(join(SHARED, 'seeds/xiaomi-microsoft-partnership.txt'), 'utf8').split(/\n\s*\n/)
    : []),
  ...(existsSync(join(SHARED, 'corpus/pages'))
    ? readdirSync(join(SHARED, 'corpus/pages'))
        .filter((f) => f.endsWith('.html'))
        .flatMap((f) => htmlBlocks(join(SHARED, 'corpus/pages', f)))
    : []),
];

/** Every way of writing each alias the scanner may take: as listed, lower, upper, capitalised, hyphenated, plural, possessive. */
function spellings(): string[] {
  const out: string[] = [];
  for (const { alias } of listAliases(ENTITY_NAMES)) {
    const forms = new Set([
      alias,
      alias.toLowerCase(),
      alias.toUpperCase(),
      alias.charAt(0).toUpperCase() + alias.slice(1).toLowerCase(),
      alias.replace(/ /g, '-'),
      alias.replace(/ /g, '\n  '),
    ]);
    for (const f of forms) out.push(`Reports say ${f} is here.`, `${f}'s rise`, `${f}s and more`, `(${f})`);
  }
  return out;
}

describe('the sieve', () => {
  for (const mode of ['context', 'plain'] as const) {
    const spec = sieveSpec(ENTITY_NAMES, { mode })!;
    const sieve = new Sieve(spec);
    const scanner = createScanner(ENTITY_NAMES, { mode });

    it(`lets through every candidate the scanner finds (${mode} mode): ${texts.length} texts and every spelling`, () => {
      const missed: string[] = [];
      for (const text of [...texts, ...spellings()]) {
        const hits = new Set(sieve.hits(text));
        for (const c of scanner.scan(text)) {
          if (!hits.has(c.start))
            missed.push(`${JSON.stringify(c.text)} at ${c.start} in ${JSON.stringify(text.slice(0, 80))}`);
        }
      }
      expect(missed).toEqual([]);
    });
  }

  const spec = sieveSpec(ENTITY_NAMES)!;
  const sieve = new Sieve(spec);

  it('lets nothing through where the scanner could find nothing: ambiguous words in lower case, short names in odd case', () => {
    for (const text of [
      'The post office was closed and the surface of the lake was calm.',
      'Open the windows, invoke the spell, hear the echo, eat an apple by the amazon.',
      'Mi casa es su casa; the mi of the scale; a pix of the team.',
      'Microsofty and Xiaomis-ish words do not count, nor does XiaomiPhone.',
    ])
      expect(sieve.hits(text), text).toEqual([]);
  });

  it('lets a capitalised ambiguous word through (the classifier decides), and a short name as listed or in capitals', () => {
    expect(sieve.hits('The Colonial Office said so.')).toEqual([13]);
    expect(sieve.hits('sURFACE')).toEqual([0]);
    expect(spellingAllowed(spec, 'Pix')).toBe(true);
    expect(spellingAllowed(spec, 'PIX')).toBe(true);
    expect(spellingAllowed(spec, 'pix')).toBe(false);
    expect(spellingAllowed(spec, 'pIx')).toBe(false);
    expect(spellingAllowed(spec, 'MoU')).toBe(true);
    expect(spellingAllowed(spec, 'mou')).toBe(false);
    expect(spellingAllowed(spec, 'Office')).toBe(true);
    expect(spellingAllowed(spec, 'OFfice')).toBe(true);
    expect(spellingAllowed(spec, 'office')).toBe(false);
    expect(spellingAllowed(spec, 'surface pro')).toBe(true);
  });

  it('matches across lines, hyphens and curly apostrophes as the scanner does, and Chinese names without spaces', () => {
    expect(sieve.hits('Microsoft\n   Azure')).toEqual([0]);
    expect(sieve.hits('据报道小米和微软将合作')).toEqual([3, 6]);
    expect(sieve.hits('Heung Yeung Shum spoke')).toEqual([0]);
  });

  it('is built from the reader’s own aliases too', () => {
    const own = new Sieve(sieveSpec(ENTITY_NAMES, { extraAliases: { xiaomi: ['Redstar Labs'] } })!);
    expect(own.hits('Redstar Labs shipped')).toEqual([0]);
    expect(sieve.hits('Redstar Labs shipped')).toEqual([]);
  });

  it('reads a text whose lower case is longer (İ) case-insensitively, with the right offsets', () => {
    expect(sieve.hits('İİ Microsoft')).toEqual([3]);
  });
});
