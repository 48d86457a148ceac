/**
 * Mention counts per tab and frame, for the toolbar badge. Pure.
 *
 * How frames combine: the badge shows the SUM over the tab's frames (the top
 * page plus its iframes), since a reader sees every frame's marks on screen.
 * A tab's counts are dropped when its top frame starts loading a new page;
 * an iframe that reports 0 (or navigates and reports anew) replaces its own entry.
 */
export class FrameCounts {
  private readonly tabs = new Map<number, Map<number, number>>();

  /** Records a frame's count and returns the tab's total. */
  set(tabId: number, frameId: number, count: number): number {
    let frames = this.tabs.get(tabId);
    if (!frames) {
      frames = new Map();
      this.tabs.set(tabId, frames);
    }
    if (count > 0) frames.set(frameId, count);
    else frames.delete(frameId);
    return this.total(tabId);
  }

  total(tabId: number): number {
    let sum = 0;
    for (const n of this.tabs.get(tabId)?.values() ?? []) sum += n;
    return sum;
  }

  clear(tabId: number): void {
    this.tabs.delete(tabId);
  }
}

/** Badge text for a count: empty for none, "999+" past three digits. */
export function badgeText(count: number): string {
  if (count <= 0) return '';
  return count > 999 ? '999+' : String(count);
}

/** Manifest command name → navigation direction. */
export function commandDirection(command: string): 'next' | 'previous' | null {
  if (command === 'next-mention') return 'next';
  if (command === 'previous-mention') return 'previous';
  return null;
}
