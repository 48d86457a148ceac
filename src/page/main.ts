/**
 * Wires the first stage (content.js, every frame) to the browser: the
 * extension's messages, the sieve's mirror in storage.local, the frame's site.
 * Everything that can run is wrapped by `guard`, so the page never sees an
 * exception of ours.
 */
import { PAGE_CORRECTIONS_PREFIX, PAGE_SIEVE_KEY, type BackgroundRequest, type PageSieve } from '../messages';
import { FirstStage } from './first-stage';
import { guard, report } from './guard';
import { ext, extensionGone } from './native';
import { frameHosts } from './requests';

function isSieve(v: unknown): v is PageSieve {
  const s = v as Partial<PageSieve> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    (s?.spec === null || (typeof s?.spec === 'object' && typeof s.spec.source === 'string')) &&
    typeof s.sites === 'object' &&
    s.sites !== null &&
    Array.isArray(s.sites.allow) &&
    Array.isArray(s.sites.block) &&
    typeof s.sites.defaultOn === 'boolean'
  );
}

async function loadSieve(): Promise<PageSieve> {
  const stored: Record<string, unknown> = await ext.storage.local.get(PAGE_SIEVE_KEY);
  const mirrored = stored[PAGE_SIEVE_KEY];
  if (isSieve(mirrored)) return mirrored;
  // No mirror yet (first run, storage cleared): the background builds it.
  const asked: unknown = await ext.runtime.sendMessage({ type: 'getPageSieve' } satisfies BackgroundRequest);
  if (isSieve(asked)) return asked;
  throw new Error('no sieve for this page');
}

/** Calls `cb` with the new value of `key` in storage.local whenever it changes. */
function watchLocal(key: string, cb: (value: unknown) => void): () => void {
  const listener = guard((changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && key in changes) cb(changes[key]?.newValue);
  });
  ext.storage.onChanged.addListener(listener);
  return () => ext.storage.onChanged.removeListener(listener);
}

export function startPageLayer(signal: AbortSignal): void {
  // As src/corrections/model.ts siteOf says (not imported: it brings valibot, and this script's size is budgeted).
  const site = location.hostname.toLowerCase() || location.protocol;
  const correctionsKey = PAGE_CORRECTIONS_PREFIX + site;
  const stage = new FirstStage({
    doc: document,
    signal,
    send: (msg) => {
      // The extension was reloaded or removed under this copy: it stops instead of failing forever.
      if (extensionGone()) {
        stage.stop();
        return Promise.reject(new Error('the extension is gone'));
      }
      return ext.runtime.sendMessage(msg);
    },
    loadSieve,
    watchSieve: (cb) =>
      watchLocal(PAGE_SIEVE_KEY, (next) => {
        if (isSieve(next)) cb(next);
      }),
    loadCorrections: async () => {
      const stored: Record<string, unknown> = await ext.storage.local.get(correctionsKey);
      return stored[correctionsKey];
    },
    watchCorrections: (cb) => watchLocal(correctionsKey, cb),
    // sendResponse (not a returned promise): the one form native Chrome and Firefox both accept.
    listen: (handler) => {
      const listener = (msg: unknown, sender: { id?: string }, sendResponse: (r: unknown) => void): boolean => {
        if (sender.id !== ext.runtime.id) return false;
        let reply: unknown;
        try {
          reply = handler(msg);
        } catch (error) {
          report(error);
          reply = { error: 'failed' };
        }
        if (reply !== undefined) sendResponse(reply);
        return false;
      };
      ext.runtime.onMessage.addListener(listener as never);
      return () => ext.runtime.onMessage.removeListener(listener as never);
    },
    isTop: window.top === window,
    hosts: () =>
      frameHosts(location.hostname, self.origin, location.ancestorOrigins ? [...location.ancestorOrigins] : []),
  });
  stage.start();
}
