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
