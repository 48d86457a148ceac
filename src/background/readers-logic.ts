/** The pure decisions behind src/background/readers.ts, tested in Node. */
import type { Settings } from '../settings/schema';
import { isSiteEnabled } from '../settings/sites';

/** The first-run page opens on a fresh install only: never on an update or a browser update. */
export function shouldOpenWelcome(reason: string, enabled: boolean): boolean {
  return enabled && reason === 'install';
}

/** The host whose site setting applies to a tab's URL, or null where none does (browser pages, files). */
export function siteHost(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.hostname : null;
  } catch {
    return null;
  }
}

/** Is highlighting switched off on this tab's site? (A page no site setting covers is never "off".) */
export function isOffFor(settings: Settings, url: string | undefined): boolean {
  const host = siteHost(url);
  return host !== null && !isSiteEnabled(settings.sites, host);
}
