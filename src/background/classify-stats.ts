/**
 * What the NLP classifier costs, per tab: sentences asked about, decision-cache
 * hits, compromise calls and the CPU time spent inside compromise. Read by
 * `npm run bench` (and tests) through the service worker's own global scope
 * (`globalThis[CLASSIFY_STATS_KEY]()`, see src/background/index.ts): no
 * message answers it, so neither a web page nor a content script can reach it.
 *
 * Compromise's one-off costs are kept apart from a page's own: the worker's
 * start (compiling and evaluating the background bundle, compromise most of
 * it) and compromise's first call, which sets compromise up on first use and
 * costs tens of ms where a warm call costs one or two. The tab whose request
 * happened to be first would otherwise carry that set-up as if its page had
 * cost it. Pure: the clock readings come in as numbers.
 */

/** The global name under which the background exposes `snapshot()`. */
export const CLASSIFY_STATS_KEY = '__lensClassifyStats';

export interface TabClassifyStats {
  /** classify requests answered for the tab (all its frames). */
  requests: number;
  /** Sentences asked about. */
  sentences: number;
  /** Their characters (UTF-16 code units). */
  chars: number;
  /** Sentences answered from the decision cache, without the classifier. */
  cacheHits: number;
  /** Calls into compromise (a sentence analysed; a headline costs two, an analysis-cache hit none). */
  nlpCalls: number;
  /** ms inside compromise (`nlp()` + `.json()`), compromise's first call in the worker excluded. */
  nlpMs: number;
  /** ms in the whole classify handler (caches, compromise, scoring), the same first call excluded. */
  classifyMs: number;
  /** ms of compromise's first call in this worker when one of this tab's requests made it (set-up + that sentence), else 0. */
  firstUseMs: number;
}

export interface WorkerClassifyStats {
  /** ms from the worker's start to the background script having run: compiling and evaluating the bundle (compromise is most of it). */
  readyMs: number | null;
  /** ms of compromise's first call in this worker (its one-off set-up + one sentence); null before any. */
  firstUseMs: number | null;
  /** The tab whose request made that first call (null: none yet, or a sender without a tab). */
  firstUseTab: number | null;
}

export interface ClassifyStatsSnapshot {
  worker: WorkerClassifyStats;
  /** By tab id. */
  tabs: Record<number, TabClassifyStats>;
}

/** compromise's running totals (src/detect/classify.ts `nlpRunCount` + `nlpTime`). */
export interface NlpProbe {
  runs: number;
  ms: number;
  /** The first call's ms; null while compromise has not been called. */
  firstMs: number | null;
}

/** One classify request as the handler saw it. */
export interface ClassifyRecord {
  sentences: number;
  chars: number;
  cacheHits: number;
  /** Wall time of the (synchronous) handler, ms. */
  handlerMs: number;
  /** compromise's totals just before and just after the handler ran. */
  before: NlpProbe;
  after: NlpProbe;
}

const emptyTab = (): TabClassifyStats => ({
  requests: 0,
  sentences: 0,
  chars: 0,
  cacheHits: 0,
  nlpCalls: 0,
  nlpMs: 0,
  classifyMs: 0,
  firstUseMs: 0,
});

export class ClassifyStats {
  private readonly tabs = new Map<number, TabClassifyStats>();
  private readonly worker: WorkerClassifyStats = { readyMs: null, firstUseMs: null, firstUseTab: null };

  /** The background script has run, `ms` after the worker started. */
  workerReady(ms: number): void {
    this.worker.readyMs ??= ms;
  }

  /** Adds one request to `tabId`'s totals (worker totals only when the sender has no tab). */
  record(tabId: number | undefined, r: ClassifyRecord): void {
    // The handler is synchronous, so whatever compromise did between the two probes was for this request.
    const first = r.before.firstMs === null ? r.after.firstMs : null;
    const firstUse = first ?? 0;
    if (first !== null) {
      this.worker.firstUseMs = first;
      this.worker.firstUseTab = tabId ?? null;
    }
    if (tabId === undefined) return;
    const t = this.tabs.get(tabId) ?? emptyTab();
    t.requests++;
    t.sentences += r.sentences;
    t.chars += r.chars;
    t.cacheHits += r.cacheHits;
    t.nlpCalls += Math.max(0, r.after.runs - r.before.runs);
    t.nlpMs += Math.max(0, r.after.ms - r.before.ms - firstUse);
    t.classifyMs += Math.max(0, r.handlerMs - firstUse);
    t.firstUseMs += firstUse;
    this.tabs.set(tabId, t);
  }

  /** The tab navigated or closed: its next page starts from zero. */
  clear(tabId: number): void {
    this.tabs.delete(tabId);
  }

  tab(tabId: number): TabClassifyStats | null {
    const t = this.tabs.get(tabId);
    return t ? { ...t } : null;
  }

  snapshot(): ClassifyStatsSnapshot {
    return {
      worker: { ...this.worker },
      tabs: Object.fromEntries([...this.tabs].map(([id, t]) => [id, { ...t }])),
    };
  }
}
