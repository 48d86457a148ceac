/**
 * Detection throughput on a large text (≥ 5 MB): the alias scan alone (what
 * the content script runs on every page) and full context-mode detection
 * (scan + compromise for the ambiguous sentences), with how many sentences
 * needed the classifier.
 *
 *   npm run --silent throughput [-- --mb 5]
 *
 * The text: the shared corpus pages' visible text if ../shared is present,
 * else the seed article; plus the regression set's sentences; plus generated filler
 * prose that varies (a seeded generator) so the classifier's sentence cache
 * does not make the figure look better than a real page would.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { detect, itemsFor, scannerFor } from '../src/detect/index';
import { nlpRunCount } from '../src/detect/nlp';

// compromise's call counter is benchmark instrumentation (src/build-flags.d.ts); tsx defines no
// build flags, so this report turns it on itself (read at each call, so before any detection is enough).
(globalThis as { __LENS_BENCH__?: boolean }).__LENS_BENCH__ = true;

const ROOT = resolve(import.meta.dirname, '..');
const PAGES = resolve(ROOT, '../shared/corpus/pages');
const SEED = resolve(ROOT, '../shared/seeds/xiaomi-microsoft-partnership.txt');
const FIXTURES = resolve(ROOT, 'tests/fixtures/detect/regression.jsonl');

function argMb(): number {
  const i = process.argv.indexOf('--mb');
  const n = i >= 0 ? Number(process.argv[i + 1]) : 5;
  if (!Number.isFinite(n) || n <= 0) throw new Error('--mb needs a positive number');
  return n;
}

/** Visible text of an HTML page, roughly: scripts, styles and tags removed, common entities decoded. */
function htmlText(html: string): string {
  return html
    .replace(/<(script|style|noscript)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<(br|p|div|li|h[1-6]|tr|section|article)\b[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&(rsquo|#8217|#39);/g, '’')
    .replace(/&(ldquo|rdquo|quot);/g, '"')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n\n');
}

function sources(): { text: string; from: string } {
  const parts: string[] = [];
  let from: string;
  if (existsSync(PAGES)) {
    const files = readdirSync(PAGES).filter((f) => f.endsWith('.html'));
    for (const f of files) parts.push(htmlText(readFileSync(resolve(PAGES, f), 'utf8')));
    from = `${files.length} corpus pages`;
  } else if (existsSync(SEED)) {
    parts.push(readFileSync(SEED, 'utf8'));
    from = 'the seed article';
  } else from = 'no shared material';
  if (existsSync(FIXTURES)) {
    for (const line of readFileSync(FIXTURES, 'utf8').split('\n'))
      if (line.trim()) parts.push((JSON.parse(line) as { text: string }).text);
    from += ' + regression-set sentences';
  }
  return { text: parts.join('\n\n'), from };
}

/** Seeded PRNG (mulberry32): the same filler on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SUBJECTS = [
  'The committee',
  'A local farmer',
  'Our reporter',
  'The new mayor',
  'Most visitors',
  'The river authority',
  'Her brother',
  'The museum',
  'Several analysts',
  'The bakery',
];
const VERBS = [
  'described',
  'visited',
  'repaired',
  'photographed',
  'measured',
  'cleaned',
  'criticised',
  'praised',
  'ignored',
  'studied',
];
const OBJECTS = [
  'the old bridge',
  'the harbour wall',
  'a quiet garden',
  'the town square',
  'the northern road',
  'a flooded field',
  'the market hall',
  'the school roof',
  'the station clock',
  'a narrow lane',
];
const TAILS = [
  'after the storm',
  'before the holiday',
  'on a cold morning',
  'for the third time this year',
  'with great care',
  'in front of a small crowd',
  'despite the rain',
  'late on Friday',
];
// Ambiguous words in their everyday sense: the scan rejects the lower-case ones, the capitalised
// ones (sentence start, "Surface water…") go to the classifier, as on real pages.
const TRAPS = [
  'the surface of the lake froze',
  'an echo came back from the hills',
  'the office closed at noon',
  'she opened the windows wide',
  'Apple trees lined the road',
  'Surface water collected in the ditch',
  'Office hours changed in spring',
  'Windows rattled in the wind',
  'the sky was a clear azure',
  'the box office was busy',
  'an apple fell from the tree',
  'the Amazon river flooded again',
];

function filler(bytes: number, seed: number): string {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const out: string[] = [];
  let size = 0;
  let n = 0;
  while (size < bytes) {
    n++;
    let s = `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)} ${pick(TAILS)}`;
    if (r() < 0.15) s += `, and ${pick(TRAPS)}`;
    if (r() < 0.1)
      s = `${pick(TRAPS)[0]!.toUpperCase()}${pick(TRAPS).slice(1)} while ${s[0]!.toLowerCase()}${s.slice(1)}`;
    s += ` (${n}).`;
    out.push(s);
    size += s.length + 1;
    if (n % 6 === 0) {
      out.push('\n\n');
      size += 2;
    }
  }
  return out.join(' ');
}

function buildText(mb: number): { text: string; from: string } {
  const { text: base, from } = sources();
  const target = mb * 1024 * 1024;
  const chunks: string[] = [];
  let size = 0;
  let i = 0;
  // Half real text (repeated), half varied filler, interleaved like pages of a site.
  while (size < target) {
    chunks.push(base);
    const f = filler(Math.max(base.length, 20_000), i++);
    chunks.push(f);
    size += base.length + f.length;
  }
  return { text: chunks.join('\n\n'), from: `${from} + generated filler prose` };
}

function countSentences(text: string): number {
  return (text.match(/[.!?。！？](?=[\s"”’)]|$)|\n\s*\n/g) ?? []).length;
}

function main(): void {
  const { text, from } = buildText(argMb());
  const kb = text.length / 1024;
  const scanner = scannerFor();
  scanner.scan('warm up Xiaomi');

  let t = performance.now();
  const candidates = scanner.scan(text);
  const scanMs = performance.now() - t;
  const pending = candidates.filter((c) => c.needsContext);
  const { items } = itemsFor(text, pending);

  const before = nlpRunCount();
  t = performance.now();
  const mentions = detect(text);
  const detectMs = performance.now() - t;
  const nlpRuns = nlpRunCount() - before;

  const sentences = countSentences(text);
  const rows: [string, string][] = [
    ['text', `${(kb / 1024).toFixed(2)} MB (${text.length.toLocaleString('en')} UTF-16 units) from ${from}`],
    ['sentences (approx.)', sentences.toLocaleString('en')],
    [
      'scan only',
      `${scanMs.toFixed(0)} ms  ${(kb / (scanMs / 1000)).toFixed(0)} KB/s  (${candidates.length.toLocaleString('en')} candidates)`,
    ],
    [
      'detect (context mode)',
      `${detectMs.toFixed(0)} ms  ${(kb / (detectMs / 1000)).toFixed(0)} KB/s  (${mentions.length.toLocaleString('en')} mentions)`,
    ],
    [
      'candidates needing context',
      `${pending.length.toLocaleString('en')} of ${candidates.length.toLocaleString('en')}`,
    ],
    [
      'sentences sent to classify',
      `${items.length.toLocaleString('en')} of ~${sentences.toLocaleString('en')} (${((100 * items.length) / Math.max(1, sentences)).toFixed(1)}%)`,
    ],
    ['compromise runs (cache misses)', nlpRuns.toLocaleString('en')],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  process.stdout.write(rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n') + '\n');
}

main();
