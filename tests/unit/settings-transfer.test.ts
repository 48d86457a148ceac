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

  it('refuses files larger than 256 KB before parsing them', () => {
    expect(refuse('{}', MAX_IMPORT_BYTES + 1)[0]).toMatch(/is 257 KB; a settings file is at most 256 KB/);
    const big = exportSettings(custom).replace('"Mi Corp"', `"${'x'.repeat(MAX_IMPORT_BYTES)}"`);
    expect(refuse(big)[0]).toMatch(/at most 256 KB/);
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
    ).toMatch(/^version: 2 was written by a newer Partnership Lens; this one reads settings up to version 1/);
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
    const errors = refuse(file({ format: 'partnership-lens-settings', version: 1, settings }));
    expect(errors).toContain('style.colours.product: must be a colour like #1a73e8');
    expect(errors.some((e) => e.startsWith('cards.hoverDelayMs: '))).toBe(true);
  });

  it('refuses low-contrast colours and conflicting aliases that the options page would refuse', () => {
    const settings = structuredClone(custom);
    settings.style.colours.company = '#ffd43b';
    settings.detection.extraAliases = { xiaomi: ['Mi Corp', 'Skype'] };
    const errors = refuse(file({ format: 'partnership-lens-settings', version: 1, settings }));
    expect(errors[0]).toMatch(/^style\.colours\.company: #ffd43b has too little contrast: 1\.\d\d:1 on light pages/);
    expect(errors[1]).toBe('detection.extraAliases.xiaomi.1: “Skype” is a built-in name of Skype');
  });
});

describe('settings migrations', () => {
  // Version 1 is the first shape ever stored, so the real table is empty. The
  // machinery is exercised as the next release will use it: pretend this build
  // is version 2, whose migration turns a version-1 shape with one colour for
  // every kind (`style.colour`) into today's per-kind colours.
  const oldShape = {
    ...custom,
    style: { mark: 'background', colour: '#2b8a3e', firstOnly: false },
  };
  const toV2 = (old: unknown) => {
    const { colour, ...style } = (old as typeof oldShape).style;
    return {
      ...(old as object),
      style: {
        ...style,
        colours: { company: colour, product: colour, person: colour, technology: colour, agreement: colour },
      },
    };
  };

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

  it('migrates an imported file written by an older version, then validates it', () => {
    const text = file({ format: 'partnership-lens-settings', version: 1, settings: oldShape });
    // Today's build refuses the old shape outright…
    expect(importSettings(text).ok).toBe(false);
    // …and the build that knows the migration imports it.
    const result = importSettings(text, undefined, { to: 2, migrations: { 2: toV2 } });
    expect(result).toEqual({
      ok: true,
      fromVersion: 1,
      settings: {
        ...custom,
        style: {
          mark: 'background',
          firstOnly: false,
          colours: {
            company: '#2b8a3e',
            product: '#2b8a3e',
            person: '#2b8a3e',
            technology: '#2b8a3e',
            agreement: '#2b8a3e',
          },
        },
      },
    });
    // A file from after that build is still refused.
    const newer = file({ format: 'partnership-lens-settings', version: 3, settings: custom });
    expect(importSettings(newer, undefined, { to: 2, migrations: { 2: toV2 } })).toEqual({
      ok: false,
      errors: [
        'version: 3 was written by a newer Partnership Lens; this one reads settings up to version 2. Update the extension to import it.',
      ],
    });
  });

  it('names unknown settings instead of valibot’s internal wording', () => {
    const settings = { ...custom, cards: { ...custom.cards, pinOnClick: true } };
    expect(importSettings(file({ format: 'partnership-lens-settings', version: 1, settings }))).toEqual({
      ok: false,
      errors: ['cards.pinOnClick: unknown setting'],
    });
  });
});
