/**
 * Benchmark counters of the page layer's background side (`npm run bench`
 * builds only, `__LENS_BENCH__`): per tab, the background's main-thread time
 * answering findMentions (scan, classifier, caches). The bench reads them
 * through the worker's own global (no message answers them).
 */
export const PAGE_LAYER_STATS_KEY = '__lensPageLayerStats';

export interface PageLayerTabStats {
  requests: number;
  texts: number;
  chars: number;
  ms: number;
}
