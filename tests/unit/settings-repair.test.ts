/**
 * Stored settings that cannot be read as a whole are repaired field by field
 * (issue 14: they used to be replaced by the defaults, every one, with only a
 * console warning): every readable field is kept, only the broken ones take
 * their default, and the reader is told which.
 */
import { describe, expect, it } from 'vitest';
import { repairSettings } from '../../src/settings/repair';
import { DEFAULT_SETTINGS, type Settings } from '../../src/settings/schema';

const mine: Settings = {
  disabledEntities: ['google', 'bing'],
  disabledKinds: ['person'],
  sites: { defaultOn: false, allow: ['*.reuters.com'], block: ['ads.example.com'] },
  style: {
    mark: 'background',
    colours: { ...DEFAULT_SETTINGS.style.colours, product: '#1a73e8' },
    firstOnly: true,
  },
  detection: { mode: 'plain', extraAliases: { xiaomi: ['Mi Corp'], microsoft: ['MSFT'] } },
  cards: { trigger: 'click', hoverDelayMs: 600 },
};

const broken = (patch: (s: Record<string, any>) => void) => {
  const s = structuredClone(mine) as Record<string, any>;
  patch(s);
  return s;
};

describe('repairing stored settings', () => {
  it('keeps valid settings as they are', () => {
    expect(repairSettings(mine)).toEqual({ settings: mine, reset: [] });
  });

  it('resets one broken leaf and keeps its neighbours', () => {
    expect(repairSettings(broken((s) => (s.style.colours.person = 'purple')))).toEqual({
      settings: mine,
      reset: ['style.colours.person'],
    });
    const { settings, reset } = repairSettings(broken((s) => (s.cards.hoverDelayMs = 99_999)));
    expect(settings).toEqual({
      ...mine,
      cards: { trigger: 'click', hoverDelayMs: DEFAULT_SETTINGS.cards.hoverDelayMs },
    });
    expect(reset).toEqual(['cards.hoverDelayMs']);
  });

  it('leaves out a bad item of a list, not the list', () => {
    const { settings, reset } = repairSettings(
      broken((s) => {
        s.sites.allow = ['*.reuters.com', 'not a host!', 7];
        s.disabledKinds = ['person', 'robot'];
      }),
    );
    expect(settings).toEqual(mine);
    expect(reset).toEqual(['disabledKinds.1', 'sites.allow.1', 'sites.allow.2']);
  });

  it('takes the default for a whole group only when the group itself is unreadable', () => {
    const { settings, reset } = repairSettings(broken((s) => (s.sites = 'everywhere')));
    expect(settings).toEqual({ ...mine, sites: DEFAULT_SETTINGS.sites });
    expect(reset).toEqual(['sites']);
  });

  it('reads what it knows of settings from a newer version (fields it does not know are named, not kept)', () => {
    const newer = broken((s) => {
      s.cards.pinOnClick = true;
      s.reading = { ruler: true };
      delete s.style.firstOnly;
    });
    const { settings, reset } = repairSettings(newer);
    expect(settings).toEqual({ ...mine, style: { ...mine.style, firstOnly: DEFAULT_SETTINGS.style.firstOnly } });
    expect(reset).toEqual(['style.firstOnly', 'cards.pinOnClick', 'reading']);
  });

  it('applies the rules import applies: a colour without contrast, an alias claimed twice', () => {
    const { settings, reset } = repairSettings(
      broken((s) => {
        s.style.colours.company = '#ffff00';
        s.detection.extraAliases = { xiaomi: ['Mi Corp', 'Skype'], microsoft: ['MSFT', 'mi corp'] };
      }),
    );
    expect(settings).toEqual(mine);
    expect(reset).toEqual([
      'detection.extraAliases.xiaomi.1',
      'detection.extraAliases.microsoft.1',
      'style.colours.company',
    ]);
  });

  it('reads garbage as the defaults and says so', () => {
    for (const junk of ['settings', 42, [], [mine]]) {
      expect(repairSettings(junk)).toEqual({ settings: DEFAULT_SETTINGS, reset: ['settings'] });
    }
  });
});
