/**
 * Stands in for `wxt/utils/content-script-context` in the content-script build
 * (see the `vite:build:extendConfig` hook in wxt.config.ts). WXT's context
 * (~3 KB minified, with a location watcher and timer wrappers we do not use)
 * is paid on every page; the page layer needs only its `signal`: aborted when
 * a newer copy of this content script starts in the same document (an
 * extension reload in development), so the old copy takes its highlights and
 * listeners down. A copy left behind by removing the extension is not stopped
 * by this; its calls to the extension fail inside `guard`, out of the page's sight.
 *
 * The announcement is a DOM event, as in WXT: content scripts of one extension
 * share no global across reloads, only the document. It carries nothing but a
 * random id; a page that forges it can only switch the extension off on its
 * own page, which removing the text would do too.
 */
import { ext } from './native';

export class ContentScriptContext {
  private readonly controller = new AbortController();

  constructor(name: string, _options?: unknown) {
    const type = `${ext.runtime.id}:${name}:started`;
    const id = Math.random().toString(36).slice(2);
    document.dispatchEvent(new CustomEvent(type, { detail: id }));
    document.addEventListener(
      type,
      (e) => {
        if ((e as CustomEvent<unknown>).detail !== id) this.controller.abort('a newer copy started');
      },
      { signal: this.controller.signal },
    );
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }
}
