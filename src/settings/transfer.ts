/**
 * Settings files: what "Export" writes and "Import" reads, so researchers
 * can reproduce and share a configuration. Pure: no browser API.
 *
 * Import is all-or-nothing: a file is either fully valid (after migrating
 * from its version) or refused with its problems named by their paths (the
 * first MAX_REPORTED_ERRORS, each short: see excerpt.ts), and the caller
 * changes nothing.
 *
 * A file can also carry the reader's corrections (src/corrections: "not this
 * one", "not here", "mark as mention"), checked as strictly, with their own
 * version; a file without them (every file before they existed) leaves the
 * corrections on this device alone, and a file with them is merged into them
 * by the caller (`mergeImportedCorrections`), never replacing them. A file is input from a stranger: read as strict UTF-8,
 * and no key anywhere in it may be __proto__, constructor or prototype.
 */
import * as v from 'valibot';
import { aliasProblems } from './aliases';
import { checkHighlightColour } from './contrast';
import { migrateSettings, SettingsVersionError, type MigrateOptions } from './migrations';
import { SETTINGS_VERSION, SettingsSchema, type Settings } from './schema';
import { decodeUtf8 } from '../text/utf8';
import { applyChanges, CorrectionsSchema, type ChangeResult, type Corrections } from '../corrections/model';
import { cut, excerpt, shortPath } from './excerpt';

export const SETTINGS_FILE_FORMAT = 'partnership-lens-settings';
/**
 * Far above any real settings file (a few KB, 256 KB with the most aliases
 * allowed) with the most corrections this device keeps (MAX_CORRECTIONS_BYTES,
 * 512 KB); refuses pasted junk before parsing it.
 */
export const MAX_IMPORT_BYTES = 1024 * 1024;

export interface SettingsFile {
  format: typeof SETTINGS_FILE_FORMAT;
  version: number;
  settings: Settings;
  /** The reader's corrections, when exported with them. */
  corrections?: Corrections;
}

/**
 * The settings file: settings indented for reading, and the corrections (when
 * given) one a line, so that a file of many stays compact and diffable.
 */
export function exportSettings(settings: Settings, corrections?: Corrections): string {
  const file: SettingsFile = { format: SETTINGS_FILE_FORMAT, version: SETTINGS_VERSION, settings };
  if (corrections) file.corrections = { version: corrections.version, items: [] };
  let text = JSON.stringify(file, null, 2);
  if (corrections?.items.length) {
    const at = text.lastIndexOf('"items": []');
    const items = corrections.items.map((c) => `      ${JSON.stringify(c)}`).join(',\n');
    text = `${text.slice(0, at)}"items": [\n${items}\n    ]${text.slice(at + '"items": []'.length)}`;
  }
  return text + '\n';
}

