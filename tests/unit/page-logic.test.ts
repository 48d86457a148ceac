/** Pure logic of the page layer and the background: offsets, pacing, filters, styles, validation, badge, cache. */
import { describe, expect, it } from 'vitest';
import { badgeText, commandDirection, FrameCounts } from '../../src/background/badge';
import { classifyCached, DecisionCache } from '../../src/background/classify-cache';
import { needsRescan, visibleMentions } from '../../src/page/filter';
import { locate, nodeIndexAt } from '../../src/page/offsets';
import { CEILING_MS, MAX_DELAY_MS, MIN_DELAY_MS, nextDelay, TARGET_DUTY } from '../../src/page/pacing';
import { frameHosts, parseContentRequest } from '../../src/page/requests';
import { looksLikeSettings } from '../../src/page/settings';
import {
  HIGHLIGHT_SLOTS,
  highlightCss,
  isHighlightNames,
  isHighlightStyle,
  makeHighlightNames,
} from '../../src/highlights/css';
import { DEFAULT_SETTINGS, type Settings } from '../../src/settings/schema';

describe('offsets', () => {
  // "Microsoft " + "Azure" + " cloud": nodes start at 0, 10, 15.
  const starts = [0, 10, 15];
  const lengths = [10, 5, 6];
  it('puts a start boundary in the node that begins there', () => {
    expect(locate(starts, lengths, 10, false)).toEqual({ index: 1, offset: 0 });
    expect(locate(starts, lengths, 0, false)).toEqual({ index: 0, offset: 0 });
  });
  it('puts an end boundary in the node that ends there, never at offset 0 of the next', () => {
    expect(locate(starts, lengths, 15, true)).toEqual({ index: 1, offset: 5 });
    expect(locate(starts, lengths, 9, true)).toEqual({ index: 0, offset: 9 });
  });
  it('clamps into a node when the joined text has separators the nodes lack (a <br> as "\\n")', () => {
    // Node 0 is 3 long but node 1 starts at 4: offset 4 as an end belongs to node 0, clamped to 3.
    expect(locate([0, 4], [3, 2], 4, true)).toEqual({ index: 0, offset: 3 });
    expect(nodeIndexAt([0, 4], 5, false)).toBe(1);
  });
});

describe('pacing', () => {
  it('waits the minimum on a calm page', () => {
    expect(nextDelay(0, 0)).toBe(MIN_DELAY_MS);
  });
  it('keeps work under the target duty cycle after an expensive rescan', () => {
    const cost = 40;
    const delay = nextDelay(cost, 0);
    expect(cost / (cost + delay)).toBeLessThanOrEqual(TARGET_DUTY + 1e-9);
  });
  it('backs off on a page that keeps changing, up to a bound', () => {
    expect(nextDelay(1, 3)).toBeGreaterThan(nextDelay(1, 1));
    expect(nextDelay(1, 100)).toBe(MAX_DELAY_MS);
    expect(nextDelay(10_000, 0)).toBe(CEILING_MS);
  });
});

const m = (entity: string, kind: Settings['disabledKinds'][number]) => ({ entity, kind });

describe('visible mentions', () => {
  const found = [m('xiaomi', 'company'), m('cortana', 'product'), m('xiaomi', 'company'), m('harry-shum', 'person')];
  it('keeps everything by default, in order', () => {
    expect(visibleMentions(found, DEFAULT_SETTINGS)).toEqual(found);
  });
  it('drops disabled entities and kinds', () => {
    const s = { ...DEFAULT_SETTINGS, disabledEntities: ['cortana'], disabledKinds: ['person' as const] };
    expect(visibleMentions(found, s).map((x) => x.entity)).toEqual(['xiaomi', 'xiaomi']);
  });
  it('keeps only the first of each entity with firstOnly', () => {
    const s = { ...DEFAULT_SETTINGS, style: { ...DEFAULT_SETTINGS.style, firstOnly: true } };
    expect(visibleMentions(found, s).map((x) => x.entity)).toEqual(['xiaomi', 'cortana', 'harry-shum']);
  });
  it('rescans only when detection changed', () => {
    expect(needsRescan(DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS, disabledEntities: ['x'] })).toBe(false);
    expect(needsRescan(DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS, detection: { mode: 'plain', extraAliases: {} } })).toBe(
      true,
    );
    expect(
      needsRescan(DEFAULT_SETTINGS, {
        ...DEFAULT_SETTINGS,
        detection: { mode: 'context', extraAliases: { xiaomi: ['MI'] } },
      }),
    ).toBe(true);
  });
});

