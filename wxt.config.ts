import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
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
  },
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: ({ browser }) => ({
    ...(browser === 'firefox' ? { browser_specific_settings: geckoSettings } : {}),
    name: 'Partnership Lens',
    description: 'Inline context on the Xiaomi–Microsoft partnership wherever you read.',
    permissions: ['storage'],
  }),
  zip: {
    // The sources zip addons.mozilla.org reviewers rebuild from (`npm ci && npm run
    // build:firefox`). WXT already leaves out node_modules, dotfiles, tests named
    // *.test.ts and this build's own output folder; these are the rest a rebuild
    // does not need (every developer's output folder, the browser and unit tests).
    excludeSources: ['.output/**', 'tests/**', '**/*.log'],
  },
});
