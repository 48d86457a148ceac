/**
 * Why a name was marked (src/detect/why.ts) and its words (src/detect/why-words.ts):
 * each rule of the scan and each kind of alias explained, the explanation holding
 * the engine's own decision over every sentence we have, and the words in both
 * languages.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLUE_CODES, type ClueCode } from '../../src/detect/why-types';
import { detect, scannerFor } from '../../src/detect/index';
import { ACCEPT, ACCEPT_FIRST, ASK_FIRST, REJECT_PLAIN } from '../../src/detect/scan';
import { parseLabelled } from '../../src/detect/score';
import {
  confidenceOf,
  explainMention,
  explainSpan,
  explainText,
  SCAN_RULE_NAMES,
  type Why,
} from '../../src/detect/why';
import { whyLanguageOf, whyWords, type WhyLanguage } from '../../src/detect/why-words';
import type { MessageCatalogue } from '../../src/i18n/format';

const ROOT = resolve(__dirname, '../..');
const DEV = resolve(ROOT, '../shared/corpus/mentions-dev.jsonl');
const SEED = resolve(ROOT, '../shared/seeds/xiaomi-microsoft-partnership.txt');
const PAGES = resolve(ROOT, '../shared/corpus/pages');
const REGRESSION = resolve(ROOT, 'tests/fixtures/detect/regression.jsonl');
const catalogue = (dir: string) =>
  JSON.parse(readFileSync(join(ROOT, 'public/_locales', dir, 'messages.json'), 'utf8')) as MessageCatalogue;
const EN: WhyLanguage = whyLanguageOf(catalogue('en'), 'en');
const ZH: WhyLanguage = whyLanguageOf(catalogue('zh_CN'), 'zh');

/** The why of the first mention of `written` in `text` (whole-text context, as the CLI explains). */
function whyOf(text: string, written: string, entity: string, opts = {}): Why {
  const start = text.indexOf(written);
  expect(start, `${written} in ${text}`).toBeGreaterThanOrEqual(0);
  return explainSpan(text, { entity, start, end: start + written.length }, opts);
}

