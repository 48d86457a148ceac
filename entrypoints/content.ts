import { startPageLayer } from '../src/page/main';

/**
 * The script injected into every page and frame: the page layer's first stage
 * (read the text, run the sieve). Deliberately thin: the page layer lives in
 * src/page. No stylesheet: the highlight rules go only into frames with a
 * mention, from the background (src/background/page-layer.ts).
 */
export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_idle',
  // No window.postMessage from us: pages must not see or forge extension traffic.
  noScriptStartedPostMessage: true,
  main(ctx) {
    try {
      startPageLayer(ctx.signal);
    } catch (error) {
      console.debug('[Partnership Lens]', error);
    }
  },
});
