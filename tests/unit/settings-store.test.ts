import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../src/settings/schema';
import {
  isSizeQuotaError,
  SettingsStore,
  SYNC_QUOTA_BYTES_PER_ITEM,
  syncItemBytes,
  type ItemLike,
  type LocalMarker,
  type SettingsState,
} from '../../src/settings/store-core';

/** An in-memory storage item that, like chrome.storage.sync, can refuse items over a quota. */
class MemoryItem<T> implements ItemLike<T> {
  value: T | null = null;
  writes = 0;
  /** Every remove call, as sync storage's write-rate quota counts them. */
  removes = 0;
  private listeners = new Set<(v: T | null) => void>();
  constructor(private readonly quota = Infinity) {}
  async getValue() {
    return this.value == null ? null : structuredClone(this.value);
  }
  async setValue(value: T) {
    if (syncItemBytes(value) > this.quota) throw new Error('Resource::kQuotaBytesPerItem quota exceeded');
    this.writes++;
    this.value = structuredClone(value);
    this.listeners.forEach((cb) => cb(value));
  }
  async removeValue() {
    this.removes++;
    if (this.value == null) return;
    this.value = null;
    this.listeners.forEach((cb) => cb(null));
  }
  watch(cb: (v: T | null) => void) {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }
}

function setup() {
  const items = {
    sync: new MemoryItem<Settings>(SYNC_QUOTA_BYTES_PER_ITEM),
    local: new MemoryItem<Settings>(),
    marker: new MemoryItem<LocalMarker>(),
  };
  return { items, store: new SettingsStore(items) };
}

