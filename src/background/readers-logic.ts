/** The pure decisions behind src/background/readers.ts, tested in Node. */
import type { Settings } from '../settings/schema';
import { isSiteEnabled, siteHost } from '../settings/sites';

/** The first-run page opens on a fresh install only: never on an update or a browser update. */
export function shouldOpenWelcome(reason: string, enabled: boolean): boolean {
  return enabled && reason === 'install';
}

/** Is highlighting switched off on this tab's site? (A page no site setting covers is never "off".) */
export function isOffFor(settings: Settings, url: string | undefined): boolean {
  const host = siteHost(url);
  return host !== null && !isSiteEnabled(settings.sites, host);
}

/**
 * Jumps asked for by a toolbar popup, held until every open popup has closed (so the reader sees
 * the page scroll and the mention flash), or until `fallbackMs` passed if a popup never closes.
 */
export class PopupJumps {
  #open = 0;
  #waiting: (() => void)[] = [];

  constructor(
    private readonly setTimer: (fn: () => void, ms: number) => void,
    private readonly fallbackMs = 1500,
  ) {}

  get popupsOpen(): number {
    return this.#open;
  }

  opened(): void {
    this.#open++;
  }

  closed(): void {
    this.#open = Math.max(0, this.#open - 1);
    if (this.#open === 0) {
      const jobs = this.#waiting;
      this.#waiting = [];
      for (const job of jobs) job();
    }
  }

  /** Runs `job` now when no popup is open (the popup page in a tab), else once they have all closed. Returns whether it waits. */
  run(job: () => void): boolean {
    if (this.#open === 0) {
      job();
      return false;
    }
    let done = false;
    const once = () => {
      if (done) return;
      done = true;
      job();
    };
    this.#waiting.push(once);
    this.setTimer(once, this.fallbackMs);
    return true;
  }
}
