/**
 * The cross-context messages (src/messages.ts): each is one schema, and what a
 * receiver accepts or refuses is what that schema says.
 */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  BackgroundRequestSchema,
  ContentRequestSchema,
  GetMentionsResponseSchema,
  LIMITS,
  parseMessage,
  TimelineFocusSchema,
} from '../../src/messages';

const parseBackgroundRequest = (msg: unknown) => parseMessage(BackgroundRequestSchema, msg);

describe('requests to the background', () => {
  const item = { sentence: 'Invoke the spell.', candidates: [{ entity: 'invoke', start: 0, end: 6 }] };

  it('accepts a well-formed classify batch', () => {
    expect(parseBackgroundRequest({ type: 'classify', items: [item], context: ['microsoft'] })).toEqual({
      ok: true,
      value: { type: 'classify', items: [item], context: ['microsoft'] },
    });
  });

  it('keeps only the fields a request has: a handler never sees what a sender added', () => {
    expect(parseBackgroundRequest({ type: 'loadCard', files: ['/evil.js'] })).toEqual({
      ok: true,
      value: { type: 'loadCard' },
    });
    expect(parseBackgroundRequest({ type: 'getCard', entity: 'azure', extra: 1 })).toEqual({
      ok: true,
      value: { type: 'getCard', entity: 'azure' },
    });
  });

  it('refuses offsets outside the sentence, naming where', () => {
    const bad = { sentence: 'short', candidates: [{ entity: 'xiaomi', start: 2, end: 40 }] };
    expect(parseBackgroundRequest({ type: 'classify', items: [bad], context: [] })).toEqual({
      ok: false,
      error: 'classify: items.0: every candidate must be a non-empty span inside its sentence',
    });
    const empty = { sentence: 'short', candidates: [{ entity: 'xiaomi', start: 2, end: 2 }] };
    expect(parseBackgroundRequest({ type: 'classify', items: [empty], context: [] }).ok).toBe(false);
    const negative = { sentence: 'short', candidates: [{ entity: 'xiaomi', start: -1, end: 2 }] };
    expect(parseBackgroundRequest({ type: 'classify', items: [negative], context: [] })).toEqual({
      ok: false,
      error: 'classify: items.0.candidates.0.start: must not be negative',
    });
  });

  it('refuses oversized batches', () => {
    const many = Array.from({ length: LIMITS.items + 1 }, () => item);
    expect(parseBackgroundRequest({ type: 'classify', items: many, context: [] })).toEqual({
      ok: false,
      error: `classify: items: must hold at most ${LIMITS.items} items`,
    });
    const long = { sentence: 'x'.repeat(LIMITS.sentence + 1), candidates: [] };
    expect(parseBackgroundRequest({ type: 'classify', items: [long], context: [] }).ok).toBe(false);
    const ctx = Array.from({ length: LIMITS.context + 1 }, () => 'xiaomi');
    expect(parseBackgroundRequest({ type: 'classify', items: [], context: ctx }).ok).toBe(false);
  });

  it('refuses unknown types, non-objects and malformed fields with a reason', () => {
    expect(parseBackgroundRequest({ type: 'steal' })).toEqual({ ok: false, error: 'unknown message type "steal"' });
    expect(parseBackgroundRequest('classify').ok).toBe(false);
    expect(parseBackgroundRequest(null).ok).toBe(false);
    expect(parseBackgroundRequest({ type: 'mentionCount', count: -1 })).toEqual({
      ok: false,
      error: 'mentionCount: count: must not be negative',
    });
    expect(parseBackgroundRequest({ type: 'mentionCount', count: 1.5 }).ok).toBe(false);
    expect(parseBackgroundRequest({ type: 'getCard', entity: 'xiaomi', lang: 'fr' })).toEqual({
      ok: false,
      error: "getCard: lang: must be 'en' or 'zh'",
    });
    expect(parseBackgroundRequest({ type: 'getCard' })).toEqual({ ok: false, error: 'getCard: entity: is missing' });
    expect(parseBackgroundRequest({ type: 'getCard', entity: 7 })).toEqual({
      ok: false,
      error: 'getCard: entity: must be an entity id such as "xiaomi"',
    });
    expect(parseBackgroundRequest('classify')).toEqual({ ok: false, error: 'message is not an object' });
  });

  it('accepts only entity ids where an entity is named (a card asking for the timeline)', () => {
    expect(parseBackgroundRequest({ type: 'openTimeline', entity: 'windows-10-mobile' }).ok).toBe(true);
    for (const entity of ['<img onerror>', 42, '', 'Xiaomi', 'a'.repeat(LIMITS.id + 1), '__proto__']) {
      expect(parseBackgroundRequest({ type: 'openTimeline', entity }).ok, String(entity)).toBe(false);
    }
  });
});

describe('requests to the content script', () => {
  it('accepts the three requests and nothing else', () => {
    for (const msg of [
      { type: 'getMentions' },
      { type: 'scrollToMention', entity: 'azure' },
      { type: 'navigateMention', direction: 'previous' },
    ]) {
      expect(v.parse(ContentRequestSchema, msg)).toEqual(msg);
    }
    for (const msg of [
      { type: 'navigateMention', direction: 'up' },
      { type: 'scrollToMention' },
      'getMentions',
      { type: 'getStats' },
      { type: 'eval', code: '1' },
    ]) {
      expect(v.is(ContentRequestSchema, msg), JSON.stringify(msg)).toBe(false);
    }
  });
});

describe('the content script’s mentions reply', () => {
  const parse = (x: unknown) => {
    const r = v.safeParse(GetMentionsResponseSchema, x);
    return r.success ? r.output : null;
  };

  it('keeps well-formed mentions and drops the rest', () => {
    expect(
      parse({
        url: 'https://e.com/',
        mentions: [
          { entity: 'xiaomi', text: 'Xiaomi', sentence: 'S.' },
          { entity: 3 },
          null,
          { entity: 'azure', text: 'Azure' },
        ],
      }),
    ).toEqual({
      url: 'https://e.com/',
      mentions: [
        { entity: 'xiaomi', text: 'Xiaomi', sentence: 'S.' },
        { entity: 'azure', text: 'Azure', sentence: '' },
      ],
    });
  });

  it('rejects anything that is not a mentions reply', () => {
    expect(parse(undefined)).toBeNull();
    expect(parse({ error: 'failed' })).toBeNull();
    expect(parse({ url: 'x', mentions: 'no' })).toBeNull();
  });
});

describe('the timeline focus a card leaves for the popup', () => {
  it('is an entity id with the time of the request', () => {
    expect(v.is(TimelineFocusSchema, { entity: 'cortana', requestedAt: 1 })).toBe(true);
    expect(v.is(TimelineFocusSchema, { entity: 'cortana' })).toBe(false);
    expect(v.is(TimelineFocusSchema, { entity: '<b>', requestedAt: 1 })).toBe(false);
  });
});
