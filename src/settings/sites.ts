import type { Settings } from './schema';

/** Does `pattern` (`example.com` or `*.example.com`) match `host`? */
export function hostMatches(pattern: string, host: string): boolean {
  const h = host.toLowerCase();
  if (pattern.startsWith('*.')) {
    const base = pattern.slice(2);
    return h === base || h.endsWith('.' + base);
  }
  return h === pattern;
}

/** Is highlighting on for this host? The block list wins over the allow list. */
export function isSiteEnabled(sites: Settings['sites'], host: string): boolean {
  if (sites.block.some((p) => hostMatches(p, host))) return false;
  if (sites.allow.some((p) => hostMatches(p, host))) return true;
  return sites.defaultOn;
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
