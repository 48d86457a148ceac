/**
 * Settings files: what "Export" writes and "Import" reads, so researchers
 * can reproduce and share a configuration. Pure: no browser API.
 *
 * Import is all-or-nothing: a file is either fully valid (after migrating
 * from its version) or refused with every problem named by its path, and
 * the caller changes nothing.
 */
import * as v from 'valibot';
import { aliasProblems } from './aliases';
import { checkHighlightColour } from './contrast';
import { migrateSettings, SettingsVersionError, type MigrateOptions } from './migrations';
import { SETTINGS_VERSION, SettingsSchema, type Settings } from './schema';

export const SETTINGS_FILE_FORMAT = 'partnership-lens-settings';
/** Far above any real settings file (a few KB); refuses pasted junk before parsing it. */
export const MAX_IMPORT_BYTES = 256 * 1024;

export interface SettingsFile {
  format: typeof SETTINGS_FILE_FORMAT;
  version: number;
  settings: Settings;
}

export function exportSettings(settings: Settings): string {
  const file: SettingsFile = { format: SETTINGS_FILE_FORMAT, version: SETTINGS_VERSION, settings };
  return JSON.stringify(file, null, 2) + '\n';
}

/** `partnership-lens-settings-2024-05-01.json`, from the local date. */
export function exportFileName(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${SETTINGS_FILE_FORMAT}-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`;
}

export type ImportResult = { ok: true; settings: Settings; fromVersion: number } | { ok: false; errors: string[] };

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
  for (const p of aliasProblems(settings.detection.extraAliases)) problems.push(`${p.path}: ${p.message}`);
  return problems;
}

/** `path: message` for each valibot issue; the root is named `settings`. */
export function formatIssues(issues: readonly v.BaseIssue<unknown>[], prefix = ''): string[] {
  return issues.map((issue) => {
    const path = v.getDotPath(issue);
    const where = [prefix, path].filter(Boolean).join('.') || 'settings';
    // valibot reports an unknown key of a strict object as "Expected never".
    const unknownKey = issue.kind === 'schema' && issue.expected === 'never';
    return `${where}: ${unknownKey ? 'unknown setting' : issue.message}`;
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
    return {
      ok: false,
      errors: [
        `the file is ${Math.ceil(byteLength / 1024)} KB; a settings file is at most ${MAX_IMPORT_BYTES / 1024} KB`,
      ],
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, errors: [`the file is not valid JSON (${err instanceof Error ? err.message : String(err)})`] };
  }
  if (!isObject(data))
    return { ok: false, errors: ['the file must hold a JSON object with format, version and settings'] };
  if (data.format !== SETTINGS_FILE_FORMAT) {
    return {
      ok: false,
      errors: [
        `format: must be "${SETTINGS_FILE_FORMAT}", not ${JSON.stringify(data.format) ?? 'missing'}: this is not a Partnership Lens settings file`,
      ],
    };
  }
  const extra = Object.keys(data).filter((k) => !['format', 'version', 'settings'].includes(k));
  if (extra.length) return { ok: false, errors: extra.map((k) => `${k}: unknown field in a settings file`) };
  if (!('settings' in data)) return { ok: false, errors: ['settings: missing'] };
  const version = data.version;
  let migrated: unknown;
  try {
    migrated = migrateSettings(data.settings, version, options);
  } catch (err) {
    if (err instanceof SettingsVersionError) return { ok: false, errors: [err.message] };
    return {
      ok: false,
      errors: [
        `settings: could not be upgraded from version ${String(version)} (${err instanceof Error ? err.message : String(err)})`,
      ],
    };
  }
  // Paths are relative to `settings` (`style.colours.product`): what a researcher sees in the options.
  const valid = validateSettings(migrated);
  if (!valid.ok) return valid;
  return { ok: true, settings: valid.settings, fromVersion: version as number };
}
