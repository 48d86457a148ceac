/**
 * What the page reads of the background's mirror in storage.local (the sieve and
 * site rules, PAGE_SIEVE_KEY; this site's corrections, PAGE_CORRECTIONS_PREFIX +
 * site): the gate's (content.js) one read of both, which the first stage
 * (first-stage.js) takes over from it; and, for both, what a value the
 * background pushed is and whose site rules apply here.
 */
import { PAGE_CORRECTIONS_PREFIX, PAGE_SIEVE_KEY, type BackgroundRequest, type PageSieve } from '../messages';
import { ext } from './native';
import { frameHosts } from './requests';

export function isSieve(v: unknown): v is PageSieve {
  const s = v as Partial<PageSieve> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    (s?.spec === null || (typeof s?.spec === 'object' && typeof s.spec.source === 'string')) &&
    typeof s.sites === 'object' &&
    s.sites !== null &&
    Array.isArray(s.sites.allow) &&
    Array.isArray(s.sites.block) &&
    typeof s.sites.defaultOn === 'boolean'
  );
}

/** The sieve in the mirror, or (no mirror yet: first run, storage cleared) the one the background builds. */
async function sieveFrom(mirrored: unknown): Promise<PageSieve> {
  if (isSieve(mirrored)) return mirrored;
  const asked: unknown = await ext.runtime.sendMessage({ type: 'getPageSieve' } satisfies BackgroundRequest);
  if (isSieve(asked)) return asked;
  throw new Error('no sieve for this page');
}

/** This frame's site's corrections key (as src/corrections/model.ts siteOf says; not imported: it brings valibot). */
export function correctionsKey(): string {
  return PAGE_CORRECTIONS_PREFIX + (location.hostname.toLowerCase() || location.protocol);
}

/** The sieve and this site's corrections, in one storage read. */
export async function loadMirror(key: string): Promise<{ sieve: PageSieve; corrections: unknown }> {
  const stored: Record<string, unknown> = await ext.storage.local.get([PAGE_SIEVE_KEY, key]);
  return { sieve: await sieveFrom(stored[PAGE_SIEVE_KEY]), corrections: stored[key] };
}

/** What a value the background pushed under `key` is, for a frame whose corrections key is `own`. */
export function pushedKind(
  own: string,
  key: string,
  value: unknown,
): { sieve: PageSieve } | { corrections: unknown } | null {
  if (key === PAGE_SIEVE_KEY) return isSieve(value) ? { sieve: value } : null;
  return key === own ? { corrections: value } : null;
}

/** The host names whose site rules apply to the frame this script runs in (requests.ts frameHosts). */
export function frameHostsHere(): string[] {
  return frameHosts(location.hostname, self.origin, location.ancestorOrigins ? [...location.ancestorOrigins] : []);
}
