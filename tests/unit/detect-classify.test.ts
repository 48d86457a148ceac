import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify, decisionWithoutTags, evidence, wordsFinalFor } from '../../src/detect/classify';
import { detect, itemsFor, scannerFor } from '../../src/detect/index';
import { type Analysis, isHeadline, MAX_NLP_CHARS, tagTexts } from '../../src/detect/nlp';
import { Lru } from '../../src/lru';

const found = (text: string) => detect(text).map((m) => `${m.entity}:${m.text}`);

describe('classify: traps (the other sense of the name)', () => {
  it.each([
    ['She wiped the surface of the table.'],
    ['Surface tension lets some insects walk on water.'],
    ['The Oval Office issued a statement.'],
    ['The film topped the box office again.'],
    ['The Post Office closes at noon.'],
    ['Echo Park is a neighbourhood in Los Angeles.'],
    ['Invoke the function with one argument.'],
    ['The Amazon rainforest is shrinking.'],
    ['The Amazon is the largest river by volume.'],
    ['Apple pie is a classic dessert.'],
    ['Azure waters lapped at the white sand.'],
    ['Windows were shattered by the blast.'],
    ['Bing Crosby recorded the song in 1942.'],
    ['Vera Wang showed her collection in Paris.'],
    ['Wang Yi, the foreign minister, visited Berlin.'],
    ['Why The Surface Of Mars Looks Red'],
    ['How To Invoke A Function From The Terminal'],
  ])('%s → no mention', (text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('classify: real mentions of ambiguous names', () => {
  it.each([
    ['Microsoft will sell the laptops alongside its own Surface line.', 'surface:Surface'],
    ['The Surface laptop has a fabric keyboard.', 'surface:Surface laptop'],
    ['Skype came preinstalled, as did Office.', 'office:Office'],
    ['The Echo sits on the kitchen counter.', 'amazon-echo:Echo'],
    ['Customers praised the Invoke for its sound.', 'invoke:Invoke'],
    ['Amazon cut the price of its speakers.', 'amazon:Amazon'],
    ['The Apple Watch can now track sleep.', 'apple:Apple'],
    ['The startup moved its servers to Azure.', 'azure:Azure'],
    ['Millions of laptops still run Windows.', 'windows:Windows'],
    ['Searches on Bing now show answers from the new model.', 'bing:Bing'],
    ['Shum said the research group would grow.', 'harry-shum:Shum'],
  ])('%s → %s', (text, expected) => {
    expect(found(text)).toContain(expected);
  });

  it('accepts "Wang" alone only where the document is about Xiaomi', () => {
    expect(found('Wang said sales would grow.')).toEqual([]);
    expect(found('Xiaomi signed the deal. Wang said sales would grow.')).toEqual(['xiaomi:Xiaomi', 'wang-xiang:Wang']);
  });

  it('counts generic agreement phrases only in a text that mentions Xiaomi or Microsoft', () => {
    expect(found('A memorandum of understanding is not binding.')).toEqual([]);
    expect(found('Xiaomi and Microsoft signed a memorandum of understanding.')).toContain(
      'mou-2018:memorandum of understanding',
    );
  });

  it('uses the document context passed by the caller', () => {
    const item = { sentence: 'Azure grew fast.', candidates: [{ entity: 'azure', start: 0, end: 5 }] };
    expect(classify([item], [])).toEqual([[false]]);
    expect(classify([item], ['microsoft'])).toEqual([[true]]);
  });

  it('answers every candidate and rejects offsets outside the sentence', () => {
    const r = classify(
      [
        {
          sentence: 'The Echo is loud.',
          candidates: [
            { entity: 'amazon-echo', start: 4, end: 8 },
            { entity: 'amazon-echo', start: 10, end: 99 },
          ],
        },
        { sentence: 'Nothing here.', candidates: [] },
      ],
      [],
    );
    expect(r).toEqual([[true, false], []]);
  });
});

describe('classify: headlines and caching', () => {
  it('tells title-case and all-caps headlines from sentences', () => {
    expect(isHeadline('Why The Surface Of Mars Looks Red')).toBe(true);
    expect(isHeadline('XIAOMI AND MICROSOFT SIGN AI PACT')).toBe(true);
    expect(isHeadline('The Oval Office issued a statement late on Friday.')).toBe(false);
  });

  it('all-caps headlines keep unambiguous names and still judge ambiguous ones', () => {
    expect(found('XIAOMI AND MICROSOFT SIGN AI PACT')).toEqual(['xiaomi:XIAOMI', 'microsoft:MICROSOFT']);
    expect(found('APPLE PIE RECIPES FOR AUTUMN')).toEqual([]);
  });

  it('the LRU keeps the most recently used entries within its bound', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.get('a');
    lru.set('c', 3);
    expect([lru.get('a'), lru.get('b'), lru.get('c'), lru.size]).toEqual([1, undefined, 3, 2]);
  });
});

describe('classify: robustness', () => {
  it('judges an over-long sentence without compromise, by capitals and neighbours', () => {
    const long = 'word '.repeat(800);
    const sentence = `${long}the Oval Office and the new Surface Pro keyboard and the Echo speaker ${long}`;
    const at = (w: string) => sentence.indexOf(w);
    const r = classify(
      [
        {
          sentence,
          candidates: [
            { entity: 'office', start: at('Office'), end: at('Office') + 6 },
            { entity: 'amazon-echo', start: at('Echo'), end: at('Echo') + 4 },
          ],
        },
      ],
      [],
    );
    expect(r).toEqual([[false, true]]);
  });
});

describe('classify: one compromise run per request', () => {
  const texts = [
    'Microsoft Unveils New Surface Laptops', // an unpunctuated headline: must not run into the next text
    'The surface of the lake was calm. Amazon’s Echo didn’t hear it.',
    "She said they'd invoke the clause, and Apple's lawyers agreed",
    'why the surface of mars looks red',
    '',
    'Echo Park is in Los Angeles.',
  ];

  it('gives every text the terms and tags it gets when tagged alone, with offsets into that text', () => {
    const together = tagTexts(texts);
    const alone = texts.map((t) => tagTexts([t])[0]);
    expect(together).toEqual(alone);
    together.forEach((terms, i) => {
      for (const t of terms) expect(texts[i]!.slice(t.start, t.end)).toBe(t.text);
    });
    // The headline stays one text: its last word is the last term, not merged with "The surface…".
    expect(together[0]!.map((t) => t.normal)).toEqual(['microsoft', 'unveils', 'new', 'surface', 'laptops']);
    expect(together[4]).toEqual([]);
  });
});

describe('classify: tagging only where a tag could change the decision', () => {
  const cases: [string, string, string][] = [
    ['Microsoft will sell the laptops alongside its own Surface line.', 'surface', 'Surface'],
    ['The surface of the lake was calm when Microsoft showed its new laptops.', 'surface', 'surface'],
    ['The Apple Vision Pro.', 'apple', 'Apple'],
    ['Invoke the assistant to start the app.', 'invoke', 'Invoke'],
    ['That’s when Apple’s engineers said they’d ship it.', 'apple', 'Apple'],
    ['It’s clear that Apple chose not to compromise on the visual experience.', 'apple', 'Apple'],
    ['Echo Park is a neighbourhood in Los Angeles.', 'amazon-echo', 'Echo'],
    ['Vera Wang showed her collection in Paris.', 'wang-xiang', 'Wang'],
  ];

  it('a decision made from the untagged words is the one the tagged sentence gets', () => {
    const r = shortcutAgainstTagging(
      cases.map(([sentence, entity, word]) => {
        const start = sentence.indexOf(word);
        return { sentence, cand: { entity, start, end: start + word.length }, context: new Set(['microsoft']) };
      }),
    );
    expect(r.disagreements).toEqual([]);
    // Both kinds occur: the shortcut is used, and it is not used where tags matter ("The Apple …", "Invoke the …").
    expect(r.decided).toBeGreaterThan(0);
    expect(r.undecided).toBeGreaterThan(0);
  });

  it('leaves to the tagger a candidate whose part of speech decides it', () => {
    // Tech words and a page about Microsoft make it a mention unless "Invoke" is a verb with an object.
    const sentence = 'Invoke the assistant to start the app.';
    const cand = { entity: 'invoke', start: 0, end: 6 };
    const words: Analysis = { terms: tagTexts([sentence], false)[0]!, headline: false, tagged: false };
    expect(decisionWithoutTags(sentence, cand, new Set(['microsoft']), words, new Set())).toBeUndefined();
    expect(evidence(sentence, cand, new Set(['microsoft']), undefined, new Set()).clues).toContainEqual({
      code: 'verb',
      weight: -4,
    });
    expect(classify([{ sentence, candidates: [cand] }], ['microsoft'])).toEqual([[false]]);
  });
});

// --- the shortcut over every sentence we have ------------------------------------

const ROOT = resolve(__dirname, '../..');
const DEV = resolve(ROOT, '../shared/corpus/mentions-dev.jsonl');
const SEED = resolve(ROOT, '../shared/seeds/xiaomi-microsoft-partnership.txt');

interface Case {
  sentence: string;
  cand: { entity: string; start: number; end: number };
  context: ReadonlySet<string>;
  /** The sentence's unambiguous names (none given: none). */
  inSentence?: ReadonlySet<string>;
}

/**
 * For each case where `classify` would take the shortcut (compromise's words already final, and
 * every answer to the tag questions giving one decision), that decision against the one the
 * tagged sentence gets.
 */
function shortcutAgainstTagging(cases: readonly Case[]) {
  let decided = 0;
  let undecided = 0;
  const disagreements: string[] = [];
  for (const { sentence, cand, context, inSentence = new Set<string>() } of cases) {
    const words: Analysis = { terms: tagTexts([sentence], false)[0]!, headline: isHeadline(sentence), tagged: false };
    const early = wordsFinalFor(words.terms, cand)
      ? decisionWithoutTags(sentence, cand, context, words, inSentence)
      : undefined;
    if (early === undefined) {
      undecided++;
      continue;
    }
    decided++;
    const tagged = evidence(sentence, cand, context, undefined, inSentence).score > 0;
    if (early !== tagged)
      disagreements.push(`${cand.entity} "${sentence.slice(cand.start, cand.end)}" in: ${sentence}`);
  }
  return { decided, undecided, disagreements };
}

/** Every ambiguous candidate of a document, in its sentence, with the document's context, as the extension asks. */
function casesOf(text: string): Case[] {
  const found = scannerFor().scan(text);
  const context = new Set(found.filter((c) => !c.needsContext).map((c) => c.entity));
  const { items } = itemsFor(
    text,
    found.filter((c) => c.needsContext),
  );
  return items
    .filter((item) => item.sentence.length <= MAX_NLP_CHARS)
    .flatMap((item) => {
      const inSentence = new Set(
        scannerFor()
          .scan(item.sentence)
          .filter((c) => !c.needsContext)
          .map((c) => c.entity),
      );
      return item.candidates.map((cand) => ({ sentence: item.sentence, cand, context, inSentence }));
    });
}

const jsonlTexts = (file: string): string[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { text: string }).text);

/** The visible text of the project's own HTML pages (the demo article, the browser tests' pages), roughly. */
const htmlText = (file: string): string =>
  readFileSync(file, 'utf8')
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<(br|p|div|li|h[1-6]|title)\b[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');

describe('classify: the tagging shortcut over the dev and project sentences', () => {
  if (!existsSync(DEV))
    console.log(`detect-classify: skipping the dev sentences: ${DEV} is absent (shared corpus not beside the repo)`);
  if (!existsSync(SEED)) console.log(`detect-classify: skipping the seed article: ${SEED} is absent`);

  it.skipIf(!existsSync(DEV))('decides every dev sentence as full tagging does', () => {
    const r = shortcutAgainstTagging(jsonlTexts(DEV).flatMap(casesOf));
    console.log(`dev sentences: shortcut decided ${r.decided} candidates, tagging ${r.undecided}`);
    expect(r.disagreements).toEqual([]);
    expect(r.decided).toBeGreaterThan(0);
  });

  it('decides the project’s own sentences as full tagging does', () => {
    const texts = [
      ...jsonlTexts(join(ROOT, 'tests/fixtures/detect/regression.jsonl')),
      htmlText(join(ROOT, 'assets/demo.html')),
      ...readdirSync(join(ROOT, 'tests/browser/fixtures'))
        .filter((f) => f.endsWith('.html'))
        .map((f) => htmlText(join(ROOT, 'tests/browser/fixtures', f))),
      ...(existsSync(SEED) ? [readFileSync(SEED, 'utf8')] : []),
    ];
    const r = shortcutAgainstTagging(texts.flatMap(casesOf));
    console.log(`project sentences: shortcut decided ${r.decided} candidates, tagging ${r.undecided}`);
    expect(r.disagreements).toEqual([]);
    expect(r.decided).toBeGreaterThan(20);
  });
});
