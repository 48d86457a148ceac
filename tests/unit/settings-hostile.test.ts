/**
 * A reader's settings file is input from a stranger (issue 11): each hostile
 * file is refused with a short message naming where it is wrong, or (where it
 * is harmless) accepted; none can freeze the page that reads it. Small files
 * live in tests/fixtures/hostile/settings; the huge ones are made here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { MAX_ALIAS_LENGTH, MAX_EXTRA_ALIASES } from '../../src/detect/scan';
import { aliasProblems } from '../../src/settings/aliases';
import { repairSettings } from '../../src/settings/repair';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, type Settings } from '../../src/settings/schema';
import {
  importSettings,
  importSettingsFile,
  MAX_IMPORT_BYTES,
  MAX_REPORTED_ERRORS,
  type ImportResult,
} from '../../src/settings/transfer';
import { decodeUtf8, firstInvalidUtf8 } from '../../src/text/utf8';

const DIR = join(import.meta.dirname, '../fixtures/hostile/settings');
const fixture = (name: string) => new Uint8Array(readFileSync(join(DIR, name)));

const fileOf = (settings: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ format: 'partnership-lens-settings', version: SETTINGS_VERSION, settings, ...extra });

const withAliases = (extraAliases: unknown) => ({
  ...DEFAULT_SETTINGS,
  detection: { mode: 'context', extraAliases },
});

function refused(result: ImportResult): string[] {
  if (result.ok) throw new Error('expected the file to be refused');
  return result.errors;
}

/** Every message a reader is shown is short: a path and an excerpt. */
function expectShort(errors: readonly string[]) {
  expect(errors.length).toBeLessThanOrEqual(MAX_REPORTED_ERRORS);
  for (const e of errors) expect(e.length, e.slice(0, 300)).toBeLessThanOrEqual(200);
}

