import { startPageLayer } from '../src/page/main';
// The default ::highlight() rules, injected by the manifest before the page is laid out (see paint.ts).
import '../src/page/highlights.css';

/**
 * The script injected into every page and frame. Deliberately thin: the page
 * layer lives in src/page (detection scan, painting, observing, messages).
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
