/**
 * Wires the first stage (first-stage.js, injected by the background into a frame whose gate found a
 * candidate) to the browser: the extension's messages, the sieve's mirror in
 * storage.local, the frame's site. Everything that can run is wrapped by `guard`, so the page never sees an
 * exception of ours.
 */
import { PAGE_SIEVE_KEY } from '../messages';
import { correctionsKey, frameHostsHere, isSieve, pushedKind } from './mirror';
import { FirstStage } from './first-stage';
import type { GateHandoff } from './gate';
import type { PageStats } from './stats';
import { guard, report } from './guard';
import { ext, extensionGone } from './native';

/** Calls `cb` with the new value of `key` in storage.local whenever it changes. */
function watchLocal(key: string, cb: (value: unknown) => void): () => void {
  const listener = guard((changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && key in changes) cb(changes[key]?.newValue);
  });
  ext.storage.onChanged.addListener(listener);
  return () => ext.storage.onChanged.removeListener(listener);
}

export function startPageLayer(signal: AbortSignal, handoff: GateHandoff, stats: PageStats | null = null): void {
  const corrections = correctionsKey();
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
    handoff,
    watchSieve: (cb) =>
      watchLocal(PAGE_SIEVE_KEY, (next) => {
        if (isSieve(next)) cb(next);
      }),
    watchCorrections: (cb) => watchLocal(corrections, cb),
    pushedKind: (key, value) => pushedKind(corrections, key, value),
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
    hosts: frameHostsHere,
    stats,
  });
  stage.start();
}
