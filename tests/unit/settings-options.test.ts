import { assert, describe, expect, it } from 'vitest';
import {
  addAlias,
  addSite,
  entitiesByKind,
  filterEntities,
  parseColour,
  parseHostPattern,
  parseHoverDelay,
  removeAlias,
  removeSite,
  setEntitiesEnabled,
  setKindEnabled,
} from '../../src/options/logic';
import { DEFAULT_SETTINGS } from '../../src/settings/schema';

describe('options page logic', () => {
  it('finds entities by name, Chinese name or alias, case-insensitively', () => {
    expect(filterEntities('ECHO DOT').map((e) => e.id)).toEqual(['amazon-echo']);
    expect(filterEntities('小娜').map((e) => e.id)).toEqual(['cortana']);
    expect(filterEntities('   ')).toHaveLength(filterEntities('').length);
    expect(filterEntities('zzz-none')).toEqual([]);
    const groups = entitiesByKind(filterEntities('microsoft'));
    expect(groups.map((g) => g.kind)).toEqual(expect.arrayContaining(['company', 'product', 'technology']));
  });

  it('switches entities on and off without duplicates, keeping ids it does not know', () => {
    const start = { ...DEFAULT_SETTINGS, disabledEntities: ['from-a-newer-dataset'] };
    const off = setEntitiesEnabled(start, ['xiaomi', 'cortana', 'xiaomi'], false);
    expect(off.disabledEntities).toEqual(['from-a-newer-dataset', 'xiaomi', 'cortana']);
    expect(setEntitiesEnabled(off, ['xiaomi'], true).disabledEntities).toEqual(['from-a-newer-dataset', 'cortana']);
    expect(start.disabledEntities).toEqual(['from-a-newer-dataset']); // never mutated
  });

  it('switches kinds', () => {
    const off = setKindEnabled(setKindEnabled(DEFAULT_SETTINGS, 'person', false), 'person', false);
    expect(off.disabledKinds).toEqual(['person']);
    expect(setKindEnabled(off, 'person', true).disabledKinds).toEqual([]);
  });

  it('reads hosts, wildcards and pasted addresses as site patterns', () => {
    expect(parseHostPattern(' *.Example.com ')).toEqual({ ok: true, pattern: '*.example.com' });
    expect(parseHostPattern('https://www.theverge.com/2018/2/22/story')).toEqual({
      ok: true,
      pattern: 'www.theverge.com',
    });
    expect(parseHostPattern('news.example.com/path')).toEqual({ ok: true, pattern: 'news.example.com' });
    expect(parseHostPattern('')).toMatchObject({ ok: false });
    expect(parseHostPattern('two words')).toMatchObject({
      ok: false,
      message: expect.stringContaining('not a site pattern'),
    });
  });

  it('adds a site once, notes when both lists hold it, and removes it', () => {
    const a = addSite(DEFAULT_SETTINGS, 'allow', 'example.com');
    if (!a.ok) throw new Error(a.message);
    expect(a.settings.sites.allow).toEqual(['example.com']);
    expect(addSite(a.settings, 'allow', 'EXAMPLE.com')).toEqual({
      ok: false,
      message: 'example.com is already on the always-highlight list.',
    });
    const b = addSite(a.settings, 'block', 'example.com');
    expect(b).toMatchObject({ ok: true, note: 'example.com is on both lists; the never-highlight list wins.' });
    expect(removeSite(a.settings, 'allow', 'example.com').sites.allow).toEqual([]);
  });

  it('accepts colours with enough contrast, with or without #, and refuses the rest with ratios', () => {
    expect(parseColour('C2255C')).toMatchObject({ ok: true, colour: '#c2255c' });
    expect(parseColour('red')).toEqual({ ok: false, message: '“red” must be a colour like #1a73e8.' });
    const pale = parseColour('#fab005');
    assert(!pale.ok, '#fab005 is refused');
    expect(pale.message).toMatch(/^#fab005 has too little contrast: 1\.\d\d:1 on light pages/);
    expect(pale.onLight).toBeLessThan(3);
    expect(pale.onDark).toBeGreaterThan(3);
  });

  it('adds and removes aliases, refusing conflicts', () => {
    const a = addAlias(DEFAULT_SETTINGS, 'xiaomi', '  Mi Corp ');
    if (!a.ok) throw new Error(a.message);
    expect(a.settings.detection.extraAliases).toEqual({ xiaomi: ['Mi Corp'] });
    expect(addAlias(a.settings, 'microsoft', 'mi corp')).toEqual({
      ok: false,
      message: '“mi corp” is already your alias for Xiaomi.',
    });
    expect(addAlias(a.settings, 'no-such-entity', 'Thing')).toMatchObject({ ok: false });
    expect(removeAlias(a.settings, 'xiaomi', 'Mi Corp').detection.extraAliases).toEqual({});
  });

  it('refuses an alias over the length limit, or past the count limit, saying the limit', () => {
    expect(addAlias(DEFAULT_SETTINGS, 'xiaomi', 'x'.repeat(100_000))).toEqual({
      ok: false,
      message: 'An alias is at most 80 characters; this one has 100,000.',
    });
    const full = {
      ...DEFAULT_SETTINGS,
      detection: {
        mode: 'context' as const,
        extraAliases: { microsoft: Array.from({ length: 500 }, (_, i) => `Codename ${i}`) },
      },
    };
    expect(addAlias(full, 'xiaomi', 'Mi Corp')).toEqual({
      ok: false,
      message: 'You have 500 aliases, the most there can be: remove one to add another.',
    });
    // Spaces and hyphens alone are no name.
    expect(addAlias(DEFAULT_SETTINGS, 'xiaomi', '- -')).toMatchObject({ ok: false });
  });

  it('reads the hover delay as whole milliseconds from 0 to 2000', () => {
    expect(parseHoverDelay('450')).toEqual({ ok: true, ms: 450 });
    for (const bad of ['', '-1', '2001', '1.5', 'soon']) expect(parseHoverDelay(bad).ok).toBe(false);
  });
});
