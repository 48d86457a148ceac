import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// One config for every browser: WXT writes MV3 for Chrome and MV2 for Firefox
// unless told otherwise.
export default defineConfig({
  // Browser tests build into their own folder so they never clobber a developer's build.
  outDir: process.env.LENS_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: {
    name: 'Partnership Lens',
    description: 'Inline context on the Xiaomi–Microsoft partnership wherever you read.',
    permissions: ['storage'],
  },
});
