/**
 * The reader's corrections where the page meets them: what the pages' mirror
 * carries per corrected site (a revision, the marked texts) and which keys a
 * change writes, the first stage's
 * pattern of marked texts, the undo a card sends back (held to its own site),
 * the card's `correct` message, a reader's mark against a later correction of
 * it, and the card controller holding a corrected card open.
 */
import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CardController, type MentionRef } from '../../src/card/controller';
import { correctBlock, correctionsForSite } from '../../src/corrections/apply';
import { checkUndo, correctionsSummary, mirrorChanges } from '../../src/corrections/for-pages';
import {
  applyChanges,
  correctionKey,
  makeCorrection,
  NO_CORRECTIONS,
  type Correction,
  type Corrections,
} from '../../src/corrections/model';
import { BackgroundRequestSchema } from '../../src/messages';
import { marksPattern } from '../../src/page/marks';

const SITE = 'news.example.com';
const SENTENCE = 'The company from Redmond will bring its assistant to the speakers.';

function make(n: Parameters<typeof makeCorrection>[0], at = 1): Correction {
  const r = makeCorrection(n, at);
  if (!r.ok) throw new Error(JSON.stringify(r.problem));
  return r.correction;
}

const span = (written: string, sentence = SENTENCE) => {
  const start = sentence.indexOf(written);
  return { sentence, start, end: start + written.length };
};

const withItems = (...items: Correction[]): Corrections => ({ version: 1, items });

describe('the pages’ mirror of the corrections, per site', () => {
  const mark = make({ kind: 'mark', site: SITE, entity: 'microsoft', ...span('The company from Redmond') });
  const notThis = make({ kind: 'not-this', site: SITE, entity: 'microsoft', ...span('Redmond') }, 2);
  const elsewhere = make({ kind: 'not-here', site: 'other.example', entity: 'xiaomi' });

  it('is empty without corrections, and lists each corrected site with its marked texts', () => {
    expect(correctionsSummary(NO_CORRECTIONS).size).toBe(0);
    const s = correctionsSummary(withItems(mark, notThis, elsewhere));
    expect([...s.keys()].sort()).toEqual(['news.example.com', 'other.example']);
    expect(s.get(SITE)!.marks).toEqual(['The company from Redmond']);
    expect(s.get('other.example')!.marks).toEqual([]);
  });

  it('changes a site’s revision with its corrections only (order and time aside)', () => {
    const one = correctionsSummary(withItems(mark, elsewhere));
    const two = correctionsSummary(withItems(mark, notThis, elsewhere));
    expect(two.get(SITE)!.rev).not.toBe(one.get(SITE)!.rev);
    expect(two.get('other.example')!.rev).toBe(one.get('other.example')!.rev);
    // The same corrections in another order: the same revision.
    expect(correctionsSummary(withItems(notThis, elsewhere, mark)).get(SITE)!.rev).toBe(two.get(SITE)!.rev);
    // One correction replaced by another (same count): a new revision.
    const other = make({ kind: 'not-this', site: SITE, entity: 'microsoft', ...span('speakers') }, 3);
    expect(correctionsSummary(withItems(mark, other, elsewhere)).get(SITE)!.rev).not.toBe(two.get(SITE)!.rev);
  });

  it('writes only the sites that changed, and removes those left without corrections', () => {
    const one = correctionsSummary(withItems(mark, elsewhere));
    const two = correctionsSummary(withItems(mark, notThis, elsewhere));
    const changes = mirrorChanges(one, two);
    expect([...changes.set.keys()]).toEqual([SITE]);
    expect(changes.remove).toEqual([]);
    expect(mirrorChanges(two, two)).toEqual({ set: new Map(), remove: [] });
    const gone = mirrorChanges(two, correctionsSummary(withItems(mark, notThis)));
    expect(gone).toEqual({ set: new Map(), remove: ['other.example'] });
    expect([...mirrorChanges(new Map(), two).set.keys()].sort()).toEqual(['news.example.com', 'other.example']);
  });
});

describe('the first stage’s pattern of marked texts', () => {
  it('finds a marked text with any spacing, reads specials literally, and is null for none', () => {
    expect(marksPattern([])).toBeNull();
    expect(marksPattern(['  ', 5, null])).toBeNull();
    const p = marksPattern(['The company from Redmond', 'C++ (beta)'])!;
    expect(p.test('Yes: The company\n  from Redmond said so.')).toBe(true);
    expect(p.test('They use C++ (beta) there.')).toBe(true);
    expect(p.test('They use C (beta) there.')).toBe(false);
    expect(p.test('the company from redmond')).toBe(false);
  });
});