describe('highlight styles', () => {
  const names = makeHighlightNames();
  it('writes one rule per kind in its colour, under the frame’s names, never a layout property', () => {
    const css = highlightCss(DEFAULT_SETTINGS.style, names);
    expect(css).toContain(
      `::highlight(${names.company}){text-decoration:underline dotted #b83024 2px;background-color:transparent;}`,
    );
    expect(css).not.toMatch(/margin|padding|border|font-size|outline:/);
  });
  it('draws outline as lines above and below with no tint (unlike the tinted background)', () => {
    const outline = highlightCss({ ...DEFAULT_SETTINGS.style, mark: 'outline' }, names);
    expect(outline).toContain(
      `::highlight(${names.product}){text-decoration:underline overline solid #1494fc 1px;background-color:transparent;}`,
    );
    const bg = highlightCss({ ...DEFAULT_SETTINGS.style, mark: 'background' }, names);
    expect(bg).toContain(`::highlight(${names.person}){text-decoration:none;background-color:#9c409838;}`);
  });
  it('gives a mention inside a link a tint of its kind’s colour, so the link’s underline cannot hide it', () => {
    const css = highlightCss(DEFAULT_SETTINGS.style, names);
    expect(css).toContain(`::highlight(${names['company-link']}){background-color:#b830242e;}`);
  });
  it('makes names that say nothing: different every time, no kind, no product name', () => {
    const other = makeHighlightNames();
    const all = [...Object.values(names), ...Object.values(other)];
    expect(new Set(all).size).toBe(all.length);
    for (const n of all) {
      expect(n).toMatch(/^[a-z][a-z0-9]{11}$/);
      expect(n).not.toMatch(/lens|partner|company|product|person|technology|agreement|active|flash/);
    }
    expect(Object.keys(names).sort()).toEqual([...HIGHLIGHT_SLOTS, 'scope'].sort());
  });
  it('scopes every rule to the elements that carry the frame’s attribute (a rule for every element restyles the page)', () => {
    const rules = highlightCss(DEFAULT_SETTINGS.style, names).split('\n');
    expect(rules).toHaveLength(HIGHLIGHT_SLOTS.length);
    for (const rule of rules) expect(rule.startsWith(`[${names.scope}]::highlight(`)).toBe(true);
  });
  it('lets only names and styles of its own shape reach CSS (a message is data)', () => {
    expect(isHighlightNames(names)).toBe(true);
    expect(isHighlightNames({ ...names, company: 'x){}body{display:none' })).toBe(false);
    expect(isHighlightNames({ ...names, product: names.company })).toBe(false);
    expect(isHighlightNames({ ...names, extra: 'habcdefghijk' })).toBe(false);
    expect(isHighlightNames({ ...names, scope: 'x]{}*{display:none' })).toBe(false);
    const { scope: _scope, ...unscoped } = names;
    expect(isHighlightNames(unscoped)).toBe(false);
    expect(isHighlightStyle(DEFAULT_SETTINGS.style)).toBe(true);
    expect(
      isHighlightStyle({
        ...DEFAULT_SETTINGS.style,
        colours: { ...DEFAULT_SETTINGS.style.colours, person: 'red;}*{' },
      }),
    ).toBe(false);
    expect(isHighlightStyle({ ...DEFAULT_SETTINGS.style, mark: 'blink' })).toBe(false);
  });
});

