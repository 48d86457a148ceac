import { describe, expect, it } from 'vitest';
import type { EntityContent, EntityName, TimelineEvent } from '../../src/dataset/schema';
import * as v from 'valibot';
import { buildCardFrom, type CardDataset } from '../../src/card/data';
import { CardDataSchema } from '../../src/messages';

const names: EntityName[] = [
  { id: 'xiaomi', name: 'Xiaomi', nameZh: '小米', kind: 'company', aliases: [] },
  { id: 'microsoft', name: 'Microsoft', nameZh: '微软', kind: 'company', aliases: [] },
  { id: 'cortana', name: 'Cortana', nameZh: '微软小娜', kind: 'product', aliases: [] },
  { id: 'skype', name: 'Skype', kind: 'product', aliases: [] },
];

const content: Record<string, EntityContent> = {
  xiaomi: {
    summary: 'Chinese smartphone and smart-home maker.',
    summaryZh: '中国智能手机与智能家居厂商。',
    role: 'Builds Microsoft services into its devices.',
    facts: [
      { text: 'Fact one.', textZh: '要点一。', sources: [{ title: 'Press', url: 'https://example.com/a' }] },
      { text: 'Fact two.', sources: [{ quote: 'Xiaomi agreed to test Windows 10 Mobile' }] },
      { text: 'Bad-link fact.', sources: [{ title: 'Evil', url: 'javascript:alert(1)' }] },
      {
        text: 'Fact three.',
        sources: [
          { title: 'Mixed', url: 'data:text/html,x' },
          { title: 'OK', url: 'http://example.org/' },
        ],
      },
      { text: 'Fact four.', sources: [{ title: 'Four', url: 'https://example.com/4' }] },
    ],
    related: ['microsoft', 'xiaomi', 'microsoft', 'unknown-thing', 'cortana'],
  },
};

const ev = (id: string, date: string, precision: TimelineEvent['precision']): TimelineEvent => ({
  id,
  date,
  precision,
  title: `Event ${id}`,
  titleZh: `事件 ${id}`,
  description: 'd',
  category: 'partnership',
  entities: ['xiaomi'],
  sources: [{ quote: 'q' }],
});
const events = [
  ev('e4', '2018-02-22', 'day'),
  ev('e3', '2016-06', 'month'),
  ev('e2', '2016', 'year'),
  ev('e1', '2015', 'year'),
];

const ds: CardDataset = {
  entityById: (id) => names.find((n) => n.id === id),
  contentFor: (id) => content[id],
  eventsFor: (id) => (id === 'xiaomi' ? events : []),
};

describe('buildCardFrom', () => {
  it('builds an English card with name, summary, role and the Chinese name as the alternative', () => {
    const c = buildCardFrom(ds, 'xiaomi', 'en')!;
    expect(c).toMatchObject({
      id: 'xiaomi',
      lang: 'en',
      name: 'Xiaomi',
      altName: '小米',
      kind: 'company',
      summary: 'Chinese smartphone and smart-home maker.',
      role: 'Builds Microsoft services into its devices.',
    });
    // What the background builds is what the card's parser accepts (the one schema of the message).
    expect(v.parse(CardDataSchema, c)).toEqual(c);
  });

  it('keeps at most three facts, drops non-http links and facts left without a source', () => {
    const c = buildCardFrom(ds, 'xiaomi', 'en')!;
    expect(c.facts.map((f) => f.text)).toEqual(['Fact one.', 'Fact two.', 'Fact three.']);
    expect(c.facts[0]!.sources).toEqual([{ kind: 'link', title: 'Press', url: 'https://example.com/a' }]);
    expect(c.facts[1]!.sources).toEqual([{ kind: 'quote', quote: 'Xiaomi agreed to test Windows 10 Mobile' }]);
    expect(c.facts[2]!.sources).toEqual([{ kind: 'link', title: 'OK', url: 'http://example.org/' }]);
    const urls = c.facts.flatMap((f) => f.sources.flatMap((s) => (s.kind === 'link' ? [s.url] : [])));
    expect(urls.every((u) => /^https?:/.test(u))).toBe(true);
  });

  it('lists the latest three events oldest first (as the popup does), dates at their precision, and counts them all', () => {
    const c = buildCardFrom(ds, 'xiaomi', 'en')!;
    expect(c.events.map((e) => [e.id, e.dateLabel])).toEqual([
      ['e2', '2016'],
      ['e3', 'Jun 2016'],
      ['e4', '22 Feb 2018'],
    ]);
    expect(c.eventCount).toBe(4);
  });

  it('resolves related ids to names, skipping itself, duplicates and unknown ids', () => {
    const c = buildCardFrom(ds, 'xiaomi', 'en')!;
    expect(c.related).toEqual([
      { id: 'microsoft', name: 'Microsoft', kind: 'company' },
      { id: 'cortana', name: 'Cortana', kind: 'product' },
    ]);
  });

  it('uses Chinese text where the dataset has it and English where it does not', () => {
    const c = buildCardFrom(ds, 'xiaomi', 'zh')!;
    expect(c.name).toBe('小米');
    expect(c.altName).toBe('Xiaomi');
    expect(c.summary).toBe('中国智能手机与智能家居厂商。');
    expect(c.role).toBe('Builds Microsoft services into its devices.');
    expect(c.facts[0]!.text).toBe('要点一。');
    expect(c.facts[1]!.text).toBe('Fact two.');
    // The English stand-ins say so, for screen readers and fonts.
    expect([c.summaryLang, c.roleLang, c.facts[0]!.lang, c.facts[1]!.lang]).toEqual([undefined, 'en', undefined, 'en']);
    expect(buildCardFrom(ds, 'xiaomi', 'en')!.roleLang).toBeUndefined();
    expect(c.events[2]).toMatchObject({ title: '事件 e4', dateLabel: '2018年2月22日' });
    expect(c.related[0]!.name).toBe('微软');
  });

  it('returns null for an unknown entity or one without card content', () => {
    expect(buildCardFrom(ds, 'nope', 'en')).toBeNull();
    expect(buildCardFrom(ds, 'skype', 'en')).toBeNull();
  });
});

describe('card data as a message', () => {
  it('every card the builder makes passes the message schema, in both languages', () => {
    for (const lang of ['en', 'zh'] as const) {
      const c = buildCardFrom(ds, 'xiaomi', lang)!;
      expect(v.safeParse(CardDataSchema, c).success, lang).toBe(true);
    }
  });

  it('rejects shapes that are not card data, and links that are not http(s)', () => {
    const c = buildCardFrom(ds, 'xiaomi', 'en')!;
    expect(v.is(CardDataSchema, null)).toBe(false);
    expect(v.is(CardDataSchema, { id: 'x', name: 'X' })).toBe(false);
    expect(v.is(CardDataSchema, '<b>x</b>')).toBe(false);
    const hostile = {
      ...c,
      facts: [{ text: 'x', sources: [{ kind: 'link', title: 't', url: 'javascript:alert(1)' }] }],
    };
    expect(v.is(CardDataSchema, hostile)).toBe(false);
  });
});
