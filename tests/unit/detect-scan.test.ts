import { describe, expect, it } from 'vitest';
import { ENTITY_NAMES } from '../../src/dataset/names';
import { createScanner } from '../../src/detect/scan';

const scanner = createScanner(ENTITY_NAMES);
const scan = (t: string) => scanner.scan(t).map((c) => [c.entity, c.text, c.needsContext] as const);
const spans = (t: string) => scanner.scan(t).map((c) => t.slice(c.start, c.end));

describe('scan: alias matching mechanics', () => {
  it('leaves the possessive out of the span, with straight and curly apostrophes', () => {
    expect(scan("Xiaomi's phones and Xiaomi’s laptops")).toEqual([
      ['xiaomi', 'Xiaomi', false],
      ['xiaomi', 'Xiaomi', false],
    ]);
  });

  it('matches whole words only', () => {
    expect(scan('Microsofts Xiaomiphone Skyped preSwiftKey')).toEqual([]);
  });

  it('takes the longest name: product names that contain their maker or a shorter alias', () => {
    expect(scan('Microsoft Azure')).toEqual([['azure', 'Microsoft Azure', false]]);
    expect(scan('Windows 10 Mobile')).toEqual([['windows-10-mobile', 'Windows 10 Mobile', false]]);
    expect(scan('Windows 10')).toEqual([['windows-10', 'Windows 10', false]]);
    expect(scan('Harman Kardon Invoke')).toEqual([['invoke', 'Harman Kardon Invoke', false]]);
    expect(scan('Google Home Mini')).toEqual([['google-home', 'Google Home Mini', false]]);
  });

  it('matches multi-word names across line breaks and runs of spaces', () => {
    const t = 'on Microsoft\n   Azure and Windows  10   Mobile';
    expect(scanner.scan(t).map((c) => [c.entity, c.start, c.end])).toEqual([
      ['azure', 3, 21],
      ['windows-10-mobile', 26, 46],
    ]);
  });

  it('finds CJK names with no word boundaries, longest first', () => {
    expect(scan('小米和微软签署了协议，小米手机4很好')).toEqual([
      ['xiaomi', '小米', false],
      ['microsoft', '微软', false],
      ['mi-4', '小米手机4', false],
    ]);
    expect(scan('微软小娜')).toEqual([['cortana', '微软小娜', false]]);
  });

  it('does not take 小米 (millet) in 小米粥 for Xiaomi', () => {
    expect(scan('早上喝了一碗小米粥')).toEqual([]);
  });

  it('reports offsets in UTF-16 code units (emoji before a mention)', () => {
    const t = '🎉🎉 Xiaomi';
    const [c] = scanner.scan(t);
    expect(c).toMatchObject({ start: 5, end: 11 });
    expect(t.slice(c!.start, c!.end)).toBe('Xiaomi');
  });

  it('accepts plurals of product names but not of ambiguous words', () => {
    expect(spans('two HomePods and the Surfaces of lakes')).toEqual(['HomePods']);
  });

  it('matches hyphenated names with or without the hyphen', () => {
    expect(scan('Heung-Yeung Shum and Heung Yeung Shum')).toEqual([
      ['harry-shum', 'Heung-Yeung Shum', false],
      ['harry-shum', 'Heung Yeung Shum', false],
    ]);
  });
});

