import { describe, expect, it } from 'vitest';
import { CardCache } from '../../src/card/cache';
import type { CardData } from '../../src/card/data';

const card = (id: string, lang: 'en' | 'zh' = 'en'): CardData => ({
  id,
  lang,
  name: id,
  kind: 'company',
  summary: 's',
  role: 'r',
  facts: [],
  events: [],
  eventCount: 0,
  related: [],
});

describe('CardCache', () => {
  it('fetches each entity and language once, even when asked concurrently', async () => {
    const calls: string[] = [];
    const cache = new CardCache(async (e, l) => {
      calls.push(`${l}:${e}`);
      return card(e, l);
    });
    expect(cache.peek('xiaomi', 'en')).toBeUndefined();
    const [a, b] = await Promise.all([cache.get('xiaomi', 'en'), cache.get('xiaomi', 'en')]);
    expect(a).toBe(b);
    await cache.get('xiaomi', 'zh');
    await cache.get('xiaomi', 'en');
    expect(calls).toEqual(['en:xiaomi', 'zh:xiaomi']);
    expect(cache.peek('xiaomi', 'en')?.id).toBe('xiaomi');
  });

  it('remembers "no card" answers but forgets failures so the next hover retries', async () => {
    let n = 0;
    const cache = new CardCache(async (e) => {
      n++;
      if (e === 'boom' && n === 1) throw new Error('background asleep');
      return e === 'none' ? null : card(e);
    });
    await expect(cache.get('boom', 'en')).rejects.toThrow('background asleep');
    expect(cache.peek('boom', 'en')).toBeUndefined();
    expect((await cache.get('boom', 'en'))?.id).toBe('boom');
    expect(await cache.get('none', 'en')).toBeNull();
    expect(cache.peek('none', 'en')).toBeNull();
  });
});