describe('content-script requests', () => {
  it('accepts the three request shapes and refuses anything else', () => {
    expect(parseContentRequest({ type: 'getMentions' })).toEqual({ type: 'getMentions' });
    expect(parseContentRequest({ type: 'scrollToMention', entity: 'azure' })).toEqual({
      type: 'scrollToMention',
      entity: 'azure',
    });
    expect(parseContentRequest({ type: 'navigateMention', direction: 'previous' })).toEqual({
      type: 'navigateMention',
      direction: 'previous',
    });
    expect(parseContentRequest({ type: 'navigateMention', direction: 'up' })).toBeNull();
    expect(parseContentRequest({ type: 'scrollToMention' })).toBeNull();
    expect(parseContentRequest('getMentions')).toBeNull();
    expect(parseContentRequest({ type: 'eval', code: '1' })).toBeNull();
  });
  it('names the frame host, an about:blank frame by its origin, and the top page', () => {
    expect(frameHosts('news.example', 'https://news.example', [])).toEqual(['news.example']);
    expect(frameHosts('', 'https://news.example', [])).toEqual(['news.example']);
    expect(frameHosts('ads.example', 'https://ads.example', ['https://news.example'])).toEqual([
      'ads.example',
      'news.example',
    ]);
    expect(frameHosts('', 'null', [])).toEqual([]);
  });
  it('recognises settings by shape', () => {
    expect(looksLikeSettings(DEFAULT_SETTINGS)).toBe(true);
    expect(looksLikeSettings({ disabledEntities: [] })).toBe(false);
    expect(looksLikeSettings(null)).toBe(false);
  });
});

describe('badge', () => {
  it('sums the frames of a tab and forgets them on navigation', () => {
    const c = new FrameCounts();
    expect(c.set(1, 0, 5)).toBe(5);
    expect(c.set(1, 3, 2)).toBe(7);
    expect(c.set(1, 3, 0)).toBe(5);
    expect(c.set(2, 0, 9)).toBe(9);
    c.clear(1);
    expect(c.total(1)).toBe(0);
    expect(c.total(2)).toBe(9);
  });
  it('writes the count, nothing for none, and caps long numbers', () => {
    expect(badgeText(0)).toBe('');
    expect(badgeText(12)).toBe('12');
    expect(badgeText(1200)).toBe('999+');
  });
  it('maps the manifest commands to directions', () => {
    expect(commandDirection('next-mention')).toBe('next');
    expect(commandDirection('previous-mention')).toBe('previous');
    expect(commandDirection('_execute_action')).toBeNull();
  });
});

describe('classifier cache', () => {
  const a = { sentence: 'Echo sold well.', candidates: [{ entity: 'amazon-echo', start: 0, end: 4 }] };
  const b = { sentence: 'An echo in the hall.', candidates: [{ entity: 'amazon-echo', start: 3, end: 7 }] };
  it('asks only about sentences it has not seen, and answers in item order', () => {
    const cache = new DecisionCache();
    const calls: string[][] = [];
    const run = (items: { sentence: string }[]) => {
      calls.push(items.map((i) => i.sentence));
      return items.map((i) => [i.sentence.startsWith('Echo')]);
    };
    expect(classifyCached(cache, [a], ['amazon'], run)).toEqual([[true]]);
    expect(classifyCached(cache, [b, a], ['amazon'], run)).toEqual([[false], [true]]);
    expect(calls).toEqual([['Echo sold well.'], ['An echo in the hall.']]);
  });
  it('keys by context too, and evicts the least recently used', () => {
    const cache = new DecisionCache(2);
    const run = (items: unknown[]) => items.map(() => [true]);
    classifyCached(cache, [a], ['amazon'], run);
    classifyCached(cache, [a], [], run);
    expect(cache.size).toBe(2);
    classifyCached(cache, [b], [], run);
    expect(cache.size).toBe(2);
    expect(cache.get(DecisionCache.key(a, ['amazon']))).toBeUndefined();
  });
});