describe('an undo sent back by a card', () => {
  const c = make({ kind: 'not-this', site: SITE, entity: 'microsoft', ...span('Redmond') });
  const r = applyChanges(NO_CORRECTIONS, [{ op: 'add', correction: c }]);
  if (!r.ok) throw new Error('not made');

  it('is accepted for the sender’s own site, as the store answered it', () => {
    expect(checkUndo(r.undo, SITE)).toEqual([{ op: 'remove', key: correctionKey(c) }]);
    expect(checkUndo([{ op: 'add', correction: c }], SITE)).toEqual([{ op: 'add', correction: c }]);
  });

  it('is refused for another site, or when it is not a change of corrections', () => {
    expect(checkUndo(r.undo, 'evil.example')).toBeNull();
    expect(checkUndo([{ op: 'add', correction: { ...c, site: 'evil.example' } }], SITE)).toBeNull();
    expect(checkUndo([{ op: 'add', correction: { ...c, start: 99 } }], SITE)).toBeNull();
    expect(checkUndo([{ op: 'rename' }], SITE)).toBeNull();
    expect(checkUndo([null], SITE)).toBeNull();
  });
});

describe('the card’s correct message', () => {
  const parse = (m: unknown) => v.safeParse(BackgroundRequestSchema, m).success;

  it('carries a mention in its sentence for “not this one”, an entity for “not here”', () => {
    expect(parse({ type: 'correct', kind: 'not-this', mention: { ...span('Redmond'), entity: 'microsoft' } })).toBe(
      true,
    );
    expect(parse({ type: 'correct', kind: 'not-here', entity: 'microsoft' })).toBe(true);
    expect(parse({ type: 'undoCorrection', undo: [{ op: 'remove', key: 'k' }] })).toBe(true);
  });

  it('refuses a span outside its sentence, a bad entity, an unknown kind', () => {
    expect(
      parse({ type: 'correct', kind: 'not-this', mention: { sentence: 'ab', start: 1, end: 5, entity: 'x' } }),
    ).toBe(false);
    expect(parse({ type: 'correct', kind: 'not-here', entity: 'Not An Id' })).toBe(false);
    expect(parse({ type: 'correct', kind: 'mark', entity: 'microsoft' })).toBe(false);
    expect(
      parse({ type: 'undoCorrection', undo: Array.from({ length: 17 }, () => ({ op: 'remove', key: 'k' })) }),
    ).toBe(false);
  });
});

describe('a reader’s mark and a later correction of it', () => {
  const text = `Earlier text. ${SENTENCE} More text.`;
  const mark = make({ kind: 'mark', site: SITE, entity: 'microsoft', ...span('The company from Redmond') }, 10);

  it('a mark stands until a later “not this one” of it or “not here” of its entity', () => {
    const marked = correctBlock(text, [], correctionsForSite([mark], SITE)).mentions;
    expect(marked.map((m) => [text.slice(m.start, m.end), m.source])).toEqual([['The company from Redmond', 'reader']]);
    const later = make({ kind: 'not-this', site: SITE, entity: 'microsoft', ...span('The company from Redmond') }, 20);
    const earlier = { ...later, at: 5 };
    expect(correctBlock(text, [], correctionsForSite([mark, later], SITE)).mentions).toEqual([]);
    expect(correctBlock(text, [], correctionsForSite([mark, earlier], SITE)).mentions).toHaveLength(1);
    const off = make({ kind: 'not-here', site: SITE, entity: 'microsoft' }, 20);
    const r = correctBlock(text, [], correctionsForSite([mark, off], SITE));
    expect(r.mentions).toEqual([]);
    expect(r.suppressed.map((s) => s.correction.kind)).toEqual(['not-here']);
    expect(correctBlock(text, [], correctionsForSite([mark, { ...off, at: 1 }], SITE)).mentions).toHaveLength(1);
  });
});

describe('the card controller holds a corrected card open', () => {
  const A: MentionRef = { id: 1, entity: 'xiaomi' };
  const A2: MentionRef = { id: 7, entity: 'xiaomi' };
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup() {
    const log: string[] = [];
    const c = new CardController<MentionRef>({
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      prefetch: () => undefined,
      arm: () => undefined,
      disarm: () => undefined,
      show: (m, via) => log.push(`show ${m.id} ${via}`),
      hide: (reason) => log.push(`hide ${reason}`),
      cardRect: () => null,
      settings: () => ({ trigger: 'hover', hoverDelayMs: 300 }),
    });
    return { c, log };
  }

  it('keeps the card while its mark is gone, and hands it to the mark that comes back', () => {
    const { c, log } = setup();
    c.openWithKeyboard(A);
    c.hold(A, true);
    expect(c.heldMention).toBe(A);
    c.mentionsChanged(() => false);
    expect(c.openMention).toBe(A);
    c.rebind(A2);
    expect(c.openMention).toBe(A2);
    expect(c.heldMention).toBeNull();
    // No longer held: a mark that goes now closes its card as before.
    c.mentionsChanged(() => false);
    expect(log).toEqual(['show 1 keyboard', 'hide mention-gone']);
  });

  it('lets go when the card closes or is released, and never holds another mention’s card', () => {
    const { c, log } = setup();
    c.openWithKeyboard(A);
    c.hold(A2, true);
    expect(c.heldMention).toBeNull();
    c.hold(A, true);
    c.hold(A, false);
    c.mentionsChanged(() => false);
    expect(log.at(-1)).toBe('hide mention-gone');
    c.openWithKeyboard(A);
    c.hold(A, true);
    c.escape();
    c.openWithKeyboard(A);
    c.mentionsChanged(() => false);
    expect(log.at(-1)).toBe('hide mention-gone');
  });
});
