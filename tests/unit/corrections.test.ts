/** A reader's corrections: the model (./src/corrections/model.ts), its store, and applying them to a page's mentions. */
import { describe, expect, it, vi } from 'vitest';
import { correctBlock, correctionsForSite, type BlockMention } from '../../src/corrections/apply';
import {
  applyChanges,
  clipSentence,
  correctionKey,
  correctionsBytes,
  CorrectionsSchema,
  describeProblem,
  groupCorrections,
  makeCorrection,
  MAX_CORRECTIONS,
  MAX_CORRECTIONS_BYTES,
  MAX_SENTENCE_CHARS,
  NO_CORRECTIONS,
  readStoredCorrections,
  siteOf,
  type Change,
  type Correction,
  type Corrections,
} from '../../src/corrections/model';
import { CorrectionsStore, type CorrectionsItem } from '../../src/corrections/store-core';
import { correctionProblemText } from '../../src/corrections/words';
import { t } from '../../src/i18n';
import * as v from 'valibot';

const SITE = 'news.example.com';

/** A correction of `kind` on the first `written` of `sentence` (throws if it cannot be made). */
function correction(
  kind: 'not-this' | 'mark',
  sentence: string,
  written: string,
  entity: string,
  at = 1,
  site = SITE,
): Correction {
  const start = sentence.indexOf(written);
  if (start < 0) throw new Error(`${written} is not in ${sentence}`);
  const r = makeCorrection({ kind, site, entity, sentence, start, end: start + written.length }, at);
  if (!r.ok) throw new Error(describeProblem(r.problem));
  return r.correction;
}

function notHere(entity: string, site = SITE, at = 1): Correction {
  const r = makeCorrection({ kind: 'not-here', site, entity }, at);
  if (!r.ok) throw new Error(describeProblem(r.problem));
  return r.correction;
}

function changed(current: Corrections, changes: Change[]) {
  const r = applyChanges(current, changes);
  if (!r.ok) throw new Error(describeProblem(r.problem));
  return r;
}

