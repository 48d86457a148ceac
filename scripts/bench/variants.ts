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
const SKIP = ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA'];

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

export function compromiseEntry(forms: readonly string[], compromisePath: string): string {
  return `import nlp from ${JSON.stringify(compromisePath)};
(() => {
  ${collectSource()}
  const t0 = performance.now();
  const parts = [];
  let chars = 0;
  eachText((s) => { parts.push(s); chars += s.length; });
  const text = parts.join('\\n');
  const t1 = performance.now();
  const doc = nlp(text);
  const found = doc.lookup(nlp.buildTrie(${JSON.stringify(forms)}));
  const mentions = found.length;
  const t2 = performance.now();
  report({ variant: 'compromise', ms: t2 - t0, nlpMs: t2 - t1, textChars: chars, mentions });
})();\n`;
}

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
export async function generateVariants(dir: string, root: string, runAt: string): Promise<Record<GeneratedVariant, string>> {
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
  writeFileSync(entry, compromiseEntry(forms, join(root, 'node_modules/compromise/src/three.js')));
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
