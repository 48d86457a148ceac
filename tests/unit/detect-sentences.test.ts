import { describe, expect, it } from 'vitest';
import { MAX_SIDE, sentenceAround } from '../../src/detect/sentences';

const around = (text: string, word: string) => {
  const i = text.indexOf(word);
  const s = sentenceAround(text, i, i + word.length);
  return text.slice(s.start, s.end);
};

describe('sentenceAround', () => {
  it('returns the sentence holding the span', () => {
    const t = 'First one. The Surface line grew! Last one? Yes.';
    expect(around(t, 'Surface')).toBe('The Surface line grew!');
    expect(around(t, 'Last')).toBe('Last one?');
  });

  it('does not end a sentence at abbreviations, initials or decimals', () => {
    const t = 'Intro. Dr. Harry Shum met J. Smith at 3.5 p.m. in the Office today. Next.';
    expect(around(t, 'Office')).toBe('Dr. Harry Shum met J. Smith at 3.5 p.m. in the Office today.');
  });

  it('keeps closing quotes with their sentence', () => {
    const t = 'He said: “Surface sales grew.” Then he left.';
    expect(around(t, 'Surface')).toBe('He said: “Surface sales grew.”');
  });

  it('splits Chinese sentences at 。', () => {
    const t = '小米很好。微软也好。';
    expect(around(t, '微软')).toBe('微软也好。');
  });

  it('splits at blank lines and after short heading lines, not inside a name broken across lines', () => {
    const t =
      'Why The Surface Of Mars Looks Red\nScientists studied the planet.\n\nNext para about Microsoft\n  Azure and more.';
    expect(around(t, 'Surface')).toBe('Why The Surface Of Mars Looks Red');
    const i = t.indexOf('Microsoft');
    const s = sentenceAround(t, i, t.indexOf('Azure') + 5);
    expect(t.slice(s.start, s.end)).toBe('Next para about Microsoft\n  Azure and more.');
  });

  it('bounds the span in text without punctuation', () => {
    const t = 'word '.repeat(1000) + 'Surface ' + 'word '.repeat(1000);
    const i = t.indexOf('Surface');
    const s = sentenceAround(t, i, i + 7);
    expect(s.start).toBeGreaterThanOrEqual(i - MAX_SIDE);
    expect(s.end).toBeLessThanOrEqual(i + 7 + MAX_SIDE);
    expect(t.slice(s.start, s.end)).toMatch(/^word .*Surface.* word$/);
  });
});