/** `partnership-lens-settings-2024-05-01.json`, from the local date. */
export function exportFileName(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${SETTINGS_FILE_FORMAT}-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`;
}

export type ImportResult =
  /** `corrections` only when the file has them. */
  | { ok: true; settings: Settings; fromVersion: number; corrections?: Corrections }
  /** `errors` names at most MAX_REPORTED_ERRORS problems; `omitted` counts the rest. */
  | { ok: false; errors: string[]; omitted: number };

/** A refused file names this many problems at most (each by its path and a short excerpt). */
export const MAX_REPORTED_ERRORS = 20;
/** Longest message quoted in an error. */
const MAX_MESSAGE = 200;
const MAX_EXPECTED = 60;

/** Keys that could change how the settings are read if a program ever merged the file into an object. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function refused(errors: readonly string[]): ImportResult {
  const named = errors.slice(0, MAX_REPORTED_ERRORS).map((e) => cut(e, MAX_MESSAGE));
  return { ok: false, errors: named, omitted: errors.length - named.length };
}

/**
 * Problems a valid-by-schema value can still have: rules across fields, or
 * that need the dataset (aliases) or arithmetic (contrast). Paths as valibot's.
 */
export function settingsProblems(settings: Settings): string[] {
  const problems: string[] = [];
  for (const [kind, colour] of Object.entries(settings.style.colours)) {
    const check = checkHighlightColour(colour);
    if (check.problem) problems.push(`style.colours.${kind}: ${colour} has ${check.problem}`);
  }
  for (const p of aliasProblems(settings.detection.extraAliases)) problems.push(`${shortPath(p.path)}: ${p.message}`);
  return problems;
}

/** `path: message` for each valibot issue; the root is named `settings`. Paths and messages are kept short. */
export function formatIssues(issues: readonly v.BaseIssue<unknown>[], prefix = ''): string[] {
  return issues.map((issue) => {
    const path = v.getDotPath(issue);
    const where = shortPath([prefix, path].filter(Boolean).join('.') || 'settings');
    // valibot reports an unknown key of a strict object as "Expected never".
    const unknownKey = issue.kind === 'schema' && issue.expected === 'never';
    // valibot's own wording quotes the value it received in full: name it by an excerpt instead.
    const message = unknownKey
      ? 'unknown setting'
      : issue.kind === 'schema'
        ? `must be ${cut(issue.expected ?? 'something else', MAX_EXPECTED)}, not ${excerpt(issue.input)}`
        : issue.message;
    return `${where}: ${message}`;
  });
}

/**
 * Validates a settings object read from anywhere (storage, a file already
 * migrated): schema first, then the cross-field rules.
 */
export function validateSettings(
  value: unknown,
  prefix = '',
): { ok: true; settings: Settings } | { ok: false; errors: string[] } {
  const parsed = v.safeParse(SettingsSchema, value);
  if (!parsed.success) return { ok: false, errors: formatIssues(parsed.issues, prefix) };
  const problems = settingsProblems(parsed.output);
  if (problems.length) return { ok: false, errors: prefix ? problems.map((p) => `${prefix}.${p}`) : problems };
  return { ok: true, settings: parsed.output };
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

interface Visit {
  value: unknown;
  key: string;
  parent: Visit | null;
}

/** The dot path of a visited key, with the middle of a very deep one left out. */
function pathOf(node: Visit): string {
  const segments: string[] = [];
  for (let n: Visit | null = node; n && n.parent; n = n.parent) segments.push(n.key);
  segments.reverse();
  if (segments[0] === 'settings' && segments.length > 1) segments.shift();
  const shown = segments.length > 12 ? [...segments.slice(0, 5), '…', ...segments.slice(-5)] : segments;
  return shortPath(shown.join('.'));
}

/**
 * Every key named __proto__, constructor or prototype, anywhere in the parsed
 * file, by its path (relative to `settings` inside it, as other errors are).
 * Iterative, and paths are built only for what is found: a file can nest
 * tens of thousands of levels deep.
 */
function unsafeKeys(data: unknown): string[] {
  const found: [path: string, key: string][] = [];
  const stack: Visit[] = [{ value: data, key: '', parent: null }];
  while (stack.length && found.length <= MAX_REPORTED_ERRORS) {
    const node = stack.pop()!;
    if (typeof node.value !== 'object' || node.value === null) continue;
    for (const key of Object.keys(node.value)) {
      const child = { value: (node.value as Record<string, unknown>)[key], key, parent: node };
      if (UNSAFE_KEYS.has(key)) found.push([pathOf(child), key]);
      stack.push(child);
    }
  }
  return found
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, key]) => `${path}: “${key}” cannot be a key in a settings file`);
}

/**
 * Reads a settings file's bytes: refused when over MAX_IMPORT_BYTES or not
 * valid UTF-8 (a byte-order mark is fine), otherwise as `importSettings`.
 */
export function importSettingsFile(bytes: Uint8Array, options: MigrateOptions = {}): ImportResult {
  if (bytes.length > MAX_IMPORT_BYTES) return importSettings('', bytes.length, options);
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    return refused([
      `the file is not UTF-8 text (byte ${decoded.offset.toLocaleString('en')} is not valid UTF-8): save it as UTF-8 and try again`,
    ]);
  }
  return importSettings(decoded.text, bytes.length, options);
}

/**
 * Reads a settings file. `byteLength` is the file's size as the browser
 * reports it (text length undercounts multi-byte characters).
 */
export function importSettings(
  text: string,
  byteLength: number = new TextEncoder().encode(text).length,
  options: MigrateOptions = {},
): ImportResult {
  if (byteLength > MAX_IMPORT_BYTES) {
    return refused([
      `the file is ${Math.ceil(byteLength / 1024)} KB; a settings file is at most ${MAX_IMPORT_BYTES / 1024} KB`,
    ]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return refused([`the file is not valid JSON (${err instanceof Error ? err.message : String(err)})`]);
  }
  if (!isObject(data)) return refused(['the file must hold a JSON object with format, version and settings']);
  const unsafe = unsafeKeys(data);
  if (unsafe.length) return refused(unsafe);
  if (data.format !== SETTINGS_FILE_FORMAT) {
    return refused([
      `format: must be "${SETTINGS_FILE_FORMAT}", not ${excerpt(data.format)}: this is not a Partnership Lens settings file`,
    ]);
  }
  const extra = Object.keys(data).filter((k) => !['format', 'version', 'settings', 'corrections'].includes(k));
  if (extra.length) return refused(extra.map((k) => `${shortPath(k)}: unknown field in a settings file`));
  if (!('settings' in data)) return refused(['settings: missing']);
  const version = data.version;
  let migrated: unknown;
  try {
    migrated = migrateSettings(data.settings, version, options);
  } catch (err) {
    if (err instanceof SettingsVersionError) return refused([err.message]);
    return refused([
      `settings: could not be upgraded from version ${excerpt(version)} (${err instanceof Error ? err.message : String(err)})`,
    ]);
  }
  // Paths are relative to `settings` (`style.colours.product`): what a researcher sees in the options.
  const valid = validateSettings(migrated);
  let corrections: Corrections | undefined;
  const errors = valid.ok ? [] : [...valid.errors];
  if ('corrections' in data) {
    const parsed = v.safeParse(CorrectionsSchema, data.corrections);
    if (parsed.success) corrections = parsed.output;
    else errors.push(...formatIssues(parsed.issues, 'corrections'));
  }
  if (!valid.ok || errors.length) return refused(errors);
  return {
    ok: true,
    settings: valid.settings,
    fromVersion: version as number,
    ...(corrections ? { corrections } : {}),
  };
}

/**
 * The corrections of an imported file added to this device's (one already
 * here is kept once; "not this one" and "mark as mention" of one span replace
 * each other, the file's winning): the result, whose `undo` takes the
 * file's away again, or the limit the two together would cross.
 */
export function mergeImportedCorrections(current: Corrections, imported: Corrections): ChangeResult {
  return applyChanges(
    current,
    imported.items.map((correction) => ({ op: 'add', correction })),
  );
}
