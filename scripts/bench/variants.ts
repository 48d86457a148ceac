/**
 * The comparison extensions, generated at bench time into a temp folder:
 *
 * - floor: reads each rendered text node once and runs one combined RegExp of
 *   every name. Anything that finds mentions must at least do this.
 * - mark: mark.js highlighting the same names (one `markRegExp` pass with the
 *   same RegExp: mark.js's fastest way to mark many names, so the comparison
 *   favours it).
 * - compromise: the naive design, compromise over the whole page text plus a
 *   lookup of the names, bundled with esbuild as a content script would be.
 *
 * Each reports what it did with `console.debug(REPORT_TAG, json)`, which the
 * bench reads over CDP (`Runtime.consoleAPICalled` sees isolated worlds), so
 * nothing is written into the page and no page script has to poll.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { allSurfaceForms, combinedPattern } from './names';

export const REPORT_TAG = '__lensBench';

export type GeneratedVariant = 'floor' | 'mark' | 'compromise';

/** Text under these is never rendered: every variant skips it, as the real content script does. */
export const SKIP = ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA'];

/** The shared text walk (one read of each rendered text node), as JS source. */
function collectSource(): string {
  return `
  const SKIP = new Set(${JSON.stringify(SKIP)});
  function eachText(fn) {
    const root = document.body || document.documentElement;
    const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      const p = n.parentNode;
      if (p && SKIP.has(p.nodeName)) continue;
      fn(n.data);
    }
  }
  const report = (o) => console.debug(${JSON.stringify(REPORT_TAG)}, JSON.stringify(o));`;
}

export function floorScript(pattern: string): string {
  return `(() => {
  ${collectSource()}
  const t0 = performance.now();
  const re = new RegExp(${JSON.stringify(pattern)}, 'g');
  let chars = 0, mentions = 0;
  eachText((s) => {
    chars += s.length;
    re.lastIndex = 0;
    while (re.exec(s) !== null) mentions++;
  });
  report({ variant: 'floor', ms: performance.now() - t0, textChars: chars, mentions });
})();\n`;
}

export function markScript(pattern: string): string {
  return `(() => {
  ${collectSource()}
  const t0 = performance.now();
  let mentions = 0;
  new Mark(document.body || document.documentElement).markRegExp(new RegExp(${JSON.stringify(pattern)}, 'g'), {
    exclude: ${JSON.stringify(SKIP.map((t) => t.toLowerCase()))},
    each() { mentions++; },
    done() { report({ variant: 'mark', ms: performance.now() - t0, mentions }); },
  });
})();\n`;
}

/**
 * The sentence both sides warm compromise up on before anything is timed per
 * page: the whole-page variant calls compromise on it first, and the bench
 * loads a page holding it into the real extension after each worker restart.
 * compromise's first call sets it up (tens of ms where a warm call takes one
 * or two); that set-up is reported apart on both sides. "Surface" needs the
 * classifier, so the extension's first compromise call is on this sentence.
 */
export const WARMUP_SENTENCE = 'The surface of the lake was calm when Microsoft showed its new Surface laptops.';

/**
 * The whole-page design. Its clocks (all `performance.now()` around
 * synchronous code, like the extension's):
 * - loadMs: evaluating the compromise module (a first module marks the start);
 * - firstUseMs: compromise's first call, on WARMUP_SENTENCE (`nlp().json()`, as the classifier calls it);
 * - parseMs: `nlp(wholePageText)`; lookupMs: building the names' trie and `lookup`;
 * - nlpMs = parseMs + lookupMs: every compromise call the page itself needs, set-up excluded;
 * - ms: the whole script (text walk included).
 * A 'started' report goes out just before `nlp(wholePageText)`, so a load that
 * times out inside it still says how long it had been running at least.
 */
export function compromiseEntry(forms: readonly string[], compromisePath: string, clockPath: string): string {
  return `import ${JSON.stringify(clockPath)};
import nlp from ${JSON.stringify(compromisePath)};
(() => {
  const loadMs = performance.now() - globalThis.__lensBenchLoadStart;
  ${collectSource()}
  const t0 = performance.now();
  nlp(${JSON.stringify(WARMUP_SENTENCE)}).json({ offset: true });
  const firstUseMs = performance.now() - t0;
  const parts = [];
  let chars = 0;
  eachText((s) => { parts.push(s); chars += s.length; });
  const text = parts.join('\\n');
  report({ variant: 'compromise', started: 1, loadMs, firstUseMs, textChars: chars });
  const t1 = performance.now();
  const doc = nlp(text);
  const t2 = performance.now();
  const found = doc.lookup(nlp.buildTrie(${JSON.stringify(forms)}));
  const mentions = found.length;
  const t3 = performance.now();
  report({ variant: 'compromise', ms: t3 - t0, nlpMs: t3 - t1, parseMs: t2 - t1, lookupMs: t3 - t2, loadMs, firstUseMs, textChars: chars, mentions });
})();\n`;
}

/** Runs first in the whole-page bundle (ES modules evaluate in import order): the start of compromise's evaluation. */
export const CLOCK_MODULE = 'globalThis.__lensBenchLoadStart = performance.now();\n';

function manifest(variant: GeneratedVariant, js: string[], runAt: string): string {
  return JSON.stringify(
    {
      manifest_version: 3,
      name: `Lens bench: ${variant}`,
      version: '1.0.0',
      content_scripts: [{ matches: ['http://127.0.0.1/*'], js, run_at: runAt }],
    },
    null,
    2,
  );
}

/**
 * Writes the three comparison extensions under `dir` and returns their
 * folders. `runAt` is the real content script's, so all start at the same moment.
 */
export async function generateVariants(
  dir: string,
  root: string,
  runAt: string,
): Promise<Record<GeneratedVariant, string>> {
  const forms = allSurfaceForms();
  const pattern = combinedPattern(forms);
  const out = {} as Record<GeneratedVariant, string>;

  out.floor = join(dir, 'floor');
  mkdirSync(out.floor, { recursive: true });
  writeFileSync(join(out.floor, 'content.js'), floorScript(pattern));
  writeFileSync(join(out.floor, 'manifest.json'), manifest('floor', ['content.js'], runAt));

  out.mark = join(dir, 'mark');
  mkdirSync(out.mark, { recursive: true });
  const markLib = join(root, 'node_modules/mark.js/dist/mark.min.js');
  writeFileSync(join(out.mark, 'mark.min.js'), readFileSync(markLib));
  writeFileSync(join(out.mark, 'content.js'), markScript(pattern));
  writeFileSync(join(out.mark, 'manifest.json'), manifest('mark', ['mark.min.js', 'content.js'], runAt));

  out.compromise = join(dir, 'compromise');
  mkdirSync(out.compromise, { recursive: true });
  const entry = join(dir, 'compromise-entry.mjs');
  const clock = join(dir, 'compromise-clock.mjs');
  writeFileSync(clock, CLOCK_MODULE);
  writeFileSync(entry, compromiseEntry(forms, join(root, 'node_modules/compromise/src/three.js'), clock));
  await build({
    entryPoints: [entry],
    outfile: join(out.compromise, 'content.js'),
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'silent',
  });
  writeFileSync(join(out.compromise, 'manifest.json'), manifest('compromise', ['content.js'], runAt));
  return out;
}
