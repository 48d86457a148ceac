/**
 * Validation of messages the background receives. Anything that is not one of
 * our request shapes (or is oversized) is refused before a handler sees it. Pure.
 */
import type { BackgroundRequest, ClassifyItem } from '../messages';

/** Bounds that no honest content script reaches: a classify call is a page's batch, not a corpus. */
export const LIMITS = { items: 256, sentence: 4000, candidates: 64, context: 256, id: 200 } as const;

const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= LIMITS.id;
const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function parseItem(raw: unknown): ClassifyItem | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { sentence, candidates } = raw as Record<string, unknown>;
  if (typeof sentence !== 'string' || sentence.length > LIMITS.sentence) return null;
  if (!Array.isArray(candidates) || candidates.length > LIMITS.candidates) return null;
  const out: ClassifyItem['candidates'] = [];
  for (const c of candidates) {
    if (typeof c !== 'object' || c === null) return null;
    const { entity, start, end } = c as Record<string, unknown>;
    if (!isId(entity) || !isIndex(start) || !isIndex(end) || start >= end || end > sentence.length) return null;
    out.push({ entity, start, end });
  }
  return { sentence, candidates: out };
}

export type ParseResult = { ok: true; request: BackgroundRequest } | { ok: false; error: string };

export function parseBackgroundRequest(msg: unknown): ParseResult {
  if (typeof msg !== 'object' || msg === null) return { ok: false, error: 'message is not an object' };
  const m = msg as Record<string, unknown>;
  switch (m.type) {
    case 'classify': {
      if (!Array.isArray(m.items) || m.items.length > LIMITS.items)
        return { ok: false, error: 'classify: items must be an array of at most 256' };
      if (!Array.isArray(m.context) || m.context.length > LIMITS.context || !m.context.every(isId)) {
        return { ok: false, error: 'classify: context must be an array of entity ids' };
      }
      const items: ClassifyItem[] = [];
      for (const raw of m.items) {
        const item = parseItem(raw);
        if (!item) return { ok: false, error: 'classify: malformed item' };
        items.push(item);
      }
      return { ok: true, request: { type: 'classify', items, context: m.context } };
    }
    case 'mentionCount':
      return isIndex(m.count)
        ? { ok: true, request: { type: 'mentionCount', count: m.count } }
        : { ok: false, error: 'mentionCount: count must be a whole number' };
    case 'getCard':
      if (!isId(m.entity)) return { ok: false, error: 'getCard: entity must be an id' };
      if (m.lang !== undefined && m.lang !== 'en' && m.lang !== 'zh')
        return { ok: false, error: "getCard: lang must be 'en' or 'zh'" };
      return {
        ok: true,
        request: m.lang ? { type: 'getCard', entity: m.entity, lang: m.lang } : { type: 'getCard', entity: m.entity },
      };
    case 'openTimeline':
      return isId(m.entity)
        ? { ok: true, request: { type: 'openTimeline', entity: m.entity } }
        : { ok: false, error: 'openTimeline: entity must be an id' };
    case 'loadCard':
      return { ok: true, request: { type: 'loadCard' } };
    case 'getSettings':
      return { ok: true, request: { type: 'getSettings' } };
    case 'cardOpened':
      return typeof m.token === 'string' && m.token.length > 0 && m.token.length <= 64
        ? { ok: true, request: { type: 'cardOpened', token: m.token } }
        : { ok: false, error: 'cardOpened: token must be a short string' };
    case 'jumpToMention':
      return isIndex(m.tabId) && isIndex(m.frameId) && isId(m.entity)
        ? {
            ok: true,
            request: {
              type: 'jumpToMention',
              tabId: m.tabId,
              frameId: m.frameId,
              entity: m.entity,
              openCard: m.openCard === true,
            },
          }
        : { ok: false, error: 'jumpToMention: tabId, frameId and entity are required' };
    default:
      return { ok: false, error: `unknown message type ${JSON.stringify(String(m.type)).slice(0, 60)}` };
  }
}
