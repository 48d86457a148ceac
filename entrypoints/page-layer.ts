/**
 * /page-layer.js: the page layer's second stage (painting, hit-testing, the
 * popup's answers, loading the card), injected by the background into a frame
 * once its first stage (content.js) has found a mention there. Never declared
 * as a content script: pages without mentions never load it.
 */
import { report } from '../src/page/guard';
import { startSecondStage } from '../src/page/second-stage';

export default defineUnlistedScript(() => {
  try {
    startSecondStage();
  } catch (error) {
    report(error);
  }
});