describe('corrections: the model', () => {
  it('makes the three kinds, with the site of a page', () => {
    expect(siteOf('https://News.Example.com:8443/a?b#c')).toBe('news.example.com');
    expect(siteOf('file:///tmp/a.html')).toBe('file:');
    expect(correction('not-this', 'The Surface of Mars.', 'Surface', 'surface')).toEqual({
      kind: 'not-this',
      site: SITE,
      entity: 'surface',
      at: 1,
      sentence: 'The Surface of Mars.',
      start: 4,
      end: 11,
      text: 'Surface',
    });
    expect(notHere('apple')).toEqual({ kind: 'not-here', site: SITE, entity: 'apple', at: 1 });
    expect(correction('mark', 'the Redmond company said', 'the Redmond company', 'microsoft').kind).toBe('mark');
  });

  it('keeps a long sentence cut around the span, whole words at the cuts', () => {
    const long = `${'alpha beta gamma '.repeat(40)}Surface ${'delta epsilon '.repeat(40)}`;
    const start = long.indexOf('Surface');
    const c = clipSentence({ sentence: long, start, end: start + 7, text: 'Surface' });
    expect(c.sentence.length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
    expect(c.sentence.slice(c.start, c.end)).toBe('Surface');
    expect(c.sentence).toMatch(/^(alpha|beta|gamma) .* (delta|epsilon)$/);
    // Near the start of a sentence, the room goes after the span.
    const early = clipSentence({ sentence: `Surface ${'x '.repeat(400)}`, start: 0, end: 7, text: 'Surface' });
    expect([early.start, early.sentence.length > 300]).toEqual([0, true]);
  });

  it('refuses what is not a correction, saying why', () => {
    const long = makeCorrection({
      kind: 'mark',
      site: SITE,
      entity: 'xiaomi',
      sentence: 'x'.repeat(300),
      start: 0,
      end: 150,
    });
    expect(long).toEqual({ ok: false, problem: { code: 'text-too-long', max: 100 } });
    const bad = makeCorrection({ kind: 'not-here', site: SITE, entity: 'Not An Id' });
    expect(bad.ok || describeProblem(bad.problem)).toMatch(/^entity: must be an entity id/);
    expect(v.safeParse(CorrectionsSchema, { version: 1, items: [{ ...notHere('apple'), extra: 1 }] }).success).toBe(
      false,
    );
    // The text must be what the span of the sentence reads.
    const wrong = { ...correction('mark', 'Xiaomi phones', 'Xiaomi', 'xiaomi'), text: 'Apple' };
    expect(v.safeParse(CorrectionsSchema, { version: 1, items: [wrong] }).success).toBe(false);
  });

  it('adds, ignores a repeat, removes, and undoes each', () => {
    const a = correction('not-this', 'The Surface of Mars.', 'Surface', 'surface');
    const b = notHere('apple');
    const one = changed(NO_CORRECTIONS, [{ op: 'add', correction: a }]);
    const two = changed(one.corrections, [{ op: 'add', correction: b }]);
    expect(two.corrections.items).toEqual([a, b]);
    // The same correction again (made later) changes nothing.
    expect(changed(two.corrections, [{ op: 'add', correction: { ...a, at: 99 } }]).undo).toEqual([]);
    // Undo of an addition removes it; undo of a removal brings it back.
    expect(changed(two.corrections, two.undo).corrections).toEqual(one.corrections);
    const removed = changed(two.corrections, [{ op: 'remove', key: correctionKey(a) }]);
    expect(removed.corrections.items).toEqual([b]);
    expect(changed(removed.corrections, removed.undo).corrections.items).toEqual([b, a]);
  });

  it('"not this one" and "mark as mention" of the same span replace each other, undoably', () => {
    const sentence = 'We tested the surface laptop today.';
    const not = correction('not-this', sentence, 'surface', 'surface');
    const mark = correction('mark', sentence, 'surface laptop', 'surface', 2);
    const first = changed(NO_CORRECTIONS, [{ op: 'add', correction: not }]);
    const second = changed(first.corrections, [{ op: 'add', correction: mark }]);
    expect(second.corrections.items).toEqual([mark]);
    expect(changed(second.corrections, second.undo).corrections.items).toEqual([not]);
  });

  it('is bounded in number and in size, with a clear message; removing always works', () => {
    const many: Corrections = {
      version: 1,
      items: Array.from({ length: MAX_CORRECTIONS }, (_, i) => notHere('apple', `site${i}.example`)),
    };
    const over = applyChanges(many, [{ op: 'add', correction: notHere('apple', 'one-more.example') }]);
    expect(over).toEqual({ ok: false, problem: { code: 'too-many', max: MAX_CORRECTIONS } });
    expect(!over.ok && describeProblem(over.problem)).toBe(
      'at most 1,000 corrections are kept on this device: remove some first',
    );
    expect(!over.ok && correctionProblemText(over.problem, t)).toBe(
      'At most 1000 corrections are kept on this device: remove some in the options first.',
    );
    expect(applyChanges(many, [{ op: 'remove', key: correctionKey(many.items[0]!) }]).ok).toBe(true);

    // Size: long sentences fill the bytes before the count. Filled close to the limit, then one at a time.
    const sentence = `${'言'.repeat(150)} Surface ${'语'.repeat(200)}`;
    const item = (i: number) => correction('not-this', sentence, 'Surface', 'surface', i, `s${i}.example`);
    const each =
      correctionsBytes({ version: 1, items: [item(0), item(1)] }) - correctionsBytes({ version: 1, items: [item(0)] });
    let c: Corrections = {
      version: 1,
      items: Array.from({ length: Math.floor(MAX_CORRECTIONS_BYTES / each) - 3 }, (_, i) => item(i)),
    };
    expect(v.safeParse(CorrectionsSchema, c).success).toBe(true);
    let problem = null;
    for (let i = c.items.length; !problem; i++) {
      const r = applyChanges(c, [{ op: 'add', correction: item(i) }]);
      if (r.ok) c = r.corrections;
      else problem = r.problem;
    }
    expect(problem).toEqual({ code: 'too-large', maxBytes: MAX_CORRECTIONS_BYTES });
    expect(c.items.length).toBeLessThan(MAX_CORRECTIONS);
    expect(correctionsBytes(c)).toBeLessThanOrEqual(MAX_CORRECTIONS_BYTES);
    expect(correctionsBytes(c) + each).toBeGreaterThan(MAX_CORRECTIONS_BYTES);
  });

  it('reads what is stored field by field: damaged items dropped, the rest kept; a newer version left alone', () => {
    const good = notHere('apple');
    expect(readStoredCorrections(undefined)).toEqual({ corrections: NO_CORRECTIONS, problem: null, newer: false });
    expect(readStoredCorrections({ version: 1, items: [good] }).corrections.items).toEqual([good]);
    const damaged = readStoredCorrections({ version: 1, items: [good, { kind: 'mark' }, 'junk'] });
    expect(damaged.corrections.items).toEqual([good]);
    expect(damaged.problem).toBe('stored corrections were damaged: 2 could not be read and were dropped, 1 kept');
    expect(readStoredCorrections({ version: 2, items: [] })).toMatchObject({
      newer: true,
      corrections: NO_CORRECTIONS,
    });
  });

  it('lists them by site and entity, newest first', () => {
    const c: Corrections = {
      version: 1,
      items: [
        notHere('apple', 'b.example', 1),
        notHere('amazon', 'b.example', 2),
        correction('not-this', 'The Surface of Mars.', 'Surface', 'surface', 3, 'a.example'),
        correction('mark', 'the Surface of it', 'Surface', 'surface', 4, 'a.example'),
      ],
    };
    expect(
      groupCorrections(c).map((s) => [s.site, s.entities.map((e) => [e.entity, e.items.map((i) => i.at)])]),
    ).toEqual([
      ['a.example', [['surface', [4, 3]]]],
      [
        'b.example',
        [
          ['amazon', [2]],
          ['apple', [1]],
        ],
      ],
    ]);
  });
});

describe('corrections: kept on this device', () => {
  function fakeItem(initial: unknown = null) {
    let value = initial;
    const listeners = new Set<(v: unknown) => void>();
    const item: CorrectionsItem & { writes: number; value: () => unknown } = {
      writes: 0,
      value: () => value,
      getValue: () => Promise.resolve(structuredClone(value)),
      setValue: (next) => {
        value = structuredClone(next);
        item.writes++;
        listeners.forEach((l) => l(value));
        return Promise.resolve();
      },
      watch: (cb) => {
        listeners.add(cb);
        return () => listeners.delete(cb);
      },
    };
    return item;
  }

  it('saves each change, runs quick changes one after another, and undoes', async () => {
    const item = fakeItem();
    const store = new CorrectionsStore(item);
    const seen: number[] = [];
    store.watch((c) => seen.push(c.items.length));
    const a = notHere('apple');
    const b = notHere('amazon');
    const [ra, rb] = await Promise.all([
      store.change([{ op: 'add', correction: a }]),
      store.change([{ op: 'add', correction: b }]),
    ]);
    expect((await store.get()).items).toEqual([a, b]);
    expect(seen).toEqual([1, 2]);
    await store.change(rb.ok ? rb.undo : []);
    await store.change(ra.ok ? ra.undo : []);
    expect((await store.get()).items).toEqual([]);
  });

  it('repairs a damaged store on the next change and says so once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const item = fakeItem({ version: 1, items: [notHere('apple'), { kind: 'junk' }] });
    const store = new CorrectionsStore(item);
    expect((await store.getState()).storedProblem).toMatch(/1 could not be read/);
    await store.get();
    expect(warn).toHaveBeenCalledTimes(1);
    await store.change([]);
    expect(item.value()).toEqual({ version: 1, items: [notHere('apple')] });
    warn.mockRestore();
  });

  it('never writes over corrections of a newer version', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const newer = { version: 2, items: [{ anything: true }] };
    const item = fakeItem(newer);
    const r = await new CorrectionsStore(item).change([{ op: 'add', correction: notHere('apple') }]);
    expect(r.ok).toBe(false);
    expect(item.value()).toEqual(newer);
    expect(item.writes).toBe(0);
    warn.mockRestore();
  });

  it('replaces them all (an import), and the undo brings the old ones back', async () => {
    const old = notHere('apple');
    const store = new CorrectionsStore(fakeItem({ version: 1, items: [old] }));
    const next: Corrections = { version: 1, items: [notHere('amazon')] };
    const r = await store.replace(next);
    expect((await store.get()).items).toEqual(next.items);
    await store.change(r.ok ? r.undo : []);
    expect((await store.get()).items).toEqual([old]);
  });
});

