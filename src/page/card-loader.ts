/**
 * When the card bundle (card.js: Preact, Floating UI, the card's styles) is
 * loaded into a frame: when the reader is about to need it, not before. A
 * trusted pointer move onto a mention, a keyboard shortcut, or, on a device that
 * cannot hover (touch), the page's first idle moment after the first paint.
 * The background injects it (`loadCard`); the intent that asked for it is kept
 * for the card to take up (`takeIntent`), so the hover that loaded it opens its
 * card without another move.
 */
import { CARD_KEY, CARD_START_KEY, fromWorld, type CardIntent } from './bridge';

const isHandle = (v: unknown): v is object => typeof v === 'object' && v !== null;
const isStart = (v: unknown): v is () => void => typeof v === 'function';

export interface CardLoaderDeps {
  /** Asks the background to inject card.js into this frame; resolves with its answer. */
  load(): Promise<unknown>;
  report(error: unknown): void;
}

export class CardLoader {
  readonly #deps: CardLoaderDeps;
  #intent: CardIntent = null;
  #asked = false;

  constructor(deps: CardLoaderDeps) {
    this.#deps = deps;
  }

  /** Is a card bundle running in this frame (it then follows input itself)? */
  get running(): boolean {
    return !!fromWorld(CARD_KEY, isHandle);
  }

  /** The reader is about to need a card: load (or restart) the bundle. */
  want(intent: CardIntent = null): void {
    if (this.running) return;
    if (intent) this.#intent = intent;
    // Loaded before and stopped since (the page layer restarted): start it again, no injection needed.
    const start = fromWorld(CARD_START_KEY, isStart);
    if (start) {
      start();
      return;
    }
    if (this.#asked) return;
    this.#asked = true;
    this.#deps.load().then(
      (r) => {
        if ((r as { ok?: unknown } | null)?.ok !== true) this.#asked = false;
      },
      (e: unknown) => {
        this.#asked = false;
        this.#deps.report(e);
      },
    );
  }

  /** What asked for the card, once (null when nothing is pending). */
  takeIntent(): CardIntent {
    const i = this.#intent;
    this.#intent = null;
    return i;
  }
}
