import { describe, expect, it } from 'vitest';
import { matchSentence, parseLabelled, scoreSet } from '../../src/detect/score';

describe('corpus scorer', () => {
  it('counts an overlapping prediction of the same entity once', () => {
    const gold = [{ entity: 'harry-shum', start: 0, end: 14 }];
    const r = matchSentence(gold, [
      { entity: 'harry-shum', start: 4, end: 14 },
      { entity: 'harry-shum', start: 9, end: 14 },
    ]);
    expect(r.tp).toBe(1);
    expect(r.fp).toHaveLength(1);
    expect(r.fn).toHaveLength(0);
  });

  it('treats a wrong entity on the right span as FP plus FN', () => {
    const r = matchSentence(
      [{ entity: 'windows-10-mobile', start: 0, end: 17 }],
      [{ entity: 'windows-10', start: 0, end: 10 }],
    );
    expect([r.tp, r.fp.length, r.fn.length]).toEqual([0, 1, 1]);
  });

  it('ignores predicted entities outside the vocabulary', () => {
    const r = matchSentence([], [{ entity: 'mou-2018', start: 0, end: 3 }]);
    expect([r.tp, r.fp.length, r.fn.length]).toEqual([0, 0, 0]);
  });

  it('computes precision, recall, F1 and lists errors with their text', () => {
    const set = [
      {
        id: 'a',
        text: 'Xiaomi and Microsoft',
        mentions: [
          { entity: 'xiaomi', start: 0, end: 6 },
          { entity: 'microsoft', start: 11, end: 20 },
        ],
      },
      { id: 'b', text: 'the surface', mentions: [] },
    ];
    const s = scoreSet(set, (t) =>
      t.startsWith('X') ? [{ entity: 'xiaomi', start: 0, end: 6 }] : [{ entity: 'surface', start: 4, end: 11 }],
    );
    expect([s.tp, s.fp, s.fn]).toEqual([1, 1, 1]);
    expect(s.precision).toBe(0.5);
    expect(s.recall).toBe(0.5);
    expect(s.f1).toBe(0.5);
    expect(s.errors).toEqual([
      { id: 'a', kind: 'FN', entity: 'microsoft', text: 'Microsoft', sentence: 'Xiaomi and Microsoft' },
      { id: 'b', kind: 'FP', entity: 'surface', text: 'surface', sentence: 'the surface' },
    ]);
  });

  it('parses JSONL and names the line of a bad entry', () => {
    expect(parseLabelled('{"id":"x","text":"t","mentions":[]}\n\n')).toHaveLength(1);
    expect(() => parseLabelled('{"id":"x","text":"t","mentions":[]}\n{oops')).toThrow(/line 2/);
    expect(() => parseLabelled('{"id":"x","text":3,"mentions":[]}')).toThrow(/line 1/);
  });
});