describe('hostile settings files', () => {
  it('refuses "__proto__" as an entity of extraAliases, by its path (it was accepted and the alias dropped)', () => {
    const errors = refused(importSettingsFile(fixture('proto-alias.json')));
    expect(errors).toEqual(['detection.extraAliases.__proto__: “__proto__” cannot be a key in a settings file']);
  });

  it('refuses constructor and prototype keys anywhere in the file', () => {
    expect(refused(importSettingsFile(fixture('constructor-prototype.json')))).toEqual([
      'sites.constructor: “constructor” cannot be a key in a settings file',
      'sites.constructor.prototype: “prototype” cannot be a key in a settings file',
    ]);
    expect(refused(importSettings('{"__proto__": {"format": "partnership-lens-settings"}}'))).toEqual([
      '__proto__: “__proto__” cannot be a key in a settings file',
    ]);
  });

  it('refuses a file that is not UTF-8 instead of reading it with replacement characters', () => {
    const bytes = fixture('latin1.json');
    expect(refused(importSettingsFile(bytes))).toEqual([
      `the file is not UTF-8 text (byte ${bytes.indexOf(0xe9)} is not valid UTF-8): save it as UTF-8 and try again`,
    ]);
    // The same file in UTF-8 is fine, with or without a byte-order mark.
    const utf8 = new TextEncoder().encode(new TextDecoder('latin1').decode(bytes));
    expect(importSettingsFile(utf8).ok).toBe(true);
    expect(importSettingsFile(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8])).ok).toBe(true);
  });

  it('accepts the alias of repeated hyphens: it now compiles to a pattern linear in the text', () => {
    const result = importSettingsFile(fixture('hyphen-alias.json'));
    expect(result.ok && result.settings.detection.extraAliases).toEqual({
      xiaomi: ['a------------b', 'Mi - - - Corp'],
    });
  });

  it('names a format of 100,000 nested arrays by a short excerpt, not a 200,000-character message', () => {
    const text = `{"format": ${'['.repeat(100_000)}${']'.repeat(100_000)}, "version": 1, "settings": {}}`;
    const errors = refused(importSettings(text));
    expect(errors).toEqual([
      'format: must be "partnership-lens-settings", not a list of 1: this is not a Partnership Lens settings file',
    ]);
  });

  it('keeps every message short, whatever the file holds: long values, long keys, deep nesting, many errors', () => {
    const long = 'x'.repeat(100_000);
    const deep = (depth: number, open = '[', close = ']') => open.repeat(depth) + close.repeat(depth);
    for (const text of [
      fileOf({ ...DEFAULT_SETTINGS, detection: { mode: long, extraAliases: {} } }),
      fileOf({ ...DEFAULT_SETTINGS, disabledEntities: 'DEEP' }).replace('"DEEP"', deep(50_000)),
      fileOf({ ...DEFAULT_SETTINGS, disabledEntities: 'DEEP' }).replace('"DEEP"', deep(40_000, '{"__proto__":', '}')),
      fileOf({ ...DEFAULT_SETTINGS, style: 'DEEP' }).replace(
        '"DEEP"',
        `${'{"a":'.repeat(40_000)}1${'}'.repeat(40_000)}`,
      ),
      fileOf({ ...DEFAULT_SETTINGS, [long]: 1 }),
      fileOf(withAliases({ [long]: ['Mi Corp'] })),
      fileOf({
        ...DEFAULT_SETTINGS,
        sites: { defaultOn: true, allow: Array(5000).fill(`!${long.slice(0, 40)}`), block: [] },
      }),
      fileOf(DEFAULT_SETTINGS, { [long]: true }),
      JSON.stringify({ format: long, version: 1, settings: {} }),
      `{"format": "partnership-lens-settings", "version": ${'['.repeat(1000)}${']'.repeat(1000)}, "settings": {}}`,
      `{"format": "partnership-lens-settings", "version": 2, "settings": ${long}`,
    ]) {
      expectShort(refused(importSettings(text)));
    }
    const many = refused(
      importSettings(
        fileOf({ ...DEFAULT_SETTINGS, sites: { defaultOn: true, allow: Array(5000).fill('!'), block: [] } }),
      ),
    );
    expect(many).toHaveLength(MAX_REPORTED_ERRORS);
    expect(
      importSettings(
        fileOf({ ...DEFAULT_SETTINGS, sites: { defaultOn: true, allow: Array(5000).fill('!'), block: [] } }),
      ),
    ).toMatchObject({ omitted: 5000 - MAX_REPORTED_ERRORS });
    const longMode = refused(
      importSettings(fileOf({ ...DEFAULT_SETTINGS, detection: { mode: long, extraAliases: {} } })),
    );
    expect(longMode[0]).toMatch(
      /^detection\.mode: must be \("context" \| "plain"\), not "x{40}…" \(100,000 characters\)$/,
    );
  });

  it('refuses an alias of 100,000 characters, naming the limit (it once stopped every page detecting)', () => {
    const errors = refused(importSettings(fileOf(withAliases({ xiaomi: ['x'.repeat(100_000)] }))));
    expect(errors).toEqual([
      `detection.extraAliases.xiaomi.0: an alias is at most ${MAX_ALIAS_LENGTH} characters; this one has 100,000`,
    ]);
  });

  it('refuses 10,000 aliases, naming the limit (they froze the options page and doubled a page’s script time)', () => {
    const aliases = Array.from({ length: 10_000 }, (_, i) => `Codename ${i}`);
    expect(refused(importSettings(fileOf(withAliases({ xiaomi: aliases }))))).toEqual([
      `detection.extraAliases: at most ${MAX_EXTRA_ALIASES} aliases in all; these settings have 10,000`,
    ]);
    const justSo = Array.from({ length: MAX_EXTRA_ALIASES }, (_, i) => `Codename ${i}`);
    expect(importSettings(fileOf(withAliases({ xiaomi: justSo.slice(0, 250), microsoft: justSo.slice(250) }))).ok).toBe(
      true,
    );
  });

  it('a file at the size limit with every hostile shape at once is refused whole, and quickly named', () => {
    const junk = JSON.stringify(Array.from({ length: 20_000 }, (_, i) => ({ ['k' + i]: [i, 'v'] })));
    const text = fileOf({ ...DEFAULT_SETTINGS, disabledEntities: junk.slice(0, MAX_IMPORT_BYTES - 2000) });
    expectShort(refused(importSettings(text)));
  });
});

