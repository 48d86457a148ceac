import { describe, expect, it, vi } from 'vitest';
import { isOffFor, PopupJumps, shouldOpenWelcome } from '../../src/background/readers-logic';
import { siteHost } from '../../src/settings/sites';
import { DEFAULT_SETTINGS } from '../../src/settings/schema';

describe('the popup’s jump to a mention', () => {
  it('waits until the toolbar popup has closed, so the reader sees the page scroll and flash', () => {
    const timers: (() => void)[] = [];
    const jumps = new PopupJumps((fn) => timers.push(fn));
    const job = vi.fn<() => void>();
    jumps.opened();
    expect(jumps.run(job)).toBe(true);
    expect(job).not.toHaveBeenCalled();
    jumps.closed();
    expect(job).toHaveBeenCalledTimes(1);
    // The fallback timer, firing later, does not jump twice.
    timers.forEach((t) => t());
    expect(job).toHaveBeenCalledTimes(1);
  });

  it('jumps after the fallback delay when a popup never closes, and at once with no popup open', () => {
    const timers: (() => void)[] = [];
    const jumps = new PopupJumps((fn) => timers.push(fn), 1500);
    const late = vi.fn<() => void>();
    jumps.opened();
    jumps.run(late);
    timers.forEach((t) => t());
    expect(late).toHaveBeenCalledTimes(1);
    jumps.closed();
    expect(late).toHaveBeenCalledTimes(1);
    const now = vi.fn<() => void>();
    expect(jumps.run(now)).toBe(false);
    expect(now).toHaveBeenCalledTimes(1);
  });
});

describe('first run and the off icon', () => {
  it('opens the first-run page on install only, never on an update', () => {
    expect(shouldOpenWelcome('install', true)).toBe(true);
    expect(shouldOpenWelcome('update', true)).toBe(false);
    expect(shouldOpenWelcome('browser_update', true)).toBe(false);
    expect(shouldOpenWelcome('install', false)).toBe(false);
  });

  it('shows the off icon on a site switched off, and only on web pages', () => {
    const off = { ...DEFAULT_SETTINGS, sites: { ...DEFAULT_SETTINGS.sites, block: ['*.example.com'] } };
    expect(isOffFor(off, 'https://news.example.com/a')).toBe(true);
    expect(isOffFor(off, 'https://other.org/')).toBe(false);
    expect(isOffFor(DEFAULT_SETTINGS, 'https://news.example.com/a')).toBe(false);
    expect(isOffFor(off, 'chrome://extensions')).toBe(false);
    expect(siteHost(undefined)).toBeNull();
  });
});
