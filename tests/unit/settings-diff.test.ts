/** What the import confirmation shows: every change an import would make, worded for the reader. */
import { describe, expect, it } from 'vitest';
import { describeChanges } from '../../src/options/import-summary';
import { settingsChanges } from '../../src/settings/diff';
import { DEFAULT_SETTINGS, type Settings } from '../../src/settings/schema';

const next: Settings = {
  disabledEntities: ['google', 'bing'],
  disabledKinds: ['person'],
  sites: { defaultOn: false, allow: ['*.reuters.com'], block: [] },
  style: { mark: 'background', colours: { ...DEFAULT_SETTINGS.style.colours, product: '#1a73e8' }, firstOnly: true },
  detection: {
    mode: 'plain',
    extraAliases: { xiaomi: ['Mi Corp'], microsoft: Array.from({ length: 8 }, (_, i) => `Codename ${i}`) },
  },
  cards: { trigger: 'click', hoverDelayMs: 600 },
};

describe('settings changes', () => {
  it('finds none between equal settings', () => {
    expect(settingsChanges(next, structuredClone(next))).toEqual([]);
  });

  it('lists each change in the order of the options page, worded for the reader', () => {
    expect(describeChanges(settingsChanges(DEFAULT_SETTINGS, next))).toEqual([
      'Switched off: Google, Bing',
      'Switched off: People',
      'On every other site: Highlight mentions → Do not highlight',
      'Adds to the always-highlight list: *.reuters.com',
      'Mark mentions with: Underline → Tinted background',
      `Colour of products: ${DEFAULT_SETTINGS.style.colours.product} → #1a73e8`,
      'Only the first mention of each entity on a page: off → on',
      'How names are recognised: Context-aware (recommended) → Plain name matching',
      'Your aliases for Xiaomi: adds “Mi Corp”',
      'Your aliases for Microsoft: adds “Codename 0”, “Codename 1”, “Codename 2”, “Codename 3”, “Codename 4” and 3 more',
      'Open a mention’s card: On hover, on click or tap, and when the Tab key reaches a marked link → Only on click or tap. On a mention inside a link, the first click opens the card and a second click follows the link.',
      'Hover delay: 300 milliseconds → 600 milliseconds',
    ]);
  });

  it('says what goes back on and what is removed', () => {
    expect(describeChanges(settingsChanges(next, DEFAULT_SETTINGS))).toContain('Switched on: Google, Bing');
    expect(describeChanges(settingsChanges(next, DEFAULT_SETTINGS))).toContain(
      'Removes from the always-highlight list: *.reuters.com',
    );
    expect(describeChanges(settingsChanges(next, DEFAULT_SETTINGS))).toContain(
      'Your aliases for Xiaomi: removes “Mi Corp”',
    );
  });
});
