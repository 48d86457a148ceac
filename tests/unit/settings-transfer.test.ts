import { describe, expect, it } from 'vitest';
import { migrateSettings, SETTINGS_MIGRATIONS } from '../../src/settings/migrations';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, type Settings } from '../../src/settings/schema';
import { exportFileName, exportSettings, importSettings, MAX_IMPORT_BYTES } from '../../src/settings/transfer';

const custom: Settings = {
  ...DEFAULT_SETTINGS,
  disabledEntities: ['google', 'amazon-echo'],
  disabledKinds: ['person'],
  sites: { defaultOn: false, allow: ['*.reuters.com'], block: ['ads.example.com'] },
  style: { mark: 'outline', colours: { ...DEFAULT_SETTINGS.style.colours, product: '#1a73e8' }, firstOnly: true },
  detection: { mode: 'plain', extraAliases: { xiaomi: ['Mi Corp'] } },
  cards: { trigger: 'click', hoverDelayMs: 600 },
};

const file = (body: Record<string, unknown>) => JSON.stringify(body);

describe('settings export', () => {
  it('writes a versioned file that imports back to the same settings', () => {
    const text = exportSettings(custom);
    expect(JSON.parse(text)).toEqual({
      format: 'partnership-lens-settings',
      version: SETTINGS_VERSION,
      settings: custom,
    });
    expect(importSettings(text)).toEqual({ ok: true, settings: custom, fromVersion: SETTINGS_VERSION });
  });

  it('names the file by date', () => {
    expect(exportFileName(new Date(2024, 4, 1))).toBe('partnership-lens-settings-2024-05-01.json');
  });
});

describe('settings import refuses broken files and says where', () => {
  const refuse = (text: string, bytes?: number) => {
    const result = importSettings(text, bytes);
    if (result.ok) throw new Error('expected the file to be refused');
    return result.errors;
  };

  it('refuses text that is not JSON', () => {
    expect(refuse('{"format": ')[0]).toMatch(/^the file is not valid JSON \(/);
  });

  it('refuses files larger than 1 MB (settings and corrections) before parsing them', () => {
    expect(refuse('{}', MAX_IMPORT_BYTES + 1)[0]).toMatch(/is 1025 KB; a settings file is at most 1024 KB/);
    const big = exportSettings(custom).replace('"Mi Corp"', `"${'x'.repeat(MAX_IMPORT_BYTES)}"`);
    expect(refuse(big)[0]).toMatch(/at most 1024 KB/);
  });

  it('refuses other JSON files', () => {
    expect(refuse('[1,2]')[0]).toMatch(/JSON object/);
    expect(refuse(file({ format: 'something-else', version: 1, settings: custom }))[0]).toMatch(
      /^format: must be "partnership-lens-settings"/,
    );
    expect(refuse(file({ format: 'partnership-lens-settings', version: 1, settings: custom, extra: true }))).toEqual([
      'extra: unknown field in a settings file',
    ]);
  });

  it('refuses a version from a newer release, and versions that never existed', () => {
    expect(
      refuse(file({ format: 'partnership-lens-settings', version: SETTINGS_VERSION + 1, settings: custom }))[0],
    ).toMatch(
      new RegExp(
        `^version: ${SETTINGS_VERSION + 1} was written by a newer Partnership Lens; this one reads settings up to version ${SETTINGS_VERSION}`,
      ),
    );
    expect(refuse(file({ format: 'partnership-lens-settings', version: 0, settings: custom }))[0]).toMatch(
      /^version: 0 is not a version/,
    );
    expect(refuse(file({ format: 'partnership-lens-settings', version: '1', settings: custom }))[0]).toMatch(
      /^version: must be a whole number/,
    );
  });

  it('names wrong values by their path', () => {
    const settings = structuredClone(custom) as Record<string, any>;
    settings.style.colours.product = 'blue';
    settings.cards.hoverDelayMs = -5;
    const errors = refuse(file({ format: 'partnership-lens-settings', version: SETTINGS_VERSION, settings }));
    expect(errors).toContain('style.colours.product: must be a colour like #1a73e8');
    expect(errors.some((e) => e.startsWith('cards.hoverDelayMs: '))).toBe(true);
  });

  it('refuses low-contrast colours and conflicting aliases that the options page would refuse', () => {
    const settings = structuredClone(custom);
    settings.style.colours.company = '#ffd43b';
    settings.detection.extraAliases = { xiaomi: ['Mi Corp', 'Skype'] };
    const errors = refuse(file({ format: 'partnership-lens-settings', version: SETTINGS_VERSION, settings }));
    expect(errors[0]).toMatch(/^style\.colours\.company: #ffd43b has too little contrast: 1\.\d\d:1 on light pages/);
    expect(errors[1]).toBe('detection.extraAliases.xiaomi.1: “Skype” is a built-in name of Skype');
  });
});

describe('settings migrations', () => {
  it('has a migration for every version up to the current one', () => {
    for (let version = 2; version <= SETTINGS_VERSION; version++)
      expect(SETTINGS_MIGRATIONS[version]).toBeTypeOf('function');
    expect(migrateSettings(custom, SETTINGS_VERSION)).toBe(custom);
  });

  it('runs each step from the file’s version to the current one, in order', () => {
    const calls: number[] = [];
    const steps = {
      2: (x: unknown) => (calls.push(2), { ...(x as object), two: true }),
      3: (x: unknown) => (calls.push(3), { ...(x as object), three: true }),
    };
    expect(migrateSettings({}, 1, { to: 3, migrations: steps })).toEqual({ two: true, three: true });
    expect(calls).toEqual([2, 3]);
    expect(() => migrateSettings({}, 1, { to: 3, migrations: { 2: steps[2] } })).toThrow(
      /no migration from version 2 to 3/,
    );
  });

  it('version 2 gives the new default colours to readers who kept the old ones, and keeps chosen colours', () => {
    const v1 = {
      ...custom,
      style: {
        ...custom.style,
        colours: {
          company: '#d9480f',
          product: '#1a73e8',
          person: '#9C36B5',
          technology: '#2b8a3e',
          agreement: '#d97706',
        },
      },
    };
    expect(migrateSettings(v1, 1)).toEqual({
      ...custom,
      style: { ...custom.style, colours: { ...DEFAULT_SETTINGS.style.colours, product: '#1a73e8' } },
    });
    // Never throws, whatever it is given: loading repairs what it cannot read.
    for (const odd of [null, 'x', [], {}, { style: null }, { style: { colours: 5 } }])
      expect(migrateSettings(odd, 1)).toEqual(odd);
  });

  it('refuses a file from a version this build does not know yet', () => {
    const newer = file({ format: 'partnership-lens-settings', version: SETTINGS_VERSION + 1, settings: custom });
    expect(importSettings(newer)).toEqual({
      ok: false,
      errors: [
        `version: ${SETTINGS_VERSION + 1} was written by a newer Partnership Lens; this one reads settings up to version ${SETTINGS_VERSION}. Update the extension to import it.`,
      ],
      omitted: 0,
    });
  });

  it('names unknown settings instead of valibot’s internal wording', () => {
    const settings = { ...custom, cards: { ...custom.cards, pinOnClick: true } };
    expect(importSettings(file({ format: 'partnership-lens-settings', version: SETTINGS_VERSION, settings }))).toEqual({
      ok: false,
      errors: ['cards.pinOnClick: unknown setting'],
      omitted: 0,
    });
  });
});
