/**
 * The browser's own extension API, without webextension-polyfill: the content
 * script runs on every page and its size is budgeted (≤ 40 KB), and the few
 * calls it makes (runtime messaging, storage.local, storage.onChanged) are
 * promise-based natively in MV3 Chrome and in Firefox.
 */
import type { browser as Polyfilled } from 'wxt/browser';

const g = globalThis as { browser?: { runtime?: { id?: string } }; chrome?: unknown };
export const ext = (g.browser?.runtime?.id ? g.browser : g.chrome) as typeof Polyfilled;
