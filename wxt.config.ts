import { defineConfig } from 'wxt';
import { preact } from '@preact/preset-vite';
import { resolve } from 'node:path';
import { formatValidationErrors, validateDataset } from './src/dataset/validate';

// Firefox's add-on id. Fixed forever once published on addons.mozilla.org: storage,
// granted permissions and the moz-extension:// UUID mapping are keyed by it.
const GECKO_ID = 'partnership-lens@partnership-lens.dev';

// Firefox-only manifest keys. 140 is the first Firefox (desktop, and the current ESR line)
// with both the CSS Custom Highlight API the content script paints with and the
// built-in data-collection consent that `data_collection_permissions` declares;
// Firefox for Android got that consent in 142.
const geckoSettings = {
  gecko: {
    id: GECKO_ID,
    strict_min_version: '140.0',
    // We collect and transmit nothing: the dataset is bundled, detection runs locally.
    data_collection_permissions: { required: ['none'] },
  },
  gecko_android: { strict_min_version: '142.0' },
};

// One config for every browser and one manifest version: MV3 everywhere (WXT would
// default Firefox to MV2), so Chrome and Firefox share one code path (`browser.action`,
// `browser.scripting`, host permissions declared the same way).
export default defineConfig({
  manifestVersion: 3,
  // Browser tests build into their own folder so they never clobber a developer's build.
  outDir: process.env.LENS_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  hooks: {
    // Never ship cards from a broken dataset: fail the build with every problem, by entry and field.
    'build:before': () => {
      const result = validateDataset();
      if (!result.ok) throw new Error(formatValidationErrors(result.errors));
    },
    // The content script runs on every page and is budgeted (≤ 40 KB): it uses the browser's
    // native promise-based API, not webextension-polyfill (~10 KB), which WXT's content-script
    // wrapper would otherwise import. See src/page/native-browser.ts. The page layer's second stage
    // (page-layer.js) and the card bundle (card.js), injected into frames with mentions, too: they only
    // send messages, read storage and i18n messages.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.some((e) => e.type === 'content-script' || e.name === 'card' || e.name === 'page-layer')) return;
      const native = resolve(import.meta.dirname, 'src/page/native-browser.ts');
      // WXT's content-script context (~3 KB, a location watcher and timer wrappers) is swapped for
      // the small one in src/page/script-context.ts: the page layer uses only its abort signal.
      const context = resolve(import.meta.dirname, 'src/page/script-context.ts');
      config.plugins = [
        {
          name: 'partnership-lens:native-browser',
          enforce: 'pre',
          resolveId: (id: string) =>
            id === 'wxt/browser' || id === '@wxt-dev/webextension-polyfill/browser'
              ? native
              : id === 'wxt/utils/content-script-context'
                ? context
                : undefined,
        },
        ...(config.plugins ?? []),
      ];
    },
  },
  vite: () => ({
    plugins: [preact()],
    // See src/build-flags.d.ts: `npm run bench` builds with LENS_BENCH=1; every other build drops the instrumentation.
    define: { __LENS_BENCH__: JSON.stringify(process.env.LENS_BENCH === '1') },
    ...(process.env.LENS_NO_MINIFY ? { build: { minify: false } } : {}),
  }),
  manifest: ({ browser }) => ({
    ...(browser === 'firefox' ? { browser_specific_settings: geckoSettings } : {}),
    // Chromium: an empty script at document_start creates the content scripts' isolated world before the
    // page's markup can take the names `chrome` and `browser` (public/content-scripts/world.js says why).
    // Firefox's content-script sandbox has no such named access.
    ...(browser === 'firefox'
      ? {}
      : {
          content_scripts: [
            {
              matches: ['<all_urls>'],
              js: ['content-scripts/world.js'],
              run_at: 'document_start',
              // The frames content.js runs in (entrypoints/content.ts).
              all_frames: true,
            },
          ],
        }),
    // Localised from public/_locales (English is the default; Simplified Chinese in zh_CN).
    default_locale: 'en',
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    // scripting + host permissions: the background injects the card bundle (card.js) into a
    // frame only once that frame has mentions, so pages without any never load it.
    permissions: ['storage', 'scripting'],
    host_permissions: ['<all_urls>'],
    // Alt+Shift+. / Alt+Shift+, (">" and "<": next and previous); Control+Shift+. / , on macOS, where
    // Option+Shift types characters. Chosen from the browsers' published shortcut lists: Chromium's
    // accelerator table (Alt+Shift+A, B, I, T, and N and P since Chromium 156, are its own), Edge's and
    // Firefox's lists use neither combination on Windows, macOS or Linux. A suggested key the browser
    // already uses is silently left unassigned: tests/browser/commands.test.ts reads commands.getAll()
    // in Chromium and Firefox ESR and finds both assigned.
    commands: {
      'next-mention': {
        suggested_key: { default: 'Alt+Shift+Period', mac: 'MacCtrl+Shift+Period' },
        description: '__MSG_cmdNextMention__',
      },
      'previous-mention': {
        suggested_key: { default: 'Alt+Shift+Comma', mac: 'MacCtrl+Shift+Comma' },
        description: '__MSG_cmdPreviousMention__',
      },
    },
  }),
  zip: {
    // The sources zip addons.mozilla.org reviewers rebuild from (`npm ci && npm run
    // build:firefox`). WXT already leaves out node_modules, dotfiles, tests named
    // *.test.ts and this build's own output folder; these are the rest a rebuild
    // does not need (every developer's output folder, the browser and unit tests).
    excludeSources: ['.output/**', 'tests/**', '**/*.log'],
  },
});
