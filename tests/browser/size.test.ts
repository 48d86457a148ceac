/**
 * What every page pays: the content script and its stylesheet stay within the
 * 40 KB budget (minified) and carry no compromise, which lives in the
 * background only. Checked on the build the browser tests load.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureBuilt } from './harness';

const BUDGET = 40 * 1024;

describe('what is injected into every page', () => {
  const dir = ensureBuilt();
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    content_scripts: { js?: string[]; css?: string[] }[];
  };
  const files = manifest.content_scripts.flatMap((c) => [...(c.js ?? []), ...(c.css ?? [])]);

  it('is at most 40 KB minified, script and stylesheet together', () => {
    expect(files).toEqual(['content-scripts/content.js', 'content-scripts/content.css']);
    const bytes = files.reduce((sum, f) => sum + readFileSync(join(dir, f)).length, 0);
    console.info(`injected into every page: ${(bytes / 1024).toFixed(1)} KB (${files.join(', ')})`);
    expect(bytes).toBeLessThanOrEqual(BUDGET);
  });

  it('holds no compromise: its tagger lives in the background', () => {
    // 'ProperNoun' is one of compromise's tag names, present wherever its lexicon or tagger is bundled.
    expect(readFileSync(join(dir, 'background.js'), 'utf8')).toContain('ProperNoun');
    expect(readFileSync(join(dir, 'content-scripts/content.js'), 'utf8')).not.toContain('ProperNoun');
  });
});
