/**
 * The first-run page: opened once, by itself, when the extension is installed (a build with the
 * first-run page on: the shared test build leaves it off so no tab races the other tests), with
 * what a new reader needs: pin the icon, what the marks mean, the keys, the options.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtension, launchChromium, type Launched } from './harness';

describe('first run', () => {
  let l: Launched;
  beforeAll(async () => {
    const dir = buildExtension('.output/welcome', { WXT_FIRST_RUN_PAGE: 'on' });
    l = await launchChromium({ extensionDir: dir });
  }, 180_000);
  afterAll(async () => {
    await l?.close();
  });

  it('opens the first-run page once on install, with the pin, the marks, the keys and the options', async () => {
    const welcome = `chrome-extension://${l.extensionId}/welcome.html`;
    await expect.poll(() => l.context.pages().filter((p) => p.url() === welcome).length, { timeout: 10_000 }).toBe(1);
    const page = l.context.pages().find((p) => p.url() === welcome)!;
    await page.locator('h1').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Welcome to Partnership Lens');
    expect(await page.locator('#pin').textContent()).toContain('the pin beside Partnership Lens');
    expect(await page.locator('#marks .kinds li').allTextContents()).toEqual([
      'Companies',
      'Products',
      'People',
      'Technologies',
      'Agreements',
    ]);
    await expect
      .poll(() => page.locator('#keys').textContent())
      .toMatch(/Alt\+Shift\+(\.|Period).*Alt\+Shift\+(,|Comma)/);
    const [options] = await Promise.all([
      l.context.waitForEvent('page'),
      page.getByRole('button', { name: 'Open the options' }).click(),
    ]);
    await options.waitForLoadState();
    expect(options.url()).toBe(`chrome-extension://${l.extensionId}/options.html`);
    // Still one first-run page: opening pages does not bring it back.
    expect(l.context.pages().filter((p) => p.url() === welcome)).toHaveLength(1);
  });
});
