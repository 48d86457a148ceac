/**
 * Stands in for `wxt/utils/content-script-context` in the content-script build
 * (see the `vite:build:extendConfig` hook in wxt.config.ts). WXT's context
 * (~3 KB minified, a location watcher and timer wrappers we do not use) is paid
 * on every page; the page layer needs only its `signal`, aborted when a newer
 * copy of this content script starts in the same world (a re-injection, an
 * extension reload in development), so the old copy takes its highlights and
 * listeners down.
 *
 * The copies meet on the isolated world's global under a Symbol key, which the
 * page can neither read nor forge (WXT announces itself with a DOM event, which
 * any page script could dispatch to switch the extension off). A copy left in
 * another world by removing the extension is not stopped by this; its calls to
 * the extension fail inside `guard`, and its first stage stops itself when it
 * sees the extension gone (src/page/main.ts).
 */
import { fromWorld, toWorld } from './bridge';

const CONTEXT_KEY: unique symbol = Symbol.for('partnership-lens.content-script');

const isController = (v: unknown): v is AbortController => v instanceof AbortController;

export class ContentScriptContext {
  readonly #controller = new AbortController();

  constructor(_name: string, _options?: unknown) {
    fromWorld(CONTEXT_KEY, isController)?.abort('a newer copy started');
    toWorld(CONTEXT_KEY, this.#controller);
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }
}
