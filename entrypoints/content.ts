import { startGate } from '../src/page/start-gate';

/**
 * The script injected into every page and frame: the page layer's gate (read
 * the text, run the sieve; src/page/gate.ts). Deliberately thin: the page layer
 * lives in src/page. No stylesheet: the highlight rules go only into frames with a
 * mention, from the background (src/background/page-layer.ts).
 */
export default defineContentScript({
  matches: ['<all_urls>'],
  // Every frame with a URL of its own (same-origin iframes included; a cross-origin one runs in its own
  // process), but not about:blank and srcdoc frames: on the corpus pages those are script-made ad slots
  // (12 on cnet), and each frame that runs a content script pays for its isolated world and this script
  // whether it has text or not: cnet's script time with the extension was 50 ms in every frame, 24 ms
  // without about:blank frames, 23 ms in the top frame alone (README, Performance).
  allFrames: true,
  matchAboutBlank: false,
  runAt: 'document_idle',
  // No window.postMessage from us: pages must not see or forge extension traffic.
  noScriptStartedPostMessage: true,
  main(ctx) {
    try {
      startGate(ctx.signal);
    } catch (error) {
      console.debug('[Partnership Lens]', error);
    }
  },
});
