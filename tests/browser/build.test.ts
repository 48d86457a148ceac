/**
 * What the store build carries: the shared test build is made as `npm run build` makes it (no LENS_BENCH),
 * so benchmark instrumentation behind `__LENS_BENCH__` (src/build-flags.d.ts) must be absent from it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLASSIFY_STATS_KEY } from '../../src/background/classify-stats';
import { ensureBuilt } from './harness';

describe('the store build', () => {
  it('has no classifier statistics in the background', () => {
    const background = readFileSync(join(ensureBuilt(), 'background.js'), 'utf8');
    // The global the bench reads them through, and a field of their snapshot (the minifier keeps property names).
    expect(background).not.toContain(CLASSIFY_STATS_KEY);
    expect(background).not.toContain('firstUseTab');
    // compromise is there all the same: this is the background bundle.
    expect(background).toContain('compromise');
  });
});
