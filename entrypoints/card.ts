/**
 * /card.js: the hover card (Preact + Floating UI), injected by the
 * background into frames that have mentions, never declared as a content
 * script, so pages without mentions never pay for it.
 */
import { runCard } from '../src/card/main';

export default defineUnlistedScript(() => {
  runCard();
});
