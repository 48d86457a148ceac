/** Corrections in the settings file: exported with the settings, checked as strictly on import, merged, never lost. */
import { describe, expect, it } from 'vitest';
import {
  applyChanges,
  correctionsBytes,
  makeCorrection,
  MAX_CORRECTIONS,
  MAX_CORRECTIONS_BYTES,
  NO_CORRECTIONS,
  type Correction,
  type Corrections,
} from '../../src/corrections/model';
import { MAX_ALIAS_LENGTH, MAX_EXTRA_ALIASES } from '../../src/detect/scan';
import { describeCorrectionsMerge } from '../../src/options/import-summary';
import { DEFAULT_SETTINGS, SETTINGS_VERSION } from '../../src/settings/schema';
import {
  exportSettings,
  importSettings,
  MAX_IMPORT_BYTES,
  mergeImportedCorrections,
  type ImportResult,
} from '../../src/settings/transfer';

function made(n: Parameters<typeof makeCorrection>[0], at = 1): Correction {
  const r = makeCorrection(n, at);
  if (!r.ok) throw new Error(JSON.stringify(r.problem));
  return r.correction;
}

const SENTENCE = 'Later, the Surface of the lake froze.';
const CORRECTIONS: Corrections = {
  version: 1,
  items: [
    made({ kind: 'not-this', site: 'news.example.com', entity: 'surface', sentence: SENTENCE, start: 11, end: 18 }),
    made({ kind: 'not-here', site: 'blog.example.org', entity: 'apple' }),
    made({
      kind: 'mark',
      site: 'news.example.com',
      entity: 'microsoft',
      sentence: 'The Redmond firm said.',
      start: 4,
      end: 16,
    }),
  ],
};

function refused(r: ImportResult): string[] {
  if (r.ok) throw new Error('expected the file to be refused');
  return r.errors;
}

const withCorrections = (corrections: unknown) =>
  JSON.stringify({
    format: 'partnership-lens-settings',
    version: SETTINGS_VERSION,
    settings: DEFAULT_SETTINGS,
    corrections,
  });

