import { describe, expect, it } from 'vitest';
import {
  countMentions,
  frameLabel,
  groupByFrame,
  pageStateFrom,
  restrictedReason,
  setSiteEnabled,
} from '../../src/popup/page';
import { isSiteEnabled } from '../../src/settings/sites';

describe('page mention counts', () => {
  it('counts per entity, most mentioned first, ties in order of first mention', () => {
    const m = (entity: string) => ({ entity, text: entity, sentence: '' });
    const counts = countMentions(['azure', 'xiaomi', 'microsoft', 'xiaomi', 'microsoft', 'xiaomi', 'cortana'].map(m));
    expect(counts).toEqual([
      { entity: 'xiaomi', count: 3 },
      { entity: 'microsoft', count: 2 },
      { entity: 'azure', count: 1 },
      { entity: 'cortana', count: 1 },
    ]);
    expect(countMentions([])).toEqual([]);
  });
});

describe('pages a content script cannot run on', () => {
  it('lets ordinary web pages through', () => {
    expect(restrictedReason('https://example.com/news')).toBeNull();
    expect(restrictedReason('http://127.0.0.1:8080/x.html')).toBeNull();
    expect(restrictedReason('https://chrome.google.com/search')).toBeNull();
  });

  it('names browser pages, extension stores, local files and the unknown', () => {
    expect(restrictedReason('chrome://settings')).toBe('browser-page');
    expect(restrictedReason('about:blank')).toBe('browser-page');
    expect(restrictedReason('chrome-extension://abc/popup.html')).toBe('browser-page');
    expect(restrictedReason('https://chromewebstore.google.com/detail/x')).toBe('web-store');
    expect(restrictedReason('https://chrome.google.com/webstore/detail/x')).toBe('web-store');
    expect(restrictedReason('https://addons.mozilla.org/en-US/firefox/')).toBe('web-store');
    expect(restrictedReason('file:///home/a.html')).toBe('local-file');
    expect(restrictedReason('data:text/html,hi')).toBe('not-web');
    expect(restrictedReason(undefined)).toBe('not-web');
    expect(restrictedReason('::nonsense')).toBe('not-web');
  });
});

describe('site switch', () => {
  const base = { defaultOn: true, allow: [], block: [] };

  it('turning a site off blocks exactly that host, once', () => {
    const { sites } = setSiteEnabled(base, 'News.Example.com', false);
    expect(sites.block).toEqual(['news.example.com']);
    expect(isSiteEnabled(sites, 'news.example.com')).toBe(false);
    expect(isSiteEnabled(sites, 'other.example.com')).toBe(true);
    expect(setSiteEnabled(sites, 'news.example.com', false).sites.block).toEqual(['news.example.com']);
  });

  it('turning it back on removes the block and adds nothing when the default is on', () => {
    const off = setSiteEnabled(base, 'example.com', false).sites;
    const { sites, removedWider } = setSiteEnabled(off, 'example.com', true);
    expect(sites).toEqual(base);
    expect(removedWider).toEqual([]);
  });

  it('turning on under a default-off setting adds the host to the allow list', () => {
    const { sites } = setSiteEnabled({ ...base, defaultOn: false }, 'example.com', true);
    expect(sites.allow).toEqual(['example.com']);
    expect(isSiteEnabled(sites, 'example.com')).toBe(true);
  });

  it('reports a wider block rule it had to remove', () => {
    const { sites, removedWider } = setSiteEnabled(
      { ...base, block: ['*.example.com', 'other.org'] },
      'news.example.com',
      true,
    );
    expect(sites.block).toEqual(['other.org']);
    expect(removedWider).toEqual(['*.example.com']);
    expect(isSiteEnabled(sites, 'news.example.com')).toBe(true);
  });

  it('turning off drops a now-pointless exact allow entry but keeps wider ones', () => {
    const { sites } = setSiteEnabled({ ...base, allow: ['example.com', '*.example.com'] }, 'example.com', false);
    expect(sites.allow).toEqual(['*.example.com']);
    expect(isSiteEnabled(sites, 'example.com')).toBe(false);
  });
});

