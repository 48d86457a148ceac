/**
 * What every frame pays, and what a store build carries. Checked on the build
 * the browser tests load (a store build: LENS_BENCH unset).
 *
 * - Injected into every frame: the gate (content.js) and, in Chromium, the
 *   empty world.js at document_start; no stylesheet (the highlight rules go
 *   only into frames with a mention, from the background). A third of the
 *   40 KB of the old single-stage content script, and no compromise. The first
 *   stage (first-stage.js) comes only into frames with a candidate.
 * - No benchmark instrumentation (src/build-flags.d.ts): the page layer's
 *   counters and their benchStats, the background's page-layer counters;
 *   and nothing that patches a prototype at run time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureBuilt } from './harness';

/** What every frame loads: about a third of the old content script's 40 KB. */
const EVERY_FRAME_BUDGET = 14 * 1024;

describe('what a store build injects and carries', () => {
  const dir = ensureBuilt();
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    content_scripts: { js?: string[]; css?: string[]; run_at?: string }[];
  };
  const files = manifest.content_scripts.flatMap((c) => [...(c.js ?? []), ...(c.css ?? [])]);
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');

  it('injects the gate alone into every frame (world.js is empty), no stylesheet, a third of 40 KB', () => {
    expect(files.sort()).toEqual(['content-scripts/content.js', 'content-scripts/world.js']);
    expect(manifest.content_scripts.flatMap((c) => c.css ?? [])).toEqual([]);
    expect(
      read('content-scripts/world.js')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .trim(),
    ).toBe('');
    const bytes = files.reduce((sum, f) => sum + readFileSync(join(dir, f)).length, 0);
    console.info(
      `injected into every frame: ${(bytes / 1024).toFixed(1)} KB (${files.join(', ')}); ` +
        `first-stage.js ${(read('first-stage.js').length / 1024).toFixed(1)} KB, ` +
        `page-layer.js ${(read('page-layer.js').length / 1024).toFixed(1)} KB and card.js ${(read('card.js').length / 1024).toFixed(1)} KB only where needed`,
    );
    expect(bytes).toBeLessThanOrEqual(EVERY_FRAME_BUDGET);
  });

  it('holds no compromise in what pages load: its tagger lives in the background', () => {
    // 'ProperNoun' is one of compromise's tag names, present wherever its lexicon or tagger is bundled.
    expect(read('background.js')).toContain('ProperNoun');
    for (const f of ['content-scripts/content.js', 'first-stage.js', 'page-layer.js', 'card.js'])
      expect(read(f), f).not.toContain('ProperNoun');
  });

  it('carries no benchmark instrumentation (LENS_BENCH builds only)', () => {
    for (const f of ['content-scripts/content.js', 'first-stage.js', 'page-layer.js']) {
      const src = read(f);
      for (const s of ['benchStats', 'findRoundTrips', 'longestTaskMs', 'secondStage'])
        expect(src, `${s} in ${f}`).not.toContain(s);
    }
    expect(read('background.js')).not.toContain('__lensPageLayerStats');
  });

  it('patches no prototype at run time (the page layer reads the DOM through the prototypes, never writes them)', () => {
    for (const f of ['content-scripts/content.js', 'page-layer.js'])
      expect(read(f), f).not.toMatch(/\.prototype\.[\w$]+\s*=[^=]/);
  });
});
