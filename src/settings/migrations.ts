/**
 * How settings written by an older version become today's shape. The same
 * table serves extension storage (@wxt-dev/storage runs it on load, keyed by
 * the version it keeps in the item's metadata) and imported files (which
 * carry their version in the file).
 *
 * Version 1 is the first shape Partnership Lens ever stored, so the table is
 * empty today. When the shape changes: bump SETTINGS_VERSION in schema.ts and
 * add `[newVersion]: (previous) => next`, a pure function of the previous
 * version's value that never throws on a value that was valid for it.
 */
import { SETTINGS_VERSION } from './schema';

export type Migration = (previous: unknown) => unknown;
export type MigrationTable = Readonly<Record<number, Migration>>;

export const SETTINGS_MIGRATIONS: MigrationTable = {};

/** The oldest version that can still be read: 1, or the first version the table knows how to reach. */
export const OLDEST_READABLE_VERSION = 1;

export class SettingsVersionError extends Error {
  constructor(
    message: string,
    readonly version: unknown,
  ) {
    super(message);
    this.name = 'SettingsVersionError';
  }
}

export interface MigrateOptions {
  /** The version to reach; defaults to SETTINGS_VERSION. */
  to?: number;
  migrations?: MigrationTable;
  /** The oldest version the table starts from; defaults to OLDEST_READABLE_VERSION. */
  oldest?: number;
}

/**
 * Runs the migrations from `from` up to `to`, one version at a time. A version
 * newer than `to` is refused: its meaning is unknown to this build, and
 * guessing would silently lose settings.
 */
export function migrateSettings(value: unknown, from: unknown, options: MigrateOptions = {}): unknown {
  const to = options.to ?? SETTINGS_VERSION;
  const migrations = options.migrations ?? SETTINGS_MIGRATIONS;
  const oldest = options.oldest ?? OLDEST_READABLE_VERSION;
  if (typeof from !== 'number' || !Number.isInteger(from)) {
    throw new SettingsVersionError(
      `version: must be a whole number, not ${JSON.stringify(from) ?? String(from)}`,
      from,
    );
  }
  if (from > to) {
    throw new SettingsVersionError(
      `version: ${from} was written by a newer Partnership Lens; this one reads settings up to version ${to}. Update the extension to import it.`,
      from,
    );
  }
  if (from < oldest) {
    throw new SettingsVersionError(
      `version: ${from} is not a version Partnership Lens ever wrote (the first is ${oldest})`,
      from,
    );
  }
  let current = value;
  for (let next = from + 1; next <= to; next++) {
    const step = migrations[next];
    if (!step) throw new SettingsVersionError(`version: no migration from version ${next - 1} to ${next}`, from);
    current = step(current);
  }
  return current;
}