describe('what the popup says about a tab', () => {
  const web = 'https://example.com/a';
  const reply = { url: web, mentions: [{ entity: 'xiaomi', text: 'Xiaomi', sentence: 'Xiaomi.' }] };

  it('lists the mentions when the content script answers, even with none', () => {
    expect(pageStateFrom(web, reply, 'complete')).toEqual({
      kind: 'ready',
      url: reply.url,
      mentions: reply.mentions.map((m) => ({ ...m, frameId: 0, frameUrl: reply.url })),
      context: [],
      corrected: [],
    });
    expect(pageStateFrom(web, { url: web, mentions: [] }, 'complete')).toEqual({
      kind: 'ready',
      url: web,
      mentions: [],
      context: [],
      corrected: [],
    });
  });

  it('carries the mentions every frame’s corrections took away (the labelled export’s traps), never as listed ones', () => {
    const taken = { entity: 'microsoft', text: 'Microsoft', sentence: 'Microsoft is here.', start: 0, end: 9 };
    const child = { url: 'https://ads.example.net/f', mentions: [], corrected: [taken] };
    const state = pageStateFrom(web, reply, 'complete', [{ frameId: 7, reply: child }]);
    expect(state.kind === 'ready' && state.corrected).toEqual([taken]);
    expect(state.kind === 'ready' && state.mentions.some((m) => m.sentence === taken.sentence)).toBe(false);
  });

  it('carries the entities every frame names without the classifier, once each (the labelled export’s context)', () => {
    const child = { url: 'https://ads.example.net/f', mentions: [], context: ['azure', 'xiaomi'] };
    const state = pageStateFrom(web, { ...reply, context: ['xiaomi', 'microsoft'] }, 'complete', [
      { frameId: 7, reply: child },
    ]);
    expect(state.kind === 'ready' && state.context).toEqual(['xiaomi', 'microsoft', 'azure']);
  });

  it('adds every frame’s mentions after the top page’s, each with its frame, grouped by frame for the list', () => {
    const child = {
      url: 'https://ads.example.net/f',
      mentions: [{ entity: 'azure', text: 'Azure', sentence: 'Azure.' }],
    };
    const state = pageStateFrom(web, reply, 'complete', [{ frameId: 7, reply: child }]);
    if (state.kind !== 'ready') throw new Error(state.kind);
    expect(state.mentions.map((m) => [m.entity, m.frameId, m.frameUrl])).toEqual([
      ...reply.mentions.map((m) => [m.entity, 0, reply.url]),
      ['azure', 7, child.url],
    ]);
    expect(groupByFrame(state.mentions).map((g) => [g.frameId, g.url, g.counts.length])).toEqual([
      [0, reply.url, countMentions(reply.mentions).length],
      [7, child.url, 1],
    ]);
    expect(frameLabel('https://ads.example.net/f?x=1')).toBe('ads.example.net/f');
  });

  it('tells a page without the content script from a page without mentions', () => {
    expect(pageStateFrom(web, null, 'complete')).toEqual({ kind: 'no-script', url: web });
  });

  it('says a tab is still loading rather than that it has no script', () => {
    expect(pageStateFrom(web, null, 'loading')).toEqual({ kind: 'tab-loading', url: web });
  });

  it('names a restricted page before asking, and treats a hidden URL as restricted', () => {
    expect(pageStateFrom('chrome://settings', null, 'complete')).toEqual({
      kind: 'restricted',
      reason: 'browser-page',
      url: 'chrome://settings',
    });
    expect(pageStateFrom(undefined, null, 'complete')).toEqual({ kind: 'restricted', reason: 'not-web' });
  });

  it('notices a tab that closed', () => {
    expect(pageStateFrom(web, null, null)).toEqual({ kind: 'no-tab' });
  });
});
