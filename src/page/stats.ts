/**
 * What the page layer spent on this frame, read by `npm run bench` through the
 * gate's or the first stage's `benchStats` (a function it runs in their world).
 * Benchmark instrumentation: every use is behind `__LENS_BENCH__`, which only
 * `npm run bench` builds set (src/build-flags.d.ts), so a store build carries
 * none of it (tests/browser/size.test.ts checks). Counted at the page layer's
 * own seams (a pass's slices, a request, a paint), nothing patched.
 */

export interface PageStatsSnapshot {
  stages: {
    /** Reading text and running the sieve (ms, main thread). */
    read: number;
    /** Wall time with at least one findMentions request in flight (the work runs in the background). */
    find: number;
    /** Registering ranges with the highlight registry (ms, main thread). */
    paint: number;
    /** Every turn of the page layer's own work measured here (ms, main thread). */
    total: number;
  };
  /** UTF-16 code units of page text read. */
  textChars: number;
  segments: number;
  /** Segments the sieve let through (sent to the background). */
  sieved: number;
  /** Mentions found (painted or not). */
  mentions: number;
  findRoundTrips: number;
  /** Requests still in flight or queued (0 once the page has settled). */
  findPending: number;
  /** The longest single turn of our own work seen here (ms). */
  longestTaskMs: number;
  tasks: number;
  /** The second stage is loaded. */
  secondStage: boolean;
  /** Time since our last turn ended (ms): a settled page layer has been idle a while. */
  idleMs: number;
}

type Clock = () => number;

/** Cumulative counters for one frame's page layer. */
export class PageStats {
  #read = 0;
  #paint = 0;
  #total = 0;
  #find = 0;
  #chars = 0;
  #segments = 0;
  #sieved = 0;
  #roundTrips = 0;
  #inFlight = 0;
  #inFlightSince = 0;
  #longest = 0;
  #tasks = 0;
  #lastEnd = 0;
  secondStage = false;
  readonly #now: Clock;

  constructor(now: Clock = () => performance.now()) {
    this.#now = now;
  }

  #task(ms: number): void {
    this.#tasks++;
    this.#total += ms;
    if (ms > this.#longest) this.#longest = ms;
    this.#lastEnd = this.#now();
  }

  /** One slice of a reading pass took `ms`. */
  readSlice(ms: number): void {
    this.#read += ms;
    this.#task(ms);
  }

  /** The sweep read `chars` characters of text. */
  swept(chars: number): void {
    this.#chars += chars;
  }

  /** A block the sweep picked was read as a segment; `sieved`: the sieve let it through. */
  segment(sieved: boolean): void {
    this.#segments++;
    if (sieved) this.#sieved++;
  }

  /** Times `fn` as a turn of our own work (applying an answer, a repaint). */
  turn<T>(fn: () => T, stage?: 'paint'): T {
    const t0 = this.#now();
    try {
      return fn();
    } finally {
      const ms = this.#now() - t0;
      if (stage === 'paint') this.#paint += ms;
      this.#task(ms);
    }
  }

  requestStarted(): number {
    const at = this.#now();
    if (this.#inFlight++ === 0) this.#inFlightSince = at;
    this.#roundTrips++;
    return at;
  }

  requestEnded(_startedAt: number): void {
    const at = this.#now();
    if (--this.#inFlight === 0) this.#find += at - this.#inFlightSince;
    this.#lastEnd = at;
  }

  snapshot(mentions: number, busy: boolean): PageStatsSnapshot {
    const pending = this.#inFlight > 0 ? this.#now() - this.#inFlightSince : 0;
    return {
      stages: { read: this.#read, find: this.#find + pending, paint: this.#paint, total: this.#total },
      textChars: this.#chars,
      segments: this.#segments,
      sieved: this.#sieved,
      mentions,
      findRoundTrips: this.#roundTrips,
      findPending: busy ? Math.max(1, this.#inFlight) : this.#inFlight,
      longestTaskMs: this.#longest,
      tasks: this.#tasks,
      secondStage: this.secondStage,
      idleMs: this.#now() - this.#lastEnd,
    };
  }
}