describe('why: how a mention was found and decided', () => {
  it('an unambiguous name is accepted by the scan, in any case, built-in or Chinese', () => {
    expect(whyOf('Xiaomi sells phones.', 'Xiaomi', 'xiaomi')).toEqual({
      entity: 'xiaomi',
      text: 'Xiaomi',
      mode: 'context',
      alias: { listed: 'Xiaomi', source: 'built-in' },
      marked: true,
      decision: { by: 'name', rule: 'unambiguous' },
    });
    expect(whyOf('we met xiaomi staff', 'xiaomi', 'xiaomi').decision).toEqual({ by: 'name', rule: 'unambiguous' });
    expect(whyOf('小米发布了新手机。', '小米', 'xiaomi').alias).toEqual({ listed: '小米', source: 'chinese' });
    // A plural finds the listed name.
    expect(whyOf('Two HomePods sat there.', 'HomePods', 'homepod').alias?.listed).toBe('HomePod');
  });

  it('a reader’s own alias says so; a duplicate of a built-in name stays built-in', () => {
    const opts = { extraAliases: { xiaomi: ['Mi Corp', 'MICROSOFT'] } };
    expect(whyOf('Mi Corp said so.', 'Mi Corp', 'xiaomi', opts).alias).toEqual({
      listed: 'Mi Corp',
      source: 'reader',
    });
    expect(whyOf('Microsoft said so.', 'Microsoft', 'microsoft', opts).alias).toEqual({
      listed: 'Microsoft',
      source: 'built-in',
    });
  });

  it('names each rule of the scan, accepting and rejecting', () => {
    const rule = (text: string, written: string, entity: string, opts = {}) => {
      const w = whyOf(text, written, entity, opts);
      return [w.marked, w.decision.by, 'rule' in w.decision ? w.decision.rule : null];
    };
    expect(rule('The new Surface Pro is out.', 'Surface Pro', 'surface')).toEqual([true, 'scan-rule', 'as-listed']);
    expect(rule('The Mi4 is out.', 'Mi4', 'mi-4')).toEqual([true, 'scan-rule', 'short-as-listed']);
    expect(rule('the mi4 is out.', 'mi4', 'mi-4')).toEqual([false, 'scan-rule', 'short-not-as-listed']);
    expect(rule('Harry Shum Jr. acted.', 'Harry Shum', 'harry-shum')).toEqual([false, 'scan-rule', 'person-suffix']);
    expect(rule('我喝了小米粥。', '小米', 'xiaomi')).toEqual([false, 'scan-rule', 'cjk-next-character']);
    expect(rule('他有求必应。', '必应', 'bing')).toEqual([false, 'scan-rule', 'cjk-previous-character']);
    expect(rule('Wipe the surface clean.', 'surface', 'surface')).toEqual([false, 'scan-rule', 'lower-case-ambiguous']);
    expect(rule('Xiaomi phones.', 'Xiaomi', 'xiaomi', { mode: 'plain' })).toEqual([
      true,
      'scan-rule',
      'plain-as-listed',
    ]);
    // Plain matching is case-sensitive: another case is not even a match.
    expect(rule('xiaomi phones.', 'xiaomi', 'xiaomi', { mode: 'plain' })).toEqual([false, 'no-match', null]);
    expect(rule('Microsoft makes the surface pro.', 'surface pro', 'surface')[2]).toBe('ambiguous-in-lower-case');
    expect(rule('Microsoft makes the Surface pro.', 'Surface pro', 'surface')[2]).toBe('ambiguous-in-mixed-case');
    expect(rule('Microsoft makes the Surface.', 'Surface', 'surface')[2]).toBe('ambiguous-word');
    expect(rule('Xiaomi signed a memorandum of understanding.', 'memorandum of understanding', 'mou-2018')).toEqual([
      true,
      'classifier',
      'agreement-phrase',
    ]);
    // Every rule the scanner can give has a name (the numbers are the scanner's, the names why.ts's).
    expect(REJECT_PLAIN).toBe(0);
    expect(ASK_FIRST).toBeLessThan(ACCEPT_FIRST);
    expect(ACCEPT).toBeGreaterThan(ACCEPT_FIRST);
    expect(SCAN_RULE_NAMES.length).toBeGreaterThanOrEqual(ACCEPT + 1);
  });

  it('an ambiguous name carries the classifier’s evidence, score and confidence', () => {
    const w = whyOf('Yesterday Microsoft launched the Surface in Beijing.', 'Surface', 'surface');
    expect(w.marked).toBe(true);
    expect(w.decision.by).toBe('classifier');
    if (w.decision.by !== 'classifier') return;
    const { clues, score, confidence } = w.decision;
    expect(clues).toContainEqual({ code: 'capitalised-mid-sentence', weight: 2.5 });
    expect(clues).toContainEqual({ code: 'names-in-sentence', weight: 2, entities: ['microsoft'] });
    expect(score).toBe(clues.reduce((n, c) => n + c.weight, 0));
    expect(confidence).toBe(confidenceOf(score));

    const trap = whyOf('The surface tension of water. Surface tension again.', 'Surface', 'surface');
    expect(trap.marked).toBe(false);
    expect(trap.decision.by === 'classifier' && trap.decision.clues.map((c) => c.code)).toContain(
      'followed-by-other-sense',
    );
  });

  it('a span no name matches is explained as such', () => {
    const w = explainMention({ sentence: 'The big phone maker.', start: 4, end: 15, entity: 'xiaomi', context: [] });
    expect(w).toEqual({
      entity: 'xiaomi',
      text: 'big phone m',
      mode: 'context',
      alias: null,
      marked: false,
      decision: { by: 'no-match' },
    });
  });

  it('confidence is a band of the score’s distance from 0, monotonic on each side', () => {
    const order = { low: 0, medium: 1, high: 2 };
    let last = -1;
    for (let s = 0; s <= 10; s += 0.5) {
      const up = order[confidenceOf(s)];
      expect(order[confidenceOf(-s)]).toBe(up);
      expect(up).toBeGreaterThanOrEqual(last);
      last = up;
    }
    expect([confidenceOf(1), confidenceOf(1.5), confidenceOf(4), confidenceOf(4.5)]).toEqual([
      'low',
      'medium',
      'medium',
      'high',
    ]);
  });
});

