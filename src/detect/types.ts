/** Result types of the detection engine (pure: no DOM, no browser API). */
export interface Mention {
  entity: string;
  /** JavaScript string indices into the scanned text; `end` exclusive. */
  start: number;
  end: number;
  text: string;
}

/** What the cheap alias scan finds before any NLP. */
export interface Candidate extends Mention {
  /**
   * true when the name is also a common word or another thing and the scan's
   * cheap rules could not settle it: only these go to compromise.
   */
  needsContext: boolean;
}

export type DetectionMode = 'context' | 'plain';

/** One sentence's ambiguous candidates, for the classifier (src/detect/classify.ts). */
export interface ClassifyItem {
  /** The sentence holding the candidates (what compromise sees). */
  sentence: string;
  /** Candidates, offsets relative to `sentence`. */
  candidates: { entity: string; start: number; end: number }[];
}
