/**
 * The settings item in extension storage. Every reader and writer goes
 * through here so that versioning and migrations apply everywhere.
 */
import { storage } from '#imports';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, type Settings } from './schema';

export const settingsItem = storage.defineItem<Settings>('sync:settings', {
  fallback: DEFAULT_SETTINGS,
  version: SETTINGS_VERSION,
});

export function getSettings(): Promise<Settings> {
  return settingsItem.getValue();
}

export function setSettings(next: Settings): Promise<void> {
  return settingsItem.setValue(next);
}

/** Calls `cb` with the new settings whenever any context changes them. */
export function watchSettings(cb: (s: Settings) => void): () => void {
  return settingsItem.watch((value) => cb(value ?? DEFAULT_SETTINGS));
}