/** Enough researcher aliases to push the settings past 8 KB. */
function huge(): Settings {
  const aliases = Array.from({ length: 400 }, (_, i) => `Research project name ${i}`);
  return { ...DEFAULT_SETTINGS, detection: { mode: 'context', extraAliases: { xiaomi: aliases } } };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('settings store', () => {
  it('reads the defaults before anything is saved', async () => {
    const { store } = setup();
    expect(await store.getState()).toMatchObject({ settings: DEFAULT_SETTINGS, location: 'sync', storedProblem: null });
  });

  it('keeps settings that fit in sync storage there', async () => {
    const { store, items } = setup();
    const next = { ...DEFAULT_SETTINGS, disabledEntities: ['google'] };
    expect(await store.set(next)).toBe('sync');
    expect(items.sync.value).toEqual(next);
    expect(items.marker.value).toBeNull();
    expect(await store.get()).toEqual(next);
    // One write to sync per change: nothing spent on removing what is not there.
    expect([items.sync.writes, items.marker.removes]).toEqual([1, 0]);
  });

  it('moves settings too large to sync to local storage with a marker, and back when they shrink', async () => {
    const { store, items } = setup();
    const previous = { ...DEFAULT_SETTINGS, disabledEntities: ['google'] };
    await store.set(previous);
    const big = huge();
    expect(syncItemBytes(big)).toBeGreaterThan(SYNC_QUOTA_BYTES_PER_ITEM);

    expect(await store.set(big)).toBe('local');
    expect(items.local.value).toEqual(big);
    expect(items.marker.value).toEqual({ location: 'local', bytes: syncItemBytes(big) });
    // The last copy that fitted stays in sync for other devices.
    expect(items.sync.value).toEqual(previous);
    expect(await store.getState()).toMatchObject({ settings: big, location: 'local' });

    expect(await store.set(DEFAULT_SETTINGS)).toBe('sync');
    expect(items.marker.value).toBeNull();
    expect(items.local.value).toBeNull();
    expect(await store.getState()).toMatchObject({ settings: DEFAULT_SETTINGS, location: 'sync' });
  });

  it('on another device (marker, no local copy), shows the last settings that synced and says why', async () => {
    const { store, items } = setup();
    const synced = { ...DEFAULT_SETTINGS, disabledKinds: ['person' as const] };
    items.sync.value = synced;
    items.marker.value = { location: 'local', bytes: 9000 };
    expect(await store.getState()).toMatchObject({ settings: synced, location: 'sync', localElsewhere: true });
    // A change made here takes sync back for every device.
    expect(await store.set(DEFAULT_SETTINGS)).toBe('sync');
    expect(items.marker.value).toBeNull();
    expect(await store.getState()).toMatchObject({ localElsewhere: false });
  });

  it('falls back to local storage when the browser refuses an item our count let through', async () => {
    const items = {
      sync: new MemoryItem<Settings>(100),
      local: new MemoryItem<Settings>(),
      marker: new MemoryItem<LocalMarker>(),
    };
    const store = new SettingsStore(items);
    expect(await store.set(DEFAULT_SETTINGS)).toBe('local');
    expect(await store.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('tells size quotas (any browser’s wording) from write-rate quotas', () => {
    expect(isSizeQuotaError(new Error('Resource::kQuotaBytesPerItem quota exceeded'))).toBe(true);
    expect(isSizeQuotaError(new Error('QUOTA_BYTES_PER_ITEM quota exceeded'))).toBe(true);
    expect(isSizeQuotaError(new Error('Resource::kQuotaBytes quota exceeded'))).toBe(true);
    expect(isSizeQuotaError(new Error('MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded'))).toBe(false);
    expect(isSizeQuotaError(new Error('Resource::kMaxWriteOperationsPerMinute quota exceeded'))).toBe(false);
  });

  it('reports other write failures instead of hiding them', async () => {
    const { store, items } = setup();
    items.sync.setValue = async () => {
      throw new Error('MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded');
    };
    await expect(store.set(DEFAULT_SETTINGS)).rejects.toThrow(/MAX_WRITE_OPERATIONS_PER_MINUTE/);
    // The queue keeps working after a failure.
    items.sync.setValue = MemoryItem.prototype.setValue.bind(items.sync);
    expect(await store.set(DEFAULT_SETTINGS)).toBe('sync');
  });

  it('refuses to store invalid settings and names what is wrong', async () => {
    const { store, items } = setup();
    const bad = { ...DEFAULT_SETTINGS, cards: { trigger: 'hover', hoverDelayMs: -1 } } as Settings;
    await expect(store.set(bad)).rejects.toThrow(/^settings not saved: cards\.hoverDelayMs: /);
    expect(items.sync.writes).toBe(0);
  });

  it('repairs invalid stored settings field by field, keeping every readable one, and says which were reset', async () => {
    const { store, items } = setup();
    items.sync.value = {
      ...DEFAULT_SETTINGS,
      disabledEntities: ['google', 42, 'bing'],
      style: 'loud',
      cards: { trigger: 'click', hoverDelayMs: -1 },
    } as unknown as Settings;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const state = await store.getState();
    warn.mockRestore();
    expect(state.settings).toEqual({
      ...DEFAULT_SETTINGS,
      disabledEntities: ['google', 'bing'],
      cards: { trigger: 'click', hoverDelayMs: DEFAULT_SETTINGS.cards.hoverDelayMs },
    });
    expect(state.storedProblem).toBe('disabledEntities.1, style, cards.hoverDelayMs');
    // Nothing is written back: a newer version's value on another device is not overwritten by this one.
    expect(items.sync.writes).toBe(0);
  });

  it('tells watchers once per change of the effective settings, never an intermediate step', async () => {
    const { store } = setup();
    const seen: SettingsState[] = [];
    const stop = store.watchState((s) => seen.push(s));
    await flush();
    const big = huge();
    await store.set(big);
    await flush();
    await store.set(DEFAULT_SETTINGS);
    await flush();
    await store.set(DEFAULT_SETTINGS); // no change: no call
    await flush();
    stop();
    expect(
      seen.map((s) => [
        s.location,
        s.settings === DEFAULT_SETTINGS || JSON.stringify(s.settings) === JSON.stringify(DEFAULT_SETTINGS),
      ]),
    ).toEqual([
      ['local', false],
      ['sync', true],
    ]);
  });
});
