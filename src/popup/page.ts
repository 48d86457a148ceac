/**
 * Pure logic behind the "This page" tab: counting what the page mentions,
 * telling which pages a content script can never run on, and switching a site
 * on or off in the settings' allow/block lists.
 */
import type { GetMentionsResponse, PageMention } from '../messages';
import type { Settings } from '../settings/schema';
import { hostMatches, isSiteEnabled } from '../settings/sites';

export interface EntityCount {
  entity: string;
  count: number;
}

/** Entities with their mention counts, most mentioned first; ties keep first-mention order. */
export function countMentions(mentions: readonly PageMention[]): EntityCount[] {
  const counts = new Map<string, number>();
  for (const m of mentions) counts.set(m.entity, (counts.get(m.entity) ?? 0) + 1);
  // Map iteration is insertion order (= first mention), and sort is stable.
  return [...counts].map(([entity, count]) => ({ entity, count })).sort((a, b) => b.count - a.count);
}

/** Why no content script can run on a page, before even asking it. */
export type RestrictedReason = 'browser-page' | 'web-store' | 'local-file' | 'not-web';

const STORE_PAGES: { host: string; path?: string }[] = [
  { host: 'chromewebstore.google.com' },
  { host: 'chrome.google.com', path: '/webstore' },
  { host: 'microsoftedge.microsoft.com', path: '/addons' },
  { host: 'addons.mozilla.org' },
];

/**
 * `null` when a content script may run on `url`; otherwise why not. Browsers
 * keep extensions out of their own pages and of their extension stores;
 * file:// needs a per-extension switch the user must turn on.
 */
export function restrictedReason(url: string | undefined): RestrictedReason | null {
  if (!url) return 'not-web';
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'not-web';
  }
  if (u.protocol === 'file:') return 'local-file';
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    return /^(chrome|edge|brave|opera|vivaldi|about|chrome-extension|moz-extension|view-source|devtools|chrome-search|chrome-untrusted):$/.test(
      u.protocol,
    )
      ? 'browser-page'
      : 'not-web';
  }
  const host = u.hostname.toLowerCase();
  if (
    STORE_PAGES.some(
      (s) => s.host === host && (!s.path || u.pathname === s.path || u.pathname.startsWith(s.path + '/')),
    )
  )
    return 'web-store';
  return null;
}

export interface SiteSwitchResult {
  sites: Settings['sites'];
  /** Wider rules (`*.example.com`) that had to go so the switch could take effect on this host. */
  removedWider: string[];
}

/**
 * Turns highlighting on or off for `host` with the fewest changes to the
 * lists: off adds the host to the block list; on removes every block rule
 * matching it (block wins over allow, so it must go, even a wildcard, which
 * is reported back) and adds it to the allow list only if the default is off.
 */
export function setSiteEnabled(sites: Settings['sites'], rawHost: string, on: boolean): SiteSwitchResult {
  const host = rawHost.toLowerCase();
  const removedWider: string[] = [];
  if (!on) {
    // An exact allow entry would only be dead weight once blocked: drop it too.
    const allow = sites.allow.filter((p) => p !== host);
    const block = sites.block.includes(host) ? sites.block : [...sites.block, host];
    return { sites: { ...sites, allow, block }, removedWider };
  }
  const block = sites.block.filter((p) => {
    if (!hostMatches(p, host)) return true;
    if (p !== host) removedWider.push(p);
    return false;
  });
  let allow = sites.allow;
  const next = { ...sites, block, allow };
  if (!isSiteEnabled(next, host)) allow = [...allow, host];
  return { sites: { ...next, allow }, removedWider };
}

/** A mention, with the frame of the tab it is in (0: the top page). */
export interface FrameMention extends PageMention {
  frameId: number;
  /** The URL of the frame's document. */
  frameUrl: string;
}

/** One frame's answer to getMentions. */
export interface FrameReply {
  frameId: number;
  reply: GetMentionsResponse;
}

/** Every frame's mentions in one list, the top page's first, then each frame's in frame order. */
export function mergeFrames(replies: readonly FrameReply[]): FrameMention[] {
  return [...replies]
    .sort((a, b) => (a.frameId === 0 ? -1 : b.frameId === 0 ? 1 : a.frameId - b.frameId))
    .flatMap(({ frameId, reply }) => reply.mentions.map((m) => ({ ...m, frameId, frameUrl: reply.url })));
}

/** A frame's mentions grouped by entity, for the list: one group per frame, top page first. */
export interface FrameGroup {
  frameId: number;
  url: string;
  counts: EntityCount[];
}

export function groupByFrame(mentions: readonly FrameMention[]): FrameGroup[] {
  const groups = new Map<number, { url: string; list: FrameMention[] }>();
  for (const m of mentions) {
    const g = groups.get(m.frameId) ?? { url: m.frameUrl, list: [] };
    g.list.push(m);
    groups.set(m.frameId, g);
  }
  return [...groups].map(([frameId, g]) => ({ frameId, url: g.url, counts: countMentions(g.list) }));
}

/** How a frame is named in the list: its host and path, short. */
export function frameLabel(url: string): string {
  try {
    const u = new URL(url);
    const path = u.pathname.length > 32 ? u.pathname.slice(0, 31) + '…' : u.pathname;
    return u.host ? u.host + (path === '/' ? '' : path) : url.slice(0, 40);
  } catch {
    return url.slice(0, 40);
  }
}

/** What the popup shows for the tab. */
export type PageState =
  | { kind: 'asking' }
  | { kind: 'no-tab' }
  | { kind: 'restricted'; reason: RestrictedReason; url?: string }
  | { kind: 'tab-loading'; url?: string }
  /** An ordinary page where no content script answered (opened before the extension was installed or updated). */
  | { kind: 'no-script'; url?: string }
  /** `mentions`: every frame's (the top page's first), each with its frame. */
  | {
      kind: 'ready';
      url: string;
      mentions: FrameMention[];
      /** The entities the frames name without the classifier (for the labelled-sentences export). */
      context: string[];
      /** The detector's mentions the reader's corrections took away, never listed (for the labelled-sentences export). */
      corrected?: PageMention[];
    };

/**
 * Tells "no content script" from "no mentions" from "can never run here".
 * `url` is the tab's URL if the extension may see it (host access), `reply`
 * the content script's answer (null: none, or none in time), `statusAfter`
 * the tab's status once asking failed (null: the tab is gone).
 */
export function pageStateFrom(
  url: string | undefined,
  reply: GetMentionsResponse | null,
  statusAfter: string | null | undefined,
  frames: readonly FrameReply[] = [],
): PageState {
  if (url) {
    const reason = restrictedReason(url);
    if (reason) return { kind: 'restricted', reason, url };
  }
  if (reply) {
    const all = [{ frameId: 0, reply }, ...frames.filter((f) => f.frameId !== 0)];
    return {
      kind: 'ready',
      url: reply.url,
      mentions: mergeFrames(all),
      context: [...new Set(all.flatMap((f) => f.reply.context ?? []))],
      corrected: all.flatMap((f) => f.reply.corrected ?? []),
    };
  }
  if (statusAfter === null) return { kind: 'no-tab' };
  if (statusAfter === 'loading') return { kind: 'tab-loading', url };
  // A page the extension may not even see the URL of is one it may not run on (browser pages, without `tabs`).
  if (!url) return { kind: 'restricted', reason: 'not-web' };
  return { kind: 'no-script', url };
}