// --- the explanation holds the engine's decisions ----------------------------------

function texts(): { label: string; text: string }[] {
  const out: { label: string; text: string }[] = [];
  const sets = [REGRESSION, ...(existsSync(DEV) ? [DEV] : [])];
  for (const f of sets) for (const s of parseLabelled(readFileSync(f, 'utf8'))) out.push({ label: s.id, text: s.text });
  if (existsSync(SEED)) out.push({ label: 'seed', text: readFileSync(SEED, 'utf8') });
  if (existsSync(PAGES))
    for (const f of readdirSync(PAGES).filter((n) => n.endsWith('.html')))
      out.push({ label: f, text: readFileSync(join(PAGES, f), 'utf8').replace(/<[^>]+>/g, ' ') });
  return out;
}
if (!existsSync(DEV) || !existsSync(PAGES))
  console.log(
    'detect-why: the shared corpus is absent, so only the regression set (and the seed if present) is checked',
  );

/** The classifier's score, or null for a decision of the scan. */
const scoreOf = (why: Why): number | null => (why.decision.by === 'classifier' ? why.decision.score : null);

describe('why holds the engine’s own decisions', () => {
  const all = texts();

  for (const mode of ['context', 'plain'] as const) {
    it(`every mention detect() finds is explained as marked (${mode} mode)`, { timeout: 120_000 }, () => {
      let n = 0;
      for (const { label, text } of all) {
        for (const m of explainText(text, { mode })) {
          n++;
          const where = `${label}: ${m.entity} "${m.text}"`;
          expect(m.why.marked, where).toBe(true);
          expect([m.why.entity, m.why.text], where).toEqual([m.entity, m.text]);
          // A classifier's decision to mark has a positive score; plain mode decides by one rule alone.
          expect(scoreOf(m.why) ?? 1, where).toBeGreaterThan(0);
          const plainRule = { by: 'scan-rule', rule: 'plain-as-listed' };
          expect(m.why.decision, where).toEqual(mode === 'plain' ? plainRule : m.why.decision);
        }
      }
      expect(n).toBeGreaterThan(100);
    });
  }

  it(
    'every ambiguous candidate is explained with detect()’s decision and a score of the same sign',
    { timeout: 120_000 },
    () => {
      let accepted = 0;
      let rejected = 0;
      for (const { label, text } of all) {
        const found = new Set(detect(text).map((m) => `${m.entity}:${m.start}:${m.end}`));
        for (const c of scannerFor()
          .scan(text)
          .filter((c) => c.needsContext)) {
          const why = explainSpan(text, c);
          const marked = found.has(`${c.entity}:${c.start}:${c.end}`);
          const where = `${label}: ${c.entity} "${c.text}"`;
          expect(why.marked, where).toBe(marked);
          expect(why.decision.by, where).toBe('classifier');
          expect((scoreOf(why) ?? NaN) > 0, where).toBe(marked);
          if (marked) accepted++;
          else rejected++;
        }
      }
      // Both decisions occur: the check is not vacuous.
      expect(accepted).toBeGreaterThan(10);
      expect(rejected).toBeGreaterThan(10);
    },
  );
});

// --- words ---------------------------------------------------------------------

