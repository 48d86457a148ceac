import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// One config for every browser: WXT writes MV3 for Chrome and MV2 for Firefox
// unless told otherwise.
export default defineConfig({
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