// --- applying them to a page -------------------------------------------------------

/** Mentions of `written` (each occurrence) as a detector would give them. */
function mentionsOf(text: string, list: [written: string, entity: string][]): BlockMention[] {
  const out: BlockMention[] = [];
  for (const [written, entity] of list) {
    for (let i = text.indexOf(written); i >= 0; i = text.indexOf(written, i + written.length))
      out.push({ entity, start: i, end: i + written.length });
  }
  return out.sort((a, b) => a.start - b.start);
}

const spans = (text: string, ms: readonly BlockMention[]) =>
  ms.map((m) => `${m.entity}:${text.slice(m.start, m.end)}@${m.start}`);

describe('corrections applied to a page', () => {
  const ARTICLE =
    'Microsoft showed the Surface on Monday. Later, the Surface of the lake froze. Apple and Amazon were there.';
  const found = mentionsOf(ARTICLE, [
    ['Microsoft', 'microsoft'],
    ['Surface', 'surface'],
    ['Apple', 'apple'],
    ['Amazon', 'amazon'],
  ]);

  it('changes nothing without corrections for the site', () => {
    const other = correctionsForSite([notHere('apple', 'elsewhere.example')], SITE);
    const r = correctBlock(ARTICLE, found, other);
    expect(r.suppressed).toEqual([]);
    expect(r.mentions).toEqual(found.map((m) => ({ ...m, source: 'engine' })));
  });

  it('"not this one" takes away that mention only, wherever its sentence appears', () => {
    const not = correction('not-this', 'Later, the Surface of the lake froze.', 'Surface', 'surface');
    const site = correctionsForSite([not], SITE);
    const r = correctBlock(ARTICLE, found, site);
    expect(spans(ARTICLE, r.suppressed)).toEqual(['surface:Surface@51']);
    expect(r.suppressed[0]!.correction).toBe(not);
    expect(spans(ARTICLE, r.mentions)).toEqual([
      'microsoft:Microsoft@0',
      'surface:Surface@21',
      'apple:Apple@78',
      'amazon:Amazon@88',
    ]);
    // The same sentence elsewhere on the page (another block, other text around it).
    const quote = 'As the report put it: Later, the Surface of the lake froze.';
    const again = correctBlock(quote, mentionsOf(quote, [['Surface', 'surface']]), site);
    expect([again.mentions.length, again.suppressed.length]).toEqual([0, 1]);
  });

  it('"not this one" holds when the sentence changes away from the name, not when the words around it change', () => {
    const site = correctionsForSite(
      [correction('not-this', 'Later, the Surface of the lake froze.', 'Surface', 'surface')],
      SITE,
    );
    const edited = 'Much later, the Surface of the lake froze solid in January.';
    expect(correctBlock(edited, mentionsOf(edited, [['Surface', 'surface']]), site).suppressed).toHaveLength(1);
    const spacing = 'Later,  the\nSurface of the LAKE froze.';
    expect(correctBlock(spacing, mentionsOf(spacing, [['Surface', 'surface']]), site).suppressed).toHaveLength(1);
    const other = 'Later, the Surface Pro went on sale.';
    expect(correctBlock(other, mentionsOf(other, [['Surface', 'surface']]), site).suppressed).toEqual([]);
  });

  it('"not here" takes away every mention of the entity on the site, and only there', () => {
    const site = correctionsForSite([notHere('apple'), notHere('amazon', 'elsewhere.example')], SITE);
    const r = correctBlock(ARTICLE, found, site);
    expect(spans(ARTICLE, r.suppressed)).toEqual(['apple:Apple@78']);
    expect(r.mentions.map((m) => m.entity)).toEqual(['microsoft', 'surface', 'surface', 'amazon']);
  });

  it('"mark as mention" adds the span wherever its sentence stands, as the reader\'s', () => {
    const text = 'The Redmond company said so. Xiaomi agreed; the Redmond company smiled.';
    const mark = correction('mark', 'The Redmond company said so.', 'Redmond company', 'microsoft');
    const r = correctBlock(text, mentionsOf(text, [['Xiaomi', 'xiaomi']]), correctionsForSite([mark], SITE));
    expect(r.mentions).toEqual([
      { entity: 'microsoft', start: 4, end: 19, source: 'reader', correction: mark },
      { entity: 'xiaomi', start: 29, end: 35, source: 'engine' },
    ]);
    // Elsewhere on the page, the same sentence, another spacing.
    const moved = 'Update: The Redmond\n company said so.';
    expect(spans(moved, correctBlock(moved, [], correctionsForSite([mark], SITE)).mentions)).toEqual([
      'microsoft:Redmond\n company@12',
    ]);
  });

  it('a mark is not found inside a longer word, and wins over what the detector found there', () => {
    const mark = correction('mark', 'We saw the Mi Notebook today.', 'Mi', 'xiaomi');
    const site = correctionsForSite([mark], SITE);
    const inWord = 'We saw the Mile Notebook today.';
    expect(correctBlock(inWord, [], site).mentions).toEqual([]);
    const text = 'We saw the Mi Notebook today.';
    const r = correctBlock(text, [{ entity: 'mi-notebook', start: 11, end: 22 }], site);
    expect(spans(text, r.mentions)).toEqual(['xiaomi:Mi@11']);
    expect(r.suppressed).toEqual([{ entity: 'mi-notebook', start: 11, end: 22, correction: mark }]);
    // The same span of the same entity is kept once, as the detector's.
    const same = correctBlock(text, [{ entity: 'xiaomi', start: 11, end: 13 }], site);
    expect(same.mentions).toEqual([{ entity: 'xiaomi', start: 11, end: 13, source: 'engine' }]);
  });

  it('works in Chinese, where words are characters', () => {
    const mark = correction('mark', '雷军说小米和微软合作。', '雷军', 'xiaomi');
    const text = '昨天雷军说小米和微软合作。';
    const r = correctBlock(text, mentionsOf(text, [['小米', 'xiaomi']]), correctionsForSite([mark], SITE));
    expect(spans(text, r.mentions)).toEqual(['xiaomi:雷军@2', 'xiaomi:小米@5']);
  });
});
