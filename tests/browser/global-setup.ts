/**
 * Builds the extension once per test run, before any browser test file, and
 * tells the test workers not to build again (see harness.ts).
 */
import { ensureBuilt } from './harness';

export default function setup(): void {
  ensureBuilt();
  process.env.LENS_SKIP_BUILD = '1';
}