describe('why in words', () => {
  const words = (text: string, written: string, entity: string, lang = EN) =>
    whyWords(whyOf(text, written, entity), lang);

  it('says how it was found and decided, as a reader would put it', () => {
    const w = words('Xiaomi sells phones.', 'Xiaomi', 'xiaomi');
    expect(w.found).toBe('Matched “Xiaomi”, a built-in name (context-aware matching).');
    expect(w.decision).toBe('Marked: the name is not ambiguous, so it counts however it is written.');
    expect(w.clues).toEqual([]);

    const s = words('Yesterday Microsoft launched the Surface in Beijing.', 'Surface', 'surface');
    expect(s.decision).toMatch(/^Marked by the classifier, confidence (low|medium|high) \(score \+[\d.]+\)\.$/);
    expect(s.asked).toBe('“Surface” is also a common word or another name, so its sentence decides.');
    expect(s.clues).toContainEqual({ text: 'capitalised in mid-sentence', weight: '+2.5' });
    expect(s.clues).toContainEqual({ text: 'Microsoft is named in the same sentence', weight: '+2' });
    // Strongest first.
    const weights = s.clues.map((c) => Math.abs(Number(c.weight)));
    expect(weights).toEqual([...weights].sort((a, b) => b - a));

    const pro = words('Microsoft makes the surface pro.', 'surface pro', 'surface');
    expect(pro.clues).toContainEqual({ text: 'followed by “pro”', weight: '+2' });
  });

  it('sentence start, no other clue', () => {
    const amazon = words('Amazon, again.', 'Amazon', 'amazon');
    expect(amazon.decision).toBe('Marked by the classifier, confidence low (score +0.5).');
    expect(amazon.clues).toEqual([
      { text: 'on its own, “Amazon” usually means this name', weight: '+0.5' },
      { text: 'sentence start, where a capital letter says nothing', weight: '0' },
      { text: 'no other clue', weight: '0' },
    ]);
    const surface = words('Windows, again.', 'Windows', 'windows');
    expect(surface.decision).toBe('Not marked by the classifier, confidence low (score -1).');
    expect(surface.clues.map((c) => c.text)).toEqual([
      'on its own, “Windows” more often means something else',
      'sentence start, where a capital letter says nothing',
      'no other clue',
    ]);
  });

  it('in Simplified Chinese', () => {
    const w = words('Yesterday Microsoft launched the Surface in Beijing.', 'Surface', 'surface', ZH);
    expect(w.found).toBe('匹配到“Surface”，内置名称（结合上下文识别）。');
    expect(w.decision).toMatch(/^由分类器标注，置信度[低中高]（得分 \+[\d.]+）。$/);
    expect(w.clues).toContainEqual({ text: '在句中首字母大写', weight: '+2.5' });
    expect(w.clues).toContainEqual({ text: '同一句中提到了微软', weight: '+2' });
  });

  it('has words for every clue, rule and source in both languages', () => {
    const base = { entity: 'surface', text: 'Surface', mode: 'context' as const, marked: true };
    const whys: Why[] = [
      ...SCAN_RULE_NAMES.map((rule): Why => ({
        ...base,
        alias: { listed: 'Surface', source: 'reader' },
        decision: { by: 'scan-rule', rule },
      })),
      { ...base, alias: { listed: '小米', source: 'chinese' }, decision: { by: 'name', rule: 'unambiguous' } },
      { ...base, mode: 'plain', alias: null, decision: { by: 'no-match' } },
      {
        ...base,
        alias: { listed: 'Surface', source: 'built-in' },
        decision: {
          by: 'classifier',
          rule: 'ambiguous-word',
          score: 1,
          confidence: 'low',
          clues: CLUE_CODES.map((code: ClueCode) => ({
            code,
            weight: 1,
            words: ['word', 'other'],
            entities: ['microsoft', 'xiaomi'],
          })),
        },
      },
    ];
    for (const lang of [EN, ZH]) {
      for (const why of whys) {
        const w = whyWords(why, lang);
        for (const text of [w.found, w.decision, w.asked ?? '', ...w.clues.map((c) => c.text)]) {
          // A missing message shows its key; a missing substitution leaves a $ or an empty quote.
          expect(text, JSON.stringify(why.decision)).not.toMatch(/why_|\$|“”/);
        }
      }
      const clues = whyWords(whys.at(-1)!, lang).clues;
      expect(new Set(clues.map((c) => c.text)).size).toBeGreaterThanOrEqual(CLUE_CODES.length - 3);
    }
  });
});
