/**
 * What the content script spent on this page, answered to `{type:'getStats'}`
 * (used by `npm run bench`; harmless otherwise: a few counters and
 * performance.now() calls per scan call).
 *
 * Measured from the outside of the Lens, through the seams it already has:
 * the detector factory (scan: time, text read, candidates), the classify
 * dependency (round trips to the background), and the Painter (painting
 * with CSS.highlights). Nothing in the Lens itself changes.
 *
 * "Tasks" are seen from inside: the first instrumented call in a turn of the
 * event loop opens a span and a microtask closes it when that turn's script
 * unwinds, so a span covers our work from its first scan/paint call to the
 * end of that turn. It can miss a little work before the first call (the
 * text walk up to the first segment); the bench's trace-based figure is the
 * authoritative one, this one says the same from the extension's side.
 */
import type { ContentRequest } from '../messages';
import type { PageDetector } from './detector';
import type { LensDeps } from './lens';
import { Painter } from './paint';

export interface StageTimes {
  /** Alias scan of collected text (ms, main thread). */
  scan: number;
  /** Wall time with at least one classify request in flight (ms; the NLP runs in the background). */
  classify: number;
  /** Registering ranges with CSS.highlights (ms, main thread). */
  paint: number;
  /** Every turn of the content script's own work, start to end (ms, main thread). */
  total: number;
}

export interface PageStatsSnapshot {
  stages: StageTimes;
  /** UTF-16 code units of page text handed to the scanner. */
  textChars: number;
  candidates: number;
  /** Candidates the scan could not settle (sent to the classifier). */
  ambiguous: number;
  /** Mentions painted now. */
  mentions: number;
  classifyRoundTrips: number;
  /** Classify requests still waiting for an answer (0 once the page has settled). */
  classifyPending: number;
  /** The longest single turn of our own work (ms). */
  longestTaskMs: number;
  /** Turns of our own work. */
  tasks: number;
  /** Time since our last turn ended (ms): a settled page layer has been idle a while. */
  idleMs: number;
}

export function isGetStats(msg: unknown): msg is Extract<ContentRequest, { type: 'getStats' }> {
  return typeof msg === 'object' && msg !== null && (msg as { type?: unknown }).type === 'getStats';
}

type Clock = () => number;

/** Cumulative counters for one frame's page layer. */
export class PageStats {
  private scanMs = 0;
  private paintMs = 0;
  private classifyMs = 0;
  private totalMs = 0;
  private textChars = 0;
  private candidates = 0;
  private ambiguous = 0;
  private roundTrips = 0;
  private inFlight = 0;
  private inFlightSince = 0;
  private longest = 0;
  private tasks = 0;
  private turnStart = -1;
  private lastTurnEnd = 0;

  constructor(
    private readonly now: Clock = () => performance.now(),
    private readonly onTurnEnd: (fn: () => void) => void = (fn) => queueMicrotask(fn),
  ) {}

  /** Marks work in the current turn; the turn's span closes when its script unwinds. */
  private touch(at: number): void {
    if (this.turnStart >= 0) return;
    this.turnStart = at;
    this.onTurnEnd(() => {
      const end = this.now();
      const ms = end - this.turnStart;
      this.turnStart = -1;
      this.lastTurnEnd = end;
      this.tasks++;
      this.totalMs += ms;
      if (ms > this.longest) this.longest = ms;
    });
  }

  /** Times `fn` as part of `stage` (a main-thread stage). */
  time<T>(stage: 'scan' | 'paint', fn: () => T): T {
    const t0 = this.now();
    this.touch(t0);
    try {
      return fn();
    } finally {
      const ms = this.now() - t0;
      if (stage === 'scan') this.scanMs += ms;
      else this.paintMs += ms;
    }
  }

  /** A detector factory whose scanner is timed and counted. */
  detector(factory: LensDeps['detector']): LensDeps['detector'] {
    return (detection) => {
      const inner = factory(detection);
      return {
        ...inner,
        scan: (text: string) => {
          const found = this.time('scan', () => inner.scan(text));
          this.textChars += text.length;
          this.candidates += found.length;
          for (const c of found) if (c.needsContext) this.ambiguous++;
          return found;
        },
      } satisfies PageDetector;
    };
  }

  /** A classify dependency whose round trips are counted and timed (overlapping requests count once). */
  classify(fn: LensDeps['classify']): LensDeps['classify'] {
    return async (items, context) => {
      if (this.inFlight++ === 0) this.inFlightSince = this.now();
      this.roundTrips++;
      try {
        return await fn(items, context);
      } finally {
        const at = this.now();
        if (--this.inFlight === 0) this.classifyMs += at - this.inFlightSince;
        // The answer is applied in this turn: count it as our work.
        this.touch(at);
      }
    };
  }

  snapshot(mentions: number): PageStatsSnapshot {
    const pending = this.inFlight > 0 ? this.now() - this.inFlightSince : 0;
    return {
      stages: { scan: this.scanMs, classify: this.classifyMs + pending, paint: this.paintMs, total: this.totalMs },
      textChars: this.textChars,
      candidates: this.candidates,
      ambiguous: this.ambiguous,
      mentions,
      classifyRoundTrips: this.roundTrips,
      classifyPending: this.inFlight,
      longestTaskMs: this.longest,
      tasks: this.tasks,
      idleMs: this.now() - this.lastTurnEnd,
    };
  }
}

let active: PageStats | null = null;
let painterWrapped = false;

/**
 * The frame's stats, created on first use. Painting is timed by wrapping
 * Painter#paint and Painter#update once: the Lens owns its Painter, and this keeps the Lens
 * free of measuring code.
 */
export function pageStats(): PageStats {
  if (!active) active = new PageStats();
  if (!painterWrapped) {
    painterWrapped = true;
    // oxlint-disable-next-line typescript/unbound-method -- re-bound with apply below
    const paint = Painter.prototype.paint;
    Painter.prototype.paint = function (this: Painter, ...args: Parameters<Painter['paint']>) {
      const stats = active;
      return stats ? stats.time('paint', () => paint.apply(this, args)) : paint.apply(this, args);
    };
    // oxlint-disable-next-line typescript/unbound-method -- re-bound with apply below
    const update = Painter.prototype.update;
    Painter.prototype.update = function (this: Painter, ...args: Parameters<Painter['update']>) {
      const stats = active;
      return stats ? stats.time('paint', () => update.apply(this, args)) : update.apply(this, args);
    };
  }
  return active;
}

/** Wraps the Lens's dependencies so its work is measured. */
export function measuredDeps(deps: LensDeps, stats: PageStats = pageStats()): LensDeps {
  // oxlint-disable-next-line typescript/unbound-method -- LensDeps' methods do not use `this`
  return { ...deps, detector: stats.detector(deps.detector), classify: stats.classify(deps.classify) };
}