describe('corrections in the settings file', () => {
  it('are exported one a line and import back the same', () => {
    const text = exportSettings(DEFAULT_SETTINGS, CORRECTIONS);
    expect(JSON.parse(text)).toEqual({
      format: 'partnership-lens-settings',
      version: SETTINGS_VERSION,
      settings: DEFAULT_SETTINGS,
      corrections: CORRECTIONS,
    });
    for (const c of CORRECTIONS.items) expect(text).toContain(`\n      ${JSON.stringify(c)}`);
    expect(importSettings(text)).toEqual({
      ok: true,
      settings: DEFAULT_SETTINGS,
      fromVersion: SETTINGS_VERSION,
      corrections: CORRECTIONS,
    });
    // None to export: an empty list, which imports as none.
    expect(importSettings(exportSettings(DEFAULT_SETTINGS, NO_CORRECTIONS))).toMatchObject({
      ok: true,
      corrections: NO_CORRECTIONS,
    });
  });

  it('a file without corrections (every older file) says nothing about them', () => {
    const r = importSettings(exportSettings(DEFAULT_SETTINGS));
    expect(r.ok && 'corrections' in r).toBe(false);
  });

  it('a file with a bad correction is refused whole, each problem named by its path', () => {
    const bad = [
      CORRECTIONS.items[0],
      { ...CORRECTIONS.items[0], start: 12 },
      { ...CORRECTIONS.items[1], site: 'Has Spaces' },
      { ...CORRECTIONS.items[1], colour: 'red' },
      { kind: 'forget', site: 'a.example', entity: 'apple', at: 1 },
    ];
    expect(refused(importSettings(withCorrections({ version: 1, items: bad })))).toEqual([
      'corrections.items.1: start and end must be the span of text in sentence',
      'corrections.items.2.site: must be a host name in lower case',
      'corrections.items.3.colour: unknown setting',
      expect.stringMatching(/^corrections\.items\.4\.kind: must be /),
    ]);
    expect(refused(importSettings(withCorrections({ version: 2, items: [] })))).toEqual([
      'corrections.version: must be 1, not 2',
    ]);
    expect(refused(importSettings(withCorrections('all of them')))).toEqual([
      'corrections: must be Object, not "all of them"',
    ]);
    expect(refused(importSettings(withCorrections({ version: 1 })))).toEqual([
      'corrections.items: must be "items", not missing',
    ]);
    const tooMany = Array.from({ length: MAX_CORRECTIONS + 1 }, (_, i) => ({
      ...CORRECTIONS.items[1],
      site: `s${i}.example`,
    }));
    expect(refused(importSettings(withCorrections({ version: 1, items: tooMany })))).toEqual([
      'corrections.items: must hold at most 1000 corrections',
    ]);
    // A key that could change how a program reads the file, inside the corrections too.
    const proto = withCorrections({ version: 1, items: [] }).replace('"items":[]', '"items":[],"__proto__":{}');
    expect(refused(importSettings(proto))).toEqual([
      'corrections.__proto__: “__proto__” cannot be a key in a settings file',
    ]);
  });

  it('the largest settings with the most corrections fit in a settings file', () => {
    const aliases = Array.from(
      { length: MAX_EXTRA_ALIASES },
      (_, i) => `${'名'.repeat(MAX_ALIAS_LENGTH - 6)}${String(i).padStart(6, '0')}`,
    );
    const settings = {
      ...DEFAULT_SETTINGS,
      detection: { mode: 'context' as const, extraAliases: { xiaomi: aliases } },
    };
    const sentence = `${'言'.repeat(150)} Surface ${'语'.repeat(200)}`;
    const one = (i: number) =>
      made({ kind: 'not-this', site: `s${i}.example`, entity: 'surface', sentence, start: 151, end: 158 }, i);
    const each =
      correctionsBytes({ version: 1, items: [one(0), one(1)] }) - correctionsBytes({ version: 1, items: [one(0)] });
    const full: Corrections = {
      version: 1,
      items: Array.from({ length: Math.floor(MAX_CORRECTIONS_BYTES / each) - 10 }, (_, i) => one(i)),
    };
    expect(correctionsBytes(full)).toBeLessThanOrEqual(MAX_CORRECTIONS_BYTES);
    expect(correctionsBytes(full)).toBeGreaterThan(MAX_CORRECTIONS_BYTES - 20 * each);
    const text = exportSettings(settings, full);
    expect(new TextEncoder().encode(text).length).toBeLessThan(MAX_IMPORT_BYTES);
    expect(importSettings(text)).toMatchObject({ ok: true, corrections: full });
  });

  it('merges into this device’s corrections, undoably, within the limits', () => {
    const here: Corrections = {
      version: 1,
      items: [CORRECTIONS.items[1]!, made({ kind: 'not-here', site: 'x.example', entity: 'bing' })],
    };
    const merged = mergeImportedCorrections(here, CORRECTIONS);
    if (!merged.ok) throw new Error('refused');
    // The one already here is kept once.
    expect(merged.corrections.items).toEqual([...here.items, CORRECTIONS.items[0], CORRECTIONS.items[2]]);
    const undone = applyChanges(merged.corrections, merged.undo);
    expect(undone.ok && undone.corrections).toEqual(here);
    const crowded: Corrections = {
      version: 1,
      items: Array.from({ length: MAX_CORRECTIONS - 1 }, (_, i) =>
        made({ kind: 'not-here', site: `c${i}.example`, entity: 'apple' }),
      ),
    };
    expect(mergeImportedCorrections(crowded, CORRECTIONS)).toEqual({
      ok: false,
      problem: { code: 'too-many', max: 1000 },
    });
  });

  it('the import confirmation says how many the file adds and which of this device’s give way', () => {
    const here: Corrections = {
      version: 1,
      items: [
        CORRECTIONS.items[1]!,
        // The reader here marked the span the file says is not a mention: the file's word wins, and the dialog says so.
        made({ kind: 'mark', site: 'news.example.com', entity: 'surface', sentence: SENTENCE, start: 11, end: 18 }),
      ],
    };
    const merged = mergeImportedCorrections(here, CORRECTIONS);
    if (!merged.ok) throw new Error('refused');
    expect(describeCorrectionsMerge(CORRECTIONS.items.length, merged.undo)).toEqual([
      'Corrections: adds 2 (the file holds 3; one already on this device is kept once)',
      'Corrections: 1 of this device’s give way to the file’s opposite correction of the same mention',
    ]);
    expect(merged.corrections.items.some((c) => c.kind === 'mark' && c.entity === 'surface')).toBe(false);
    // A file whose corrections are all here already changes nothing: no line.
    const same = mergeImportedCorrections(CORRECTIONS, CORRECTIONS);
    expect(same.ok && describeCorrectionsMerge(3, same.undo)).toEqual([]);
  });
});
