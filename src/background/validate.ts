/**
 * Validation of messages the background receives. Anything that is not one of
 * our request shapes (or is oversized) is refused before a handler sees it. Pure.
 */
import { isHighlightNames, isHighlightStyle } from '../highlights/css';
import type { BackgroundRequest, ClassifyItem } from '../messages';

/** Bounds that no honest content script reaches: a classify call is a page's batch, not a corpus. */
export const LIMITS = {
  items: 256,
  sentence: 4000,
  candidates: 64,
  context: 256,
  id: 200,
  /** findMentions: blocks of text per request, and their characters (the page sends up to 512 KB). */
  texts: 20_000,
  textChars: 2 * 1024 * 1024,
} as const;

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
    case 'findMentions': {
      const texts = m.texts;
      if (!Array.isArray(texts) || texts.length > LIMITS.texts || !texts.every((t) => typeof t === 'string'))
        return { ok: false, error: 'findMentions: texts must be an array of strings' };
      if ((texts as string[]).reduce((n, t) => n + t.length, 0) > LIMITS.textChars)
        return { ok: false, error: 'findMentions: too much text in one request' };
      if (!Array.isArray(m.context) || m.context.length > LIMITS.context || !m.context.every(isId))
        return { ok: false, error: 'findMentions: context must be an array of entity ids' };
      return { ok: true, request: { type: 'findMentions', texts: texts as string[], context: m.context } };
    }
    case 'loadPageLayer':
      return { ok: true, request: { type: 'loadPageLayer' } };
    case 'getPageSieve':
      return { ok: true, request: { type: 'getPageSieve' } };
    case 'paintStyle': {
      if (!isHighlightNames(m.names)) return { ok: false, error: 'paintStyle: names must be highlight names' };
      const style = m.style === null || isHighlightStyle(m.style) ? m.style : undefined;
      const previous = m.previous === null || isHighlightStyle(m.previous) ? m.previous : undefined;
      if (style === undefined || previous === undefined)
        return { ok: false, error: 'paintStyle: style and previous must be highlight styles or null' };
      return { ok: true, request: { type: 'paintStyle', names: m.names, style, previous } };
    }
    default:
      return { ok: false, error: `unknown message type ${JSON.stringify(String(m.type)).slice(0, 60)}` };
  }
}
