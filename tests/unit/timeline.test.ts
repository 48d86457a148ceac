import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../src/dataset/schema';
import { dateSearchText, formatEventDate, parseIsoDate, safeLocale } from '../../src/timeline/format';
import { groupByYear, sortEvents } from '../../src/timeline/order';
import { FOCUS_MAX_AGE_MS, focusFromStorage } from '../../src/timeline/focus';
import {
  EMPTY_FILTERS,
  entitiesInEvents,
  filterEvents,
  focusOn,
  isFiltering,
  normalizeText,
  parseStoredFilters,
  toggleEntity,
  toggleKind,
  type EntityInfo,
} from '../../src/timeline/filter';

function ev(id: string, date: string, extra: Partial<TimelineEvent> = {}): TimelineEvent {
  const precision = (['year', 'month', 'day'] as const)[date.split('-').length - 1]!;
  return {
    id,
    date,
    precision,
    title: `Title ${id}`,
    description: `Description of ${id}`,
    category: 'partnership',
    entities: ['xiaomi', 'microsoft'],
    sources: [{ quote: 'q' }],
    ...extra,
  };
}

const ENTITIES: Record<string, EntityInfo> = {
  xiaomi: { name: 'Xiaomi', nameZh: '小米', kind: 'company', aliases: ['Xiaomi Inc.'] },
  microsoft: { name: 'Microsoft', nameZh: '微软', kind: 'company', aliases: [] },
  cortana: { name: 'Cortana', nameZh: '微软小娜', kind: 'product', aliases: ['小娜'] },
  'harry-shum': { name: 'Harry Shum', nameZh: '沈向洋', kind: 'person', aliases: ['Heung-Yeung Shum'] },
};
const lookup = (id: string) => ENTITIES[id];

describe('date formatting at the known precision', () => {
  it('shows only the year for a year-precision date', () => {
    expect(formatEventDate('2015', 'year', 'en-GB')).toBe('2015');
  });

  it('shows month and year, never a day, for a month-precision date', () => {
    expect(formatEventDate('2016-06', 'month', 'en-GB')).toBe('Jun 2016');
    expect(formatEventDate('2016-06', 'month', 'en-US')).toBe('Jun 2016');
  });

  it('shows the full date for a day-precision date, in the UI language', () => {
    expect(formatEventDate('2018-02-22', 'day', 'en-GB')).toBe('22 Feb 2018');
    expect(formatEventDate('2018-02-22', 'day', 'en-US')).toBe('22 Feb 2018');
    expect(formatEventDate('2018-02-22', 'day', 'zh-CN')).toBe('2018年2月22日');
    expect(formatEventDate('2016-06', 'month', 'zh-CN')).toBe('2016年6月');
  });

  it('is not shifted by the time zone at the edges of a year', () => {
    expect(formatEventDate('2019-01-01', 'day', 'en-GB')).toBe('1 Jan 2019');
    expect(formatEventDate('2019-12-31', 'day', 'en-GB')).toBe('31 Dec 2019');
  });

  it('never invents fields the date string lacks, whatever the precision claims', () => {
    expect(formatEventDate('2016', 'day', 'en-GB')).toBe('2016');
    expect(formatEventDate('2016-06', 'day', 'en-GB')).toBe('Jun 2016');
  });

  it('writes short months for cards, with the same rules', () => {
    expect(formatEventDate('2016', 'year', 'en-GB', 'short')).toBe('2016');
    expect(formatEventDate('2016-06', 'month', 'en-GB', 'short')).toBe('Jun 2016');
    expect(formatEventDate('2016-06-01', 'day', 'en-GB', 'short')).toBe('1 Jun 2016');
    expect(formatEventDate('2016-06', 'month', 'zh-CN', 'short')).toBe('2016年6月');
  });

  it('leaves out a field out of range instead of rolling it over into the next year', () => {
    expect(formatEventDate('2016-13', 'month', 'en-GB')).toBe('2016');
    expect(formatEventDate('2016-02-40', 'day', 'en-GB')).toBe('Feb 2016');
  });

  it('falls back to English for a malformed language tag instead of throwing', () => {
    expect(safeLocale('not a locale!')).toBe('en');
    expect(formatEventDate('2016-06', 'month', 'not a locale!')).toBe('Jun 2016');
  });

  it('rejects a date that is not ISO with a message naming it', () => {
    expect(() => parseIsoDate('June 2016')).toThrow(/"June 2016"/);
    expect(parseIsoDate('2016-06-01')).toEqual({ year: 2016, month: 6, day: 1 });
  });
});