describe('scan: case rules in context mode', () => {
  it('accepts never-ambiguous names in any case', () => {
    expect(scan('xiaomi SKYPE Cortana swiftkey')).toEqual([
      ['xiaomi', 'xiaomi', false],
      ['skype', 'SKYPE', false],
      ['cortana', 'Cortana', false],
      ['swiftkey', 'swiftkey', false],
    ]);
  });

  it('rejects ambiguous names written in lower case at once', () => {
    expect(
      scan('the surface of the office windows echo; invoke an apple from the amazon, azure pix bing translator'),
    ).toEqual([]);
  });

  it('sends capitalised ambiguous names to the classifier', () => {
    const names = [
      'Surface',
      'Office',
      'Windows',
      'Echo',
      'Invoke',
      'Apple',
      'Amazon',
      'Azure',
      'Pix',
      'Bing',
      'Translator',
      'Shum',
      'Wang',
    ];
    const r = scan(names.join(', '));
    expect(r.map(([, text]) => text)).toEqual(names);
    expect(r.every(([, , needsContext]) => needsContext)).toBe(true);
  });

  it('accepts multi-word model names written as listed', () => {
    expect(scan('Surface Pro, Amazon Echo, Echo Dot, Office 365')).toEqual([
      ['surface', 'Surface Pro', false],
      ['amazon-echo', 'Amazon Echo', false],
      ['amazon-echo', 'Echo Dot', false],
      ['office', 'Office 365', false],
    ]);
  });

  it('falls back to the maker when a later ambiguous word is lower-case ("Google home page")', () => {
    expect(scan('the Google home page')).toEqual([['google', 'Google', false]]);
  });

  it('matches short names (three letters or fewer) only as written or in capitals', () => {
    expect(scan('about 4 mi 4 furlongs')).toEqual([]);
    expect(scan('the Mi 4 and the MI 4')).toEqual([
      ['mi-4', 'Mi 4', false],
      ['mi-4', 'MI 4', false],
    ]);
  });

  it('rejects "Harry Shum Jr." (the actor)', () => {
    expect(scan('Harry Shum Jr. starred in Glee')).toEqual([]);
  });

  it('leaves agreement phrases to context', () => {
    expect(scan('a memorandum of understanding')).toEqual([['mou-2018', 'memorandum of understanding', true]]);
  });
});

describe('scan: plain mode and extra aliases', () => {
  it('plain mode accepts every alias written exactly as listed, and nothing else', () => {
    const plain = createScanner(ENTITY_NAMES, { mode: 'plain' });
    const r = plain
      .scan('Surface tension, the surface, XIAOMI, Xiaomi, Echo')
      .map((c) => [c.entity, c.text, c.needsContext]);
    expect(r).toEqual([
      ['surface', 'Surface', false],
      ['xiaomi', 'Xiaomi', false],
      ['amazon-echo', 'Echo', false],
    ]);
  });

  it('adds a researcher’s extra aliases; built-in names keep their entity', () => {
    const s = createScanner(ENTITY_NAMES, {
      extraAliases: { xiaomi: ['Lei Jun’s company', 'MIUI'], google: ['Cortana'] },
    });
    expect(s.scan("Lei Jun's company ships MIUI with Cortana").map((c) => [c.entity, c.text])).toEqual([
      ['xiaomi', "Lei Jun's company"],
      ['xiaomi', 'MIUI'],
      ['cortana', 'Cortana'],
    ]);
  });

  it('escapes RegExp characters in aliases', () => {
    const s = createScanner(ENTITY_NAMES, { extraAliases: { microsoft: ['C++ (MS)'] } });
    expect(s.scan('written in C++ (MS) style').map((c) => c.text)).toEqual(['C++ (MS)']);
  });

  it('an empty name list matches nothing', () => {
    expect(createScanner([]).scan('Xiaomi')).toEqual([]);
  });
});

describe('content-script modules stay light', () => {
  // scan.ts and sentences.ts run on every page: a runtime import of compromise (or of
  // anything that pulls it in) would ship the NLP library in the content script. The
  // scan's word lists (rules/scan.ts) are plain data with no imports of their own.
  it.each([
    ['src/detect/scan.ts', ['./rules/scan']],
    ['src/detect/rules/scan.ts', []],
    ['src/detect/sentences.ts', []],
  ])('%s has no runtime imports but %j', async (file, allowed) => {
    const { readFileSync } = await import('node:fs');
    const { resolve } = await import('node:path');
    const src = readFileSync(resolve(__dirname, '../..', file), 'utf8');
    const runtime = [...src.matchAll(/^import\s+(?!type\b)[^;]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    expect(runtime).toEqual(allowed);
  });
});
