/**
 * Asking the background which names in the page's text are mentions. The
 * first stage queues the segments its sieve let through; they leave in
 * batches, one request in flight, so a page with thousands of blocks queues
 * them here instead of flooding the background, and each answer is applied
 * before the next leaves. A segment whose block was read again before its turn
 * is not sent (the newer pass asks for it).
 */
import type { FindMentionsResponse, FoundInText } from '../messages';
import type { ReadSegment } from './mention-store';

/** Characters of text per request: one structured message, one classifier run, a few ms of the background's time. */
export const BATCH_CHARS = 512 * 1024;

export interface FindDeps {
  /** Sends the texts; resolves with the background's answer (null when it gave none). */
  send(texts: string[], context: string[]): Promise<FindMentionsResponse | null>;
  /** Is this segment still the latest read of its block (worth asking about)? */
  current(seg: ReadSegment): boolean;
  /** Entities the page names without doubt (the classifier's context). */
  context(): string[];
  answered(seg: ReadSegment, found: readonly FoundInText[]): void;
  /** A batch was answered (after its segments' answers). */
  batchDone(res: FindMentionsResponse | null): void;
  report(error: unknown): void;
}

export class MentionRequests {
  readonly #deps: FindDeps;
  #queue: ReadSegment[] = [];
  #queuedChars = 0;
  #inFlight = false;
  #held = true;
  #stopped = false;

  constructor(deps: FindDeps) {
    this.#deps = deps;
  }

  /** Requests in flight or waiting: the page layer is not done yet. */
  get busy(): boolean {
    return this.#inFlight || this.#queue.length > 0;
  }

  /** Queues a segment. It leaves with the next batch: when a batch is full, or at `release()`. */
  add(seg: ReadSegment): void {
    if (this.#stopped) return;
    this.#queue.push(seg);
    this.#queuedChars += seg.visible.length;
    if (this.#queuedChars >= BATCH_CHARS) this.#pump(true);
  }

  /**
   * The pass ended: what is queued may leave. Until then a batch leaves only
   * when full, so that one request carries the whole pass on most pages and the
   * classifier weighs each name against everything the page names.
   */
  release(): void {
    this.#held = false;
    this.#pump(false);
  }

  /** A new pass starts: hold partial batches again. */
  hold(): void {
    this.#held = true;
  }

  stop(): void {
    this.#stopped = true;
    this.#queue = [];
    this.#queuedChars = 0;
  }

  #pump(full: boolean): void {
    if (this.#inFlight || this.#stopped || (this.#held && !full)) return;
    const batch: ReadSegment[] = [];
    let chars = 0;
    while (this.#queue.length && chars < BATCH_CHARS) {
      const seg = this.#queue.shift()!;
      this.#queuedChars -= seg.visible.length;
      if (!this.#deps.current(seg)) continue;
      batch.push(seg);
      chars += seg.visible.length;
    }
    if (batch.length === 0) return;
    this.#inFlight = true;
    let res: FindMentionsResponse | null = null;
    this.#deps
      .send(
        batch.map((s) => s.visible),
        this.#deps.context(),
      )
      .then((r) => {
        res = r;
        if (this.#stopped) return;
        batch.forEach((seg, i) => this.#deps.answered(seg, r?.found[i] ?? []));
      })
      .catch((e: unknown) => {
        this.#deps.report(e);
        // The answer is lost: its blocks count as read with nothing found, so a later pass can ask again.
        if (!this.#stopped) for (const seg of batch) this.#deps.answered(seg, []);
      })
      .finally(() => {
        this.#inFlight = false;
        if (this.#stopped) return;
        this.#deps.batchDone(res);
        this.#pump(this.#queuedChars >= BATCH_CHARS);
      });
  }
}
