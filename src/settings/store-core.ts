/**
 * Where settings live, independent of the storage library so it can be
 * tested in Node: synced storage while the settings fit its per-item quota,
 * this device's local storage (with a small marker in sync) when they don't.
 * Readers only ever see "the settings"; the options page also sees where.
 */
import * as v from 'valibot';
import { repairSettings } from './repair';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from './schema';

/** chrome.storage.sync.QUOTA_BYTES_PER_ITEM (Firefox uses the same figure). */
export const SYNC_QUOTA_BYTES_PER_ITEM = 8192;

/** The storage key under which the settings sit in the sync area (WXT's `sync:settings`). */
export const SYNC_SETTINGS_KEY = 'settings';

export type SettingsLocation = 'sync' | 'local';

/** Left in sync storage when the settings had to move to local storage. */
export interface LocalMarker {
  location: 'local';
  /** What the settings measured when they moved: for the message on the options page. */
  bytes: number;
}

/** The part of a storage item this module uses (a subset of WXT's WxtStorageItem). */
export interface ItemLike<T> {
  getValue(): Promise<T | null>;
  setValue(value: T): Promise<void>;
  removeValue(): Promise<void>;
  watch(cb: (value: T | null) => void): () => void;
}

export interface SettingsItems {
  sync: ItemLike<Settings>;
  local: ItemLike<Settings>;
  marker: ItemLike<LocalMarker>;
}

export interface SettingsState {
  settings: Settings;
  location: SettingsLocation;
  /** Size of the settings as sync storage counts it (key + JSON, UTF-8 bytes). */
  bytes: number;
  /**
   * Set when part of what is stored could not be read: the paths of the fields that took their
   * default (or were left out). Every other field of `settings` is what was stored.
   */
  storedProblem: string | null;
  /** Another device keeps settings too large to sync; this one shows the last copy that synced. */
  localElsewhere: boolean;
}

/** Bytes that sync storage charges for an item: its key plus its JSON, in UTF-8. */
export function syncItemBytes(value: unknown, key: string = SYNC_SETTINGS_KEY): number {
  return new TextEncoder().encode(key + JSON.stringify(value)).length;
}

export function fitsInSync(settings: Settings): boolean {
  return syncItemBytes(settings) <= SYNC_QUOTA_BYTES_PER_ITEM;
}

/**
 * A size quota, as opposed to the write-rate quotas (which a retry elsewhere
 * would not help). Chromium says "Resource::kQuotaBytesPerItem quota
 * exceeded"; older Chrome and Firefox use the constant's name, QUOTA_BYTES_PER_ITEM.
 */
export function isSizeQuotaError(err: unknown): boolean {
  const message = err instanceof Error ? err.message : String(err);
  return /quota_?bytes/i.test(message) && !/write_?operations/i.test(message);
}

/** At most this many paths are named in `storedProblem`; the rest are counted. */
const NAMED_PATHS = 8;

function validated(value: unknown): { settings: Settings; problem: string | null } {
  if (value == null) return { settings: DEFAULT_SETTINGS, problem: null };
  const parsed = v.safeParse(SettingsSchema, value);
  if (parsed.success) return { settings: parsed.output, problem: null };
  // Field by field: keep what can be read, default only what cannot (repair.ts).
  const { settings, reset } = repairSettings(value);
  const named = reset.slice(0, NAMED_PATHS).map((p) => (p.length > 80 ? `${p.slice(0, 79)}…` : p));
  const more = reset.length - named.length;
  return { settings, problem: named.join(', ') + (more > 0 ? ` (+${more})` : '') };
}

export class SettingsStore {
  /** Writes run one after another so that two quick changes cannot interleave their steps. */
  private queue: Promise<unknown> = Promise.resolve();
  private warned: string | null = null;

  constructor(private readonly items: SettingsItems) {}

  async getState(): Promise<SettingsState> {
    const marker = await this.items.marker.getValue();
    // With a marker, this device's local copy wins. A marker without a local
    // copy means another device moved its settings off sync: this one keeps
    // the last copy that synced.
    const local = marker?.location === 'local' ? await this.items.local.getValue() : null;
    const raw = local ?? (await this.items.sync.getValue());
    const { settings, problem } = validated(raw);
    // Once per problem in this context: every read repairs again until the next save.
    if (problem && problem !== this.warned)
      console.warn(`[Partnership Lens] stored settings repaired: ${problem} reset to the defaults`);
    this.warned = problem;
    return {
      settings,
      location: local ? 'local' : 'sync',
      bytes: syncItemBytes(settings),
      storedProblem: problem,
      localElsewhere: marker?.location === 'local' && !local,
    };
  }

  async get(): Promise<Settings> {
    return (await this.getState()).settings;
  }

  /**
   * Saves `next` and resolves to where it went. Refuses (rejects) values the
   * schema refuses, so nothing invalid ever reaches storage.
   */
  set(next: Settings): Promise<SettingsLocation> {
    const run = this.queue.then(() => this.write(next));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async write(next: Settings): Promise<SettingsLocation> {
    const parsed = v.safeParse(SettingsSchema, next);
    if (!parsed.success) {
      const first = parsed.issues[0];
      throw new Error(`settings not saved: ${v.getDotPath(first) ?? 'settings'}: ${first.message}`);
    }
    const settings = parsed.output;
    if (fitsInSync(settings)) {
      try {
        // Order matters to watchers: each step changes what getState() returns at most once.
        await this.items.sync.setValue(settings);
        // Sync storage limits writes (120 a minute) and a remove counts as one
        // even when there is nothing to remove: only clean up what is there.
        if ((await this.items.marker.getValue()) != null) await this.items.marker.removeValue();
        if ((await this.items.local.getValue()) != null) await this.items.local.removeValue();
        return 'sync';
      } catch (err) {
        if (!isSizeQuotaError(err)) throw err;
        // The browser counted differently than we did: keep the settings on this device.
      }
    }
    await this.items.local.setValue(settings);
    await this.items.marker.setValue({ location: 'local', bytes: syncItemBytes(settings) });
    return 'local';
  }

  /**
   * Calls `cb` whenever the effective settings (or where they live) change,
   * in any context. Recomputes from storage on every change and drops
   * results overtaken by a later change, so a write's intermediate steps
   * never reach `cb`.
   */
  watchState(cb: (state: SettingsState) => void): () => void {
    let seq = 0;
    let last: string | undefined;
    const onChange = () => {
      const mine = ++seq;
      void this.getState().then(
        (state) => {
          if (mine !== seq) return;
          const key = JSON.stringify([state.settings, state.location]);
          if (key === last) return;
          last = key;
          cb(state);
        },
        (err) => console.warn('[Partnership Lens] could not read settings', err),
      );
    };
    // Seed `last` so that a change that leaves the settings as they were is not reported.
    void this.getState().then(
      (state) => {
        if (seq === 0) last = JSON.stringify([state.settings, state.location]);
      },
      () => undefined,
    );
    const stops = [
      this.items.sync.watch(onChange),
      this.items.local.watch(onChange),
      this.items.marker.watch(onChange),
    ];
    return () => stops.forEach((stop) => stop());
  }

  watch(cb: (settings: Settings) => void): () => void {
    return this.watchState((state) => cb(state.settings));
  }
}
