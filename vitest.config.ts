import { defineConfig } from 'vitest/config';

export default defineConfig({
  // src/build-flags.d.ts: the benchmark's instrumentation is compiled in, so that it is tested too.
  define: { __LENS_BENCH__: 'true' },
  test: {
    projects: [
      {
        // Projects inherit nothing of the root config unless they say so: `define` above included.
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // Node has no extension i18n API: render the English messages as an English browser would.
          setupFiles: ['tests/i18n-setup.ts'],
          // Loaded through Vite rather than Node, so that a test can give the real settings store
          // (@wxt-dev/storage) a fake browser with vi.mock('@wxt-dev/browser') (settings-versions.test.ts).
          server: { deps: { inline: ['wxt', '@wxt-dev/storage', '@wxt-dev/browser'] } },
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          // Builds the extension once per run into LENS_OUT_DIR ?? .output/test (tests/browser/harness.ts).
          globalSetup: ['tests/browser/global-setup.ts'],
          // Real browsers on a 2-core machine: one file at a time, generous timeouts.
          fileParallelism: false,
          // expect.poll's default 1 s bounds a failure, not a speed: a page or the options page under load
          // (four people sharing two cores) took longer than that to show a settled change.
          expect: { poll: { timeout: 10_000 } },
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
