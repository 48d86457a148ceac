/**
 * Stands in for `wxt/browser` in the content-script build only (see the
 * `vite:build:extendConfig` hook in wxt.config.ts): WXT's own content-script
 * wrapper imports `browser`, which would otherwise pull webextension-polyfill
 * (~10 KB) into the script every page pays for.
 */
export { ext as browser } from './native';
