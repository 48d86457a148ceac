/**
 * How the page layer's second stage gets the reader's settings without carrying the
 * settings store (and valibot) in every page: the background reads them
 * through src/settings/store.ts (validation, migrations, sync/local
 * location) and mirrors the validated value into `storage.local` under
 * PAGE_SETTINGS_KEY; pages read that mirror and follow its changes through
 * `storage.onChanged` (live, no reload). If the mirror is missing (first
 * run, storage cleared) the page asks the background once (`getSettings`).
 */
import { PAGE_SETTINGS_KEY } from '../messages';
import { DEFAULT_SETTINGS, type Settings } from '../settings/schema';
import { guard } from './guard';
import { ext } from './native';

/** A cheap shape check: the background validated fully; this only guards against a foreign or stale value. */
export function looksLikeSettings(v: unknown): v is Settings {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Partial<Settings>;
  return (
    Array.isArray(s.disabledEntities) &&
    Array.isArray(s.disabledKinds) &&
    typeof s.sites === 'object' &&
    s.sites !== null &&
    Array.isArray(s.sites.allow) &&
    Array.isArray(s.sites.block) &&
    typeof s.style === 'object' &&
    s.style !== null &&
    typeof s.style.colours === 'object' &&
    typeof s.detection === 'object' &&
    s.detection !== null &&
    typeof s.detection.extraAliases === 'object'
  );
}

export async function loadPageSettings(): Promise<Settings> {
  const stored: Record<string, unknown> = await ext.storage.local.get(PAGE_SETTINGS_KEY);
  const mirrored = stored[PAGE_SETTINGS_KEY];
  if (looksLikeSettings(mirrored)) return mirrored;
  const asked: unknown = await ext.runtime.sendMessage({ type: 'getSettings' }).catch(() => undefined);
  return looksLikeSettings(asked) ? asked : DEFAULT_SETTINGS;
}

export function watchPageSettings(cb: (s: Settings) => void): () => void {
  const listener = guard((changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(PAGE_SETTINGS_KEY in changes)) return;
    const next = changes[PAGE_SETTINGS_KEY]?.newValue;
    if (looksLikeSettings(next)) cb(next);
  });
  ext.storage.onChanged.addListener(listener);
  return () => ext.storage.onChanged.removeListener(listener);
}