describe('ordering and grouping', () => {
  it('sorts oldest first, an event known only by year or month opening its span', () => {
    const events = [ev('c', '2016-06-01'), ev('a', '2015'), ev('d', '2018-02'), ev('b', '2016'), ev('b2', '2016-06')];
    expect(sortEvents(events).map((e) => e.id)).toEqual(['a', 'b', 'b2', 'c', 'd']);
  });

  it('keeps dataset order between events of the same date', () => {
    const events = [ev('z', '2016-06'), ev('y', '2016-06'), ev('x', '2016-06')];
    expect(sortEvents(events).map((e) => e.id)).toEqual(['z', 'y', 'x']);
  });

  it('does not reorder the array it was given', () => {
    const events = [ev('b', '2017'), ev('a', '2015')];
    sortEvents(events);
    expect(events.map((e) => e.id)).toEqual(['b', 'a']);
  });

  it('groups sorted events by year', () => {
    const groups = groupByYear(
      sortEvents([ev('a', '2015'), ev('b', '2016-06'), ev('c', '2016-11-03'), ev('d', '2018')]),
    );
    expect(groups.map((g) => [g.year, g.events.map((e) => e.id)])).toEqual([
      ['2015', ['a']],
      ['2016', ['b', 'c']],
      ['2018', ['d']],
    ]);
    expect(groupByYear([])).toEqual([]);
  });
});

