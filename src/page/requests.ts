/**
 * Validation of messages the content script receives. A message is data from
 * another context: its shape is checked before anything acts on it. Pure.
 */
import type { ContentRequest } from '../messages';

export function parseContentRequest(msg: unknown): ContentRequest | null {
  if (typeof msg !== 'object' || msg === null) return null;
  const m = msg as Record<string, unknown>;
  switch (m.type) {
    case 'getMentions':
      return { type: 'getMentions' };
    case 'scrollToMention':
      return typeof m.entity === 'string' && m.entity.length > 0 && m.entity.length < 200
        ? { type: 'scrollToMention', entity: m.entity, ...(m.openCard === true ? { openCard: true } : {}) }
        : null;
    case 'navigateMention':
      return m.direction === 'next' || m.direction === 'previous'
        ? { type: 'navigateMention', direction: m.direction }
        : null;
    default:
      return null;
  }
}

/**
 * The host names whose site settings apply to this frame: its own, and the
 * top page's where the browser tells it (an iframe on a switched-off site is
 * off too). `about:blank` frames inherit their creator's origin.
 */
export function frameHosts(hostname: string, origin: string, ancestorOrigins: readonly string[]): string[] {
  const hosts = new Set<string>();
  const add = (url: string) => {
    try {
      const h = new URL(url).hostname;
      if (h) hosts.add(h);
    } catch {
      // 'null' origins (sandboxed frames, data: URLs) name no site.
    }
  };
  if (hostname) hosts.add(hostname);
  else add(origin);
  const top = ancestorOrigins[ancestorOrigins.length - 1];
  if (top) add(top);
  return [...hosts];
}
