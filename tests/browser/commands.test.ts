/**
 * The keyboard shortcuts are really assigned in Chromium: a command whose suggested key the
 * browser already uses is silently left unassigned (Alt+Shift+N/P became Chromium's own in 156),
 * so the test reads commands.getAll() in the extension's service worker, and the options page
 * shows the assigned keys and how to change them. The Firefox ESR half is in firefox-card.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openOptions, type Launched } from './harness';

describe('keyboard shortcuts in Chromium', () => {
  let b: Launched;
  beforeAll(async () => {
    b = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await b?.close();
  });

  it('assigns both mention commands their suggested keys', async () => {
    const commands = await b.serviceWorker.evaluate(async () => {
      const api = (
        globalThis as unknown as {
          chrome: { commands: { getAll(): Promise<{ name?: string; shortcut?: string }[]> } };
        }
      ).chrome.commands;
      return (await api.getAll()).map((c) => ({ name: c.name ?? '', shortcut: c.shortcut ?? '' }));
    });
    const key = (name: string) => commands.find((c) => c.name === name)?.shortcut;
    expect(key('next-mention')).toMatch(/^Alt\+Shift\+(\.|Period)$/);
    expect(key('previous-mention')).toMatch(/^Alt\+Shift\+(,|Comma)$/);
  });

  it('the options page shows the assigned keys and how to change them', async () => {
    const page = await openOptions(b);
    const rows = page.locator('table.shortcuts tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(2);
    const text = await rows.allTextContents();
    expect(text.join('\n')).toMatch(/next marked mention.*Alt\+Shift\+(\.|Period)/);
    expect(text.join('\n')).toMatch(/previous marked mention.*Alt\+Shift\+(,|Comma)/);
    for (const row of text.filter((r) => r.includes('marked mention'))) expect(row).not.toContain('Not set');
    expect(await page.locator('#shortcuts-unset').count()).toBe(0);
    expect(await page.locator('#shortcut-change').textContent()).toContain('chrome://extensions/shortcuts');
    expect(await page.locator('#shortcut-change').textContent()).toContain('edge://extensions/shortcuts');
    expect(await page.locator('#shortcut-defaults').textContent()).toContain('Control+Shift+.');
    await page.close();
  });
});
