import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ENTITY_KINDS } from '../../src/dataset/schema';
import { aliasProblem, aliasProblems } from '../../src/settings/aliases';
import { checkHighlightColour, contrastRatio, formatRatio } from '../../src/settings/contrast';
import { DEFAULT_SETTINGS, SettingsSchema } from '../../src/settings/schema';

describe('settings schema', () => {
  it('accepts the defaults', () => {
    expect(v.safeParse(SettingsSchema, DEFAULT_SETTINGS).success).toBe(true);
  });

  it('normalises host patterns and refuses malformed ones', () => {
    const ok = v.parse(SettingsSchema, {
      ...DEFAULT_SETTINGS,
      sites: { defaultOn: true, allow: [' *.Example.COM '], block: [] },
    });
    expect(ok.sites.allow).toEqual(['*.example.com']);
    const bad = v.safeParse(SettingsSchema, {
      ...DEFAULT_SETTINGS,
      sites: { defaultOn: true, allow: ['https://x.com/a'], block: [] },
    });
    expect(bad.success).toBe(false);
  });

  it('refuses unknown fields, out-of-range delays and non-hex colours', () => {
    expect(v.safeParse(SettingsSchema, { ...DEFAULT_SETTINGS, extra: 1 }).success).toBe(false);
    expect(
      v.safeParse(SettingsSchema, { ...DEFAULT_SETTINGS, cards: { trigger: 'hover', hoverDelayMs: 5000 } }).success,
    ).toBe(false);
    const colours = { ...DEFAULT_SETTINGS.style.colours, product: 'blue' };
    expect(
      v.safeParse(SettingsSchema, { ...DEFAULT_SETTINGS, style: { ...DEFAULT_SETTINGS.style, colours } }).success,
    ).toBe(false);
  });
});

describe('highlight colour contrast', () => {
  it('computes WCAG ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  it('gives every default colour at least 3:1 on light and dark pages', () => {
    for (const kind of ENTITY_KINDS) {
      const check = checkHighlightColour(DEFAULT_SETTINGS.style.colours[kind]);
      expect(check.ok, `${kind} ${DEFAULT_SETTINGS.style.colours[kind]}: ${check.problem}`).toBe(true);
    }
  });

  it('refuses a colour that fails on either background and says by how much', () => {
    const yellow = checkHighlightColour('#ffd43b');
    expect(yellow.ok).toBe(false);
    expect(yellow.problem).toMatch(/1\.\d\d:1 on light pages/);
    expect(yellow.problem).not.toMatch(/dark pages/);
    const navy = checkHighlightColour('#1a237e');
    expect(navy.ok).toBe(false);
    expect(navy.problem).toMatch(/on dark pages \(#121212\)/);
  });

  it('never rounds a failing ratio up to the threshold', () => {
    // #e67700 on white is 2.9986: shown as 2.99, and refused.
    expect(formatRatio(contrastRatio('#e67700', '#ffffff'))).toBe('2.99:1');
    expect(checkHighlightColour('#e67700').ok).toBe(false);
  });
});

describe('extra aliases', () => {
  it('refuses empty and one-character aliases', () => {
    expect(aliasProblem('xiaomi', '   ', {})).toMatch(/empty/);
    expect(aliasProblem('xiaomi', 'M', {})).toMatch(/two characters/);
    expect(aliasProblem('xiaomi', 'MI', {})).toBeNull();
  });

  it('refuses another entity’s built-in name or alias, case-insensitively', () => {
    expect(aliasProblem('xiaomi', 'AZURE', {})).toBe('“AZURE” is a built-in name of Microsoft Azure');
    expect(aliasProblem('xiaomi', '微软', {})).toMatch(/built-in name of Microsoft$/);
    expect(aliasProblem('xiaomi', 'xiaomi inc.', {})).toMatch(/already a built-in name of Xiaomi/);
  });

  it('refuses an alias already claimed by another entity’s extra aliases', () => {
    const extra = { microsoft: ['MSFT'] };
    expect(aliasProblem('xiaomi', 'msft', extra)).toBe('“msft” is already your alias for Microsoft');
    expect(aliasProblem('microsoft', 'Msft', extra)).toMatch(/already one of your aliases for Microsoft/);
  });

  it('names each conflict in a whole map by its path', () => {
    expect(aliasProblems({ xiaomi: ['Mi Corp', 'Cortana'], microsoft: ['MI CORP', 'Redmond'] })).toEqual([
      { path: 'detection.extraAliases.xiaomi.1', message: '“Cortana” is a built-in name of Cortana' },
      { path: 'detection.extraAliases.microsoft.0', message: '“MI CORP” is already your alias for Xiaomi' },
    ]);
  });
});
