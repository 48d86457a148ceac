/**
 * The page layer's pure collaborators, in Node: how mentions are decided for a
 * page's blocks (findMentions), invisible characters, the request queue, the
 * card loader's hand-off, the filter. The DOM ones are tested in a real
 * browser (tests/browser/page-modules.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { ENTITY_NAMES } from '../../src/dataset/names';
import { findMentions } from '../../src/detect/find';
import { detect } from '../../src/detect/index';
import { toOriginal, withoutInvisible } from '../../src/detect/invisible';
import { createScanner } from '../../src/detect/scan';
import type { ClassifyItem, FindMentionsResponse } from '../../src/messages';
import { CARD_KEY, CARD_START_KEY, toWorld } from '../../src/page/bridge';
import { CardLoader } from '../../src/page/card-loader';
import { mentionFilter } from '../../src/page/filter';
import { breakJunctions, withoutBreaks } from '../../src/page/junctions';
import { BATCH_CHARS, MentionRequests } from '../../src/page/find-mentions';
import type { ReadSegment } from '../../src/page/mention-store';
import { DEFAULT_SETTINGS } from '../../src/settings/schema';

describe('invisible characters', () => {
  it('reads past soft hyphens and zero-width characters, and maps offsets back to the text as written', () => {
    const text = 'A Micro\u00ADsoft and Xiao\u200Bmi.';
    const v = withoutInvisible(text);
    expect(v.text).toBe('A Microsoft and Xiaomi.');
    expect(v.removed).toEqual([7, 21]);
    const start = v.text.indexOf('Microsoft');
    expect(text.slice(toOriginal(start, v.removed), toOriginal(start + 9, v.removed, true))).toBe('Micro\u00ADsoft');
    const x = v.text.indexOf('Xiaomi');
    expect(text.slice(toOriginal(x, v.removed), toOriginal(x + 6, v.removed, true))).toBe('Xiao\u200Bmi');
    expect(withoutInvisible('plain')).toEqual({ text: 'plain', removed: null });
  });

  it('detect() finds the name a reader sees and reports offsets in the text as given', () => {
    const text = 'Cor\u200Dtana runs on Win\u2060dows 10.';
    expect(detect(text)).toEqual([
      { entity: 'cortana', start: 0, end: 8, text: 'Cor\u200Dtana' },
      { entity: 'windows-10', start: 17, end: 28, text: 'Win\u2060dows 10' },
    ]);
  });
});

describe('findMentions: one orchestration for detect() and the pages', () => {
  const scanner = createScanner(ENTITY_NAMES);

  it('asks the classifier once for all the texts, with what every text names without doubt as context', () => {
    const calls: { items: ClassifyItem[]; context: string[] }[] = [];
    const classify = (items: ClassifyItem[], context: string[]) => {
      calls.push({ items, context });
      return items.map((i) => i.candidates.map(() => true));
    };
    const found = findMentions(['Surface sales grew.', 'Microsoft said so.', 'Nothing here.'], scanner, classify, [
      'xiaomi',
    ]);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.items.map((i) => i.sentence)).toEqual(['Surface sales grew.']);
    expect(calls[0]!.context.sort()).toEqual(['microsoft', 'xiaomi']);
    expect(found.map((f) => f.map((m) => [m.entity, m.viaNlp]))).toEqual([
      [['surface', true]],
      [['microsoft', false]],
      [],
    ]);
    expect(found[0]![0]!.sentence).toEqual({ start: 0, end: 19 });
  });

  it('decides one text exactly as detect() does', () => {
    const text = 'The post office closed. Microsoft showed the Surface Pro, and Echo sales fell at Amazon.';
    const viaFind = findMentions([text], scanner, (items) => items.map((i) => i.candidates.map(() => false)))[0]!;
    // With the classifier saying no to everything, only what the scan accepts alone remains.
    expect(viaFind.map((m) => text.slice(m.start, m.end))).toEqual(['Microsoft', 'Surface Pro']);
    const real = detect(text).map((m) => m.text);
    expect(real).toEqual(expect.arrayContaining(['Microsoft', 'Surface Pro']));
  });
});

describe('the request queue', () => {
  const seg = (text: string, pass = 1): ReadSegment =>
    ({
      block: {},
      nodes: [],
      starts: [],
      lengths: [],
      text,
      visible: text,
      removed: null,
      pass,
    }) as unknown as ReadSegment;

  it('holds a pass until it ends (one request with the whole pass), one request in flight, skips what was read again', async () => {
    const sent: string[][] = [];
    const answered: string[] = [];
    let release: (r: FindMentionsResponse) => void = () => undefined;
    const stale = seg('stale');
    const q = new MentionRequests({
      send: (texts) => {
        sent.push(texts);
        return new Promise((r) => (release = r));
      },
      current: (s) => s !== stale,
      context: () => ['xiaomi'],
      answered: (s) => answered.push(s.visible),
      batchDone: () => undefined,
      report: (e) => {
        throw e;
      },
    });
    q.hold();
    q.add(seg('a'));
    q.add(stale);
    q.add(seg('b'));
    expect(sent).toEqual([]);
    q.release();
    expect(sent).toEqual([['a', 'b']]);
    expect(q.busy).toBe(true);
    q.add(seg('c'));
    expect(sent).toHaveLength(1); // one in flight
    release({ found: [[], []] });
    await expect.poll(() => sent.length).toBe(2);
    expect(answered).toEqual(['a', 'b']);
    expect(sent[1]).toEqual(['c']);
  });

  it('sends a full batch without waiting for the pass to end, and answers a lost request with nothing', async () => {
    const sent: number[] = [];
    const answered: string[] = [];
    const q = new MentionRequests({
      send: (texts) => {
        sent.push(texts.length);
        return Promise.reject(new Error('the background went away'));
      },
      current: () => true,
      context: () => [],
      answered: (s) => answered.push(s.visible),
      batchDone: () => undefined,
      report: () => undefined,
    });
    q.hold();
    q.add(seg('x'.repeat(BATCH_CHARS)));
    expect(sent).toEqual([1]);
    await expect.poll(() => answered.length).toBe(1);
  });
});

describe('the card loader', () => {
  it('loads card.js once, keeps the intent for the card, and restarts a stopped card without injecting it again', async () => {
    toWorld(CARD_KEY, undefined);
    toWorld(CARD_START_KEY, undefined);
    let loads = 0;
    const loader = new CardLoader({
      load: async () => {
        loads++;
        return { ok: true };
      },
      report: () => undefined,
    });
    loader.want({ via: 'hover', x: 1, y: 2, timeStamp: 3 });
    loader.want({ via: 'hover', x: 4, y: 5, timeStamp: 6 });
    expect(loads).toBe(1);
    expect(loader.takeIntent()).toEqual({ via: 'hover', x: 4, y: 5, timeStamp: 6 });
    expect(loader.takeIntent()).toBeNull();
    let restarted = 0;
    toWorld(CARD_START_KEY, () => restarted++);
    loader.want();
    expect(restarted).toBe(1);
    toWorld(CARD_KEY, { dispose() {} });
    expect(loader.running).toBe(true);
    loader.want();
    expect(restarted).toBe(1);
    toWorld(CARD_KEY, undefined);
    toWorld(CARD_START_KEY, undefined);
  });
});

describe('the filter, block by block', () => {
  it('keeps the first mention of each entity across blocks with firstOnly, and drops what is switched off', () => {
    const keep = mentionFilter({
      ...DEFAULT_SETTINGS,
      disabledKinds: ['person'],
      style: { ...DEFAULT_SETTINGS.style, firstOnly: true },
    });
    const block1 = [
      { entity: 'xiaomi', kind: 'company' as const },
      { entity: 'harry-shum', kind: 'person' as const },
    ];
    const block2 = [
      { entity: 'xiaomi', kind: 'company' as const },
      { entity: 'cortana', kind: 'product' as const },
    ];
    expect(block1.filter(keep).map((m) => m.entity)).toEqual(['xiaomi']);
    expect(block2.filter(keep).map((m) => m.entity)).toEqual(['cortana']);
  });
});

describe('the sweep’s junctions', () => {
  it('breaks the text at each junction inside it, and maps positions in the broken text back', () => {
    // Global offsets: the text starts at 100; junctions at 103 and 108 (and one before, one after it).
    const junctions = [90, 103, 108, 200];
    const broken = breakJunctions('learnhowMicrosoft', 100, junctions, 1);
    expect(broken).toBe('lea\nrnhow\nMicrosoft');
    const at = broken.indexOf('Microsoft');
    expect(withoutBreaks(at, 100, junctions, 1)).toBe('learnhowMicrosoft'.indexOf('Microsoft'));
    expect(withoutBreaks(0, 100, junctions, 1)).toBe(0);
    expect(breakJunctions('plain', 300, junctions, 4)).toBe('plain');
  });
});
