import { startBackground } from '../src/background';
// Handlers of other features register with the router on import.
import '../src/background/card-messages';
import '../src/background/readers';
import { startPageLayerSupport } from '../src/background/page-layer';
import { startCorrections } from '../src/background/corrections';

/** Thin: the background's logic lives in src/background. */
export default defineBackground(() => {
  startBackground();
  startPageLayerSupport();
  startCorrections();
});
