/**
 * Wires the gate (content.js, every frame) to the browser: one storage read of
 * the background's mirror, the frame's site, and one message, to ask for the
 * first stage. No listener: see gate.ts.
 */
import { Gate } from './gate';
import { extensionGone, ext } from './native';
import { correctionsKey, frameHostsHere, loadMirror, pushedKind } from './mirror';

export function startGate(signal: AbortSignal): void {
  const corrections = correctionsKey();
  new Gate({
    doc: document,
    signal,
    load: () => loadMirror(corrections),
    pushedKind: (key, value) => pushedKind(corrections, key, value),
    hosts: frameHostsHere,
    // The extension was reloaded or removed under this copy: nothing to ask any more.
    send: (msg) =>
      extensionGone() ? Promise.reject(new Error('the extension is gone')) : ext.runtime.sendMessage(msg),
  }).start();
}
