import { describe, expect, it } from 'vitest';
import { DATASET_VOCABULARY, matchSentence, parseLabelled, parseLabelledLines, scoreSet } from '../../src/detect/score';

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
      {
        id: 'a',
        kind: 'FN',
        entity: 'microsoft',
        start: 11,
        end: 20,
        text: 'Microsoft',
        sentence: 'Xiaomi and Microsoft',
      },
      { id: 'b', kind: 'FP', entity: 'surface', start: 4, end: 11, text: 'surface', sentence: 'the surface' },
    ]);
  });

  it('sets labelled mentions outside the vocabulary aside, as it does predictions', () => {
    const gold = [
      { entity: 'mou-2018', start: 0, end: 3 },
      { entity: 'xiaomi', start: 10, end: 16 },
    ];
    const r = matchSentence(gold, [{ entity: 'xiaomi', start: 10, end: 16 }]);
    expect([r.tp, r.fp.length, r.fn.length, r.outside]).toEqual([1, 0, 0, 1]);
    // With the dataset's vocabulary, the agreement counts: missed here.
    const all = matchSentence(gold, [{ entity: 'xiaomi', start: 10, end: 16 }], DATASET_VOCABULARY);
    expect([all.tp, all.fp.length, all.fn.length, all.outside]).toEqual([1, 0, 1, 0]);
  });

  it('names each malformed line and what is wrong with it', () => {
    const { sentences, problems } = parseLabelledLines(
      [
        '{"id":"a","text":"Xiaomi","mentions":[{"entity":"xiaomi","start":0,"end":6}],"url":"https://x.test/","title":"T"}',
        '{oops',
        '["an array"]',
        '{"id":"b","mentions":[]}',
        '{"id":"c","text":"abc","mentions":[{"entity":"xiaomi","start":1,"end":9}]}',
        '{"id":"d","text":"abc","mentions":[{"entity":"xiaomi","start":1.5,"end":2}]}',
        '{"id":"e","text":"abc","mentions":"none"}',
        '',
        '{"id":"f","text":"abc","mentions":[],"extra":1}\r',
      ].join('\n'),
    );
    expect(sentences.map((s) => s.id)).toEqual(['a', 'f']);
    expect(sentences[0]).toEqual({
      id: 'a',
      text: 'Xiaomi',
      mentions: [{ entity: 'xiaomi', start: 0, end: 6 }],
      url: 'https://x.test/',
      title: 'T',
    });
    expect(problems).toEqual([
      expect.stringMatching(/^line 2: not valid JSON/),
      'line 3: must be a JSON object with "id", "text" and "mentions"',
      'line 4: text: is missing',
      'line 5: mentions.0: 1–9 is not a non-empty span of the text (3 characters)',
      'line 6: mentions.0.start: must be a whole number',
      'line 7: mentions: must be an array',
    ]);
  });

  it('parses JSONL and names the line of a bad entry', () => {
    expect(parseLabelled('{"id":"x","text":"t","mentions":[]}\n\n')).toHaveLength(1);
    expect(() => parseLabelled('{"id":"x","text":"t","mentions":[]}\n{oops')).toThrow(/line 2/);
    expect(() => parseLabelled('{"id":"x","text":3,"mentions":[]}')).toThrow(/line 1/);
  });
});
