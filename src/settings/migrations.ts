/**
 * How settings written by an older version become today's shape. The same
 * table serves extension storage (@wxt-dev/storage runs it on load, keyed by
 * the version it keeps in the item's metadata) and imported files (which
 * carry their version in the file).
 *
 * Versions that have shipped (tests/fixtures/settings/ holds stored settings
 * of each, and tests/unit/settings-versions.test.ts loads every one):
 * 1. the first shape (disabledEntities, disabledKinds, sites, style, detection, cards);
 * 2. the same shape; the default kind colours changed (company and agreement
 *    were both orange), and readers who kept a default colour get the new one.
 *
 * When the shape or a default a reader should receive changes: bump
 * SETTINGS_VERSION in schema.ts, add `[newVersion]: (previous) => next` here,
 * a pure function of the previous version's value that never throws (on a
 * value it does not recognise, return it unchanged: loading repairs what it
 * cannot read, field by field), and add fixtures of the new version.
 */
import { excerpt } from './excerpt';
import { DEFAULT_KIND_COLOURS, SETTINGS_VERSION } from './schema';

export type Migration = (previous: unknown) => unknown;
export type MigrationTable = Readonly<Record<number, Migration>>;

/** Version 1's default colours. The agreement colour was #e67700 in the very first build, #d97706 after. */
const V1_DEFAULT_COLOURS: Readonly<Record<string, readonly string[]>> = {
  company: ['#d9480f'],
  product: ['#1c7ed6'],
  person: ['#9c36b5'],
  technology: ['#2b8a3e'],
  agreement: ['#d97706', '#e67700'],
};

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

export const SETTINGS_MIGRATIONS: MigrationTable = {
  2: (previous) => {
    if (!isObject(previous) || !isObject(previous.style) || !isObject(previous.style.colours)) return previous;
    // A colour still at its version-1 default was never chosen: it takes the new default. Chosen ones stay.
    const colours: Record<string, unknown> = { ...previous.style.colours };
    for (const [kind, olds] of Object.entries(V1_DEFAULT_COLOURS)) {
      const colour = colours[kind];
      if (typeof colour === 'string' && olds.includes(colour.toLowerCase()))
        colours[kind] = DEFAULT_KIND_COLOURS[kind as keyof typeof DEFAULT_KIND_COLOURS];
    }
    return { ...previous, style: { ...previous.style, colours } };
  },
};

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
    throw new SettingsVersionError(`version: must be a whole number, not ${excerpt(from)}`, from);
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