describe('the alias conflict check is linear in the number of aliases', () => {
  /**
   * Counts the work by the case foldings it does (every comparison of two
   * aliases lower-cases them): the check it replaced compared each alias with
   * every earlier one, 2,000 aliases → millions of foldings.
   */
  function foldingsFor(count: number): number {
    const aliases = Array.from({ length: count }, (_, i) => `Codename ${i}`);
    const extraAliases = { xiaomi: aliases.slice(0, count / 2), microsoft: aliases.slice(count / 2) };
    const lower = vi.spyOn(String.prototype, 'toLowerCase');
    const localeLower = vi.spyOn(String.prototype, 'toLocaleLowerCase');
    try {
      // Over the count limit, each alias beyond it is named: the check still reads them all.
      expect(aliasProblems(extraAliases)).toHaveLength(Math.max(0, count - MAX_EXTRA_ALIASES));
      return lower.mock.calls.length + localeLower.mock.calls.length;
    } finally {
      lower.mockRestore();
      localeLower.mockRestore();
    }
  }

  it('folds each alias a bounded number of times, however many there are', () => {
    foldingsFor(2); // the built-in names are folded once, on first use
    const small = foldingsFor(250);
    const large = foldingsFor(2000);
    // Linear: 8× the aliases, 8× the work. The quadratic check did ~64×.
    expect(large).toBeLessThan(small * 10);
    expect(large).toBeLessThan(2000 * 4);
  });
});

describe('strict UTF-8', () => {
  it('finds the first ill-formed byte: stray continuation, truncated, overlong, surrogate, beyond U+10FFFF', () => {
    const at = (...b: number[]) => firstInvalidUtf8(new Uint8Array(b));
    expect(at(0x41, 0xe2, 0x80, 0xa8, 0xf0, 0x9f, 0x98, 0x80)).toBe(-1);
    expect(at(0x41, 0x80)).toBe(1);
    expect(at(0x41, 0xe2, 0x80)).toBe(1);
    expect(at(0xc0, 0xaf)).toBe(0);
    expect(at(0xe0, 0x80, 0xaf)).toBe(0);
    expect(at(0xed, 0xa0, 0x80)).toBe(0);
    expect(at(0xf4, 0x90, 0x80, 0x80)).toBe(0);
    expect(at(0xff)).toBe(0);
    expect(decodeUtf8(new Uint8Array([0x61, 0xe9, 0x62]))).toEqual({ ok: false, offset: 1 });
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ ok: true, text: 'a' });
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]), { keepBom: true })).toEqual({
      ok: true,
      text: '\uFEFFa',
    });
  });
});

describe('stored settings over the limits are repaired, not reset', () => {
  it('leaves out aliases over the length and count limits and keeps everything else', () => {
    const many = Array.from({ length: MAX_EXTRA_ALIASES + 3 }, (_, i) => `Codename ${i}`);
    const stored = {
      ...DEFAULT_SETTINGS,
      disabledEntities: ['bing'],
      detection: { mode: 'plain', extraAliases: { xiaomi: ['x'.repeat(100_000), ...many] } },
    };
    const { settings, reset } = repairSettings(stored);
    expect(settings).toEqual({
      ...DEFAULT_SETTINGS,
      disabledEntities: ['bing'],
      detection: { mode: 'plain', extraAliases: { xiaomi: many.slice(0, MAX_EXTRA_ALIASES) } },
    } satisfies Settings);
    // Named by their place in what was stored: the long one first, then the three past the limit.
    expect(reset).toEqual([
      'detection.extraAliases.xiaomi.0',
      ...[1, 2, 3].map((k) => `detection.extraAliases.xiaomi.${MAX_EXTRA_ALIASES + k}`),
    ]);
  });

  it('drops an entity key that is not an id ("__proto__" included) and keeps the others', () => {
    const stored = JSON.parse(
      '{"detection": {"mode": "context", "extraAliases": {"__proto__": ["A1"], "Not an id": ["B1"], "xiaomi": ["Mi Corp"]}}}',
    ) as Record<string, unknown>;
    const { settings, reset } = repairSettings({ ...DEFAULT_SETTINGS, ...stored });
    expect(settings.detection.extraAliases).toEqual({ xiaomi: ['Mi Corp'] });
    expect(reset).toEqual(['detection.extraAliases.__proto__', 'detection.extraAliases.Not an id']);
  });
});