describe('filtering', () => {
  const events = [
    ev('deal', '2016-06', { title: 'Patent and cloud deal', entities: ['xiaomi', 'microsoft'] }),
    ev('cortana', '2018-02-22', {
      title: 'Cortana on Mi speakers',
      entities: ['cortana', 'xiaomi'],
      category: 'context',
    }),
    ev('shum', '2017', { title: 'Shum visits Beijing', description: 'Café talk', entities: ['harry-shum'] }),
  ];
  const ids = (f = EMPTY_FILTERS) => filterEvents(events, f, lookup).map((e) => e.id);

  it('shows everything with no filter', () => {
    expect(ids()).toEqual(['deal', 'cortana', 'shum']);
    expect(isFiltering(EMPTY_FILTERS)).toBe(false);
  });

  it('keeps events involving any of the chosen entities', () => {
    expect(ids({ ...EMPTY_FILTERS, entities: ['cortana'] })).toEqual(['cortana']);
    expect(ids({ ...EMPTY_FILTERS, entities: ['cortana', 'harry-shum'] })).toEqual(['cortana', 'shum']);
  });

  it('keeps events involving an entity of a chosen kind', () => {
    expect(ids({ ...EMPTY_FILTERS, kinds: ['person'] })).toEqual(['shum']);
    expect(ids({ ...EMPTY_FILTERS, kinds: ['product', 'person'] })).toEqual(['cortana', 'shum']);
  });

  it('keeps only the chosen category', () => {
    expect(ids({ ...EMPTY_FILTERS, category: 'context' })).toEqual(['cortana']);
    expect(ids({ ...EMPTY_FILTERS, category: 'partnership' })).toEqual(['deal', 'shum']);
  });

  it('matches every word of free text, ignoring case and accents, in titles, descriptions and entity names', () => {
    expect(ids({ ...EMPTY_FILTERS, text: 'CLOUD' })).toEqual(['deal']);
    expect(ids({ ...EMPTY_FILTERS, text: 'cafe' })).toEqual(['shum']);
    expect(ids({ ...EMPTY_FILTERS, text: 'Heung-Yeung' })).toEqual(['shum']);
    expect(ids({ ...EMPTY_FILTERS, text: '小娜' })).toEqual(['cortana']);
    expect(ids({ ...EMPTY_FILTERS, text: 'cortana deal' })).toEqual([]);
    expect(ids({ ...EMPTY_FILTERS, text: '   ' })).toEqual(['deal', 'cortana', 'shum']);
  });

  it('matches the shown date and its month written out, so "June" and "Jun" find a June event', () => {
    const label = (e: TimelineEvent) => dateSearchText(e.date, e.precision, 'en-GB');
    expect(filterEvents(events, { ...EMPTY_FILTERS, text: 'jun' }, lookup, label).map((e) => e.id)).toEqual(['deal']);
    expect(filterEvents(events, { ...EMPTY_FILTERS, text: 'june' }, lookup, label).map((e) => e.id)).toEqual(['deal']);
  });

  it('combines conditions with AND and can end up empty', () => {
    expect(ids({ ...EMPTY_FILTERS, entities: ['xiaomi'], category: 'context' })).toEqual(['cortana']);
    expect(ids({ ...EMPTY_FILTERS, entities: ['harry-shum'], kinds: ['company'] })).toEqual([]);
  });

  it('toggles entities and kinds in and out', () => {
    const f1 = toggleEntity(EMPTY_FILTERS, 'xiaomi');
    expect(f1.entities).toEqual(['xiaomi']);
    expect(toggleEntity(f1, 'xiaomi').entities).toEqual([]);
    expect(toggleKind(toggleKind(EMPTY_FILTERS, 'person'), 'product').kinds).toEqual(['person', 'product']);
    expect(toggleKind(toggleKind(EMPTY_FILTERS, 'person'), 'person').kinds).toEqual([]);
    expect(isFiltering(f1)).toBe(true);
  });

  it('focusing on an entity clears every other condition', () => {
    expect(focusOn('cortana')).toEqual({ entities: ['cortana'], kinds: [], category: 'all', text: '' });
  });

  it('lists the entities involved, most events first', () => {
    expect(entitiesInEvents(events, lookup)).toEqual([
      { id: 'xiaomi', count: 2 },
      { id: 'cortana', count: 1 },
      { id: 'harry-shum', count: 1 },
      { id: 'microsoft', count: 1 },
    ]);
  });

  it('normalizes full-width and accented text', () => {
    expect(normalizeText('ＡＩ Café')).toBe('ai cafe');
  });
});

describe('stored filters', () => {
  it('reads back a valid value unchanged', () => {
    const f = { entities: ['xiaomi'], kinds: ['person'], category: 'context', text: 'cloud' };
    expect(parseStoredFilters(f)).toEqual(f);
  });

  it('recovers field by field from bad or missing data', () => {
    expect(parseStoredFilters(null)).toEqual(EMPTY_FILTERS);
    expect(parseStoredFilters('junk')).toEqual(EMPTY_FILTERS);
    expect(parseStoredFilters({ entities: ['xiaomi', 'xiaomi'], kinds: ['planet'], category: 7 })).toEqual({
      ...EMPTY_FILTERS,
      entities: ['xiaomi'],
    });
  });
});

describe('focus requested by a card', () => {
  const now = 1_700_000_000_000;
  it('takes the entity of a fresh request', () => {
    expect(focusFromStorage({ entity: 'cortana', requestedAt: now - 1000 }, now)).toBe('cortana');
    expect(focusFromStorage('azure', now)).toBe('azure');
  });

  it('ignores a stale request, one from the future, and junk', () => {
    expect(focusFromStorage({ entity: 'cortana', requestedAt: now - FOCUS_MAX_AGE_MS - 1 }, now)).toBeNull();
    expect(focusFromStorage({ entity: 'cortana', requestedAt: now + 60_000 }, now)).toBeNull();
    expect(focusFromStorage({ entity: 7 }, now)).toBeNull();
    expect(focusFromStorage(null, now)).toBeNull();
    expect(focusFromStorage('', now)).toBeNull();
  });
});
