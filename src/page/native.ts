/**
 * What the page layer takes from the global scope, taken once, when the script
 * is evaluated, from bindings the page cannot shadow.
 *
 * Why: in Chromium, the content script's isolated world shares the page's DOM,
 * and DOM named access puts every `<form id="browser">`, `<img name="scheduler">`
 * or `<a id="x">` on the window, in our world too, wherever the engine defines
 * no property of that name (`<form id="browser"><input name="runtime">` made
 * `browser.runtime` an input element and crashed the old content script).
 * Named properties live on the window's prototype chain; what the engine does
 * define (the `chrome` API, `CSS`, `requestIdleCallback`…) is an own property
 * of the global, which they cannot shadow. So in Chromium every global read
 * here is an own property or nothing. In Firefox, content scripts run in a
 * sandbox whose window is an Xray without named properties, and the API is an
 * own property of the sandbox: plain reads are safe there.
 *
 * The extension API itself is the browser's own, promise-based in MV3 Chrome and
 * in Firefox, without webextension-polyfill: every page pays for this script.
 */
import type { browser as Polyfilled } from 'wxt/browser';

type Api = typeof Polyfilled;

/** The global's own property `name` (its value, or its getter's), never one found up the prototype chain. */
function own(name: string): unknown {
  const d = Object.getOwnPropertyDescriptor(globalThis, name);
  if (!d) return undefined;
  return 'value' in d ? d.value : d.get?.call(globalThis);
}

/** A global of the platform, read where the page cannot have put one of its own (see above). */
export function platform(name: string): unknown {
  return import.meta.env.FIREFOX ? (globalThis as Record<string, unknown>)[name] : own(name);
}

function isApi(v: unknown): v is Api {
  const runtime = (v as { runtime?: { sendMessage?: unknown; id?: unknown } } | null)?.runtime;
  return typeof v === 'object' && v !== null && typeof runtime?.sendMessage === 'function';
}

function findApi(): Api {
  for (const c of [own('browser'), own('chrome')]) if (isApi(c)) return c;
  // Not an extension context (unit tests load these modules in Node): any use says so.
  return new Proxy({} as Api, {
    get() {
      throw new Error('no extension API in this context');
    },
  });
}

export const ext: Api = findApi();

/** Has the extension gone (reloaded or removed) under this copy of the script? Its API then answers nothing. */
export function extensionGone(): boolean {
  try {
    return !ext.runtime.id;
  } catch {
    return true;
  }
}

type IdleRequest = (cb: () => void, opts?: { timeout: number }) => number;
const idle = platform('requestIdleCallback') as IdleRequest | undefined;
const scheduler = platform('scheduler') as { yield?: () => Promise<void> } | undefined;
const schedulerYield = typeof scheduler?.yield === 'function' ? scheduler.yield.bind(scheduler) : null;

/** Runs `cb` when the page is idle (or after `timeoutMs`). */
export function whenIdle(cb: () => void, timeoutMs: number): void {
  if (typeof idle === 'function') idle(cb, { timeout: timeoutMs });
  else setTimeout(cb, Math.min(200, timeoutMs));
}

/** Lets the page run (input, rendering, its own tasks) before the rest of a sliced job. */
export function yieldToPage(): Promise<void> {
  if (schedulerYield) return schedulerYield();
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.addEventListener('message', () => resolve());
    ch.port1.start();
    ch.port2.postMessage(null);
  });
}

/** The CSS Custom Highlight API, where the browser has it (Chrome 105+, Firefox 140+). */
export interface HighlightApi {
  registry: HighlightRegistry;
  Highlight: typeof Highlight;
}

export function highlightApi(): HighlightApi | null {
  const css = platform('CSS') as { highlights?: HighlightRegistry } | undefined;
  const H = platform('Highlight') as typeof Highlight | undefined;
  if (typeof H !== 'function' || typeof css !== 'object' || css === null || typeof css.highlights !== 'object')
    return null;
  return { registry: css.highlights, Highlight: H };
}
