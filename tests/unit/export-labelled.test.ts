/**
 * Labelled sentences (src/export/labelled.ts): the format, the ids, and the
 * round trip: built from the detector's output and a reader's corrections,
 * scored the way `detect --score` scores, the differences are exactly the
 * corrections (false positives: "not this one" and "not here"; false
 * negatives: "mark as mention").
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreLabelled } from '../../scripts/detect-score';
import { correctBlock, correctionsForSite } from '../../src/corrections/apply';
import { makeCorrection, type Correction, type Corrections } from '../../src/corrections/model';
import { detect, scanContext, scannerFor } from '../../src/detect/index';
import { sentenceAround } from '../../src/detect/sentences';
import { parseLabelledLines } from '../../src/detect/score';
import {
  labelledFileName,
  labelledId,
  labelledJsonl,
  labelledSentences,
  pageBlocks,
  type LabelledPage,
  type SentenceMention,
} from '../../src/export/labelled';

const URL_ = 'https://news.example.com/2018/xiaomi-microsoft#comments';
const SITE = 'news.example.com';
const BLOCKS = [
  'Microsoft showed the Surface Laptop in Beijing. Later, the surface of the lake froze.',
  'Apple and Amazon sold more speakers. We tried the Redmond company’s new laptop.',
  // The same sentence again, elsewhere on the page: labelled once.
  'Apple and Amazon sold more speakers.',
  '小米和微软签署了协议，雷军很高兴。',
  'Nothing to see in this paragraph.',
];

/** The page as the extension sees it: the detector's mentions per block, in the page's context. */
function page(): LabelledPage {
  const context = scanContext(BLOCKS.flatMap((b) => scannerFor().scan(b)));
  return {
    url: URL_,
    title: 'Xiaomi and Microsoft',
    context,
    blocks: BLOCKS.map((text) => ({ text, mentions: detect(text, { context }) })),
  };
}

function made(n: Parameters<typeof makeCorrection>[0]): Correction {
  const r = makeCorrection(n, 1);
  if (!r.ok) throw new Error(JSON.stringify(r.problem));
  return r.correction;
}
const at = (sentence: string, written: string) => {
  const start = sentence.indexOf(written);
  return { sentence, start, end: start + written.length };
};

const CORRECTIONS: Corrections = {
  version: 1,
  items: [
    made({ kind: 'not-this', site: SITE, entity: 'apple', ...at('Apple and Amazon sold more speakers.', 'Apple') }),
    made({ kind: 'not-here', site: SITE, entity: 'amazon' }),
    made({
      kind: 'mark',
      site: SITE,
      entity: 'microsoft',
      ...at('We tried the Redmond company’s new laptop.', 'Redmond company'),
    }),
    made({ kind: 'mark', site: SITE, entity: 'xiaomi', ...at('小米和微软签署了协议，雷军很高兴。', '雷军') }),
    // Another site's correction: not applied here.
    made({ kind: 'not-here', site: 'other.example', entity: 'microsoft' }),
  ],
};

describe('labelled sentences', () => {
  it('every sentence with a mention or a correction, in the corpus format plus url, title and context', () => {
    const out = labelledSentences(page(), CORRECTIONS);
    expect(out.map((s) => s.text)).toEqual([
      'Microsoft showed the Surface Laptop in Beijing.',
      'Apple and Amazon sold more speakers.',
      'We tried the Redmond company’s new laptop.',
      '小米和微软签署了协议，雷军很高兴。',
    ]);
    const first = out[0]!;
    expect(Object.keys(first)).toEqual(['id', 'text', 'mentions', 'url', 'title', 'context']);
    expect(first).toMatchObject({
      url: 'https://news.example.com/2018/xiaomi-microsoft',
      title: 'Xiaomi and Microsoft',
      mentions: [
        { entity: 'microsoft', start: 0, end: 9 },
        { entity: 'surface', start: 21, end: 35 },
      ],
    });
    // The reader took both mentions of this sentence away: kept, as a sentence with none.
    expect(out[1]!.mentions).toEqual([]);
    expect(out[2]!.mentions).toEqual([{ entity: 'microsoft', start: 13, end: 28 }]);
    expect(out[3]!.mentions.map((m) => [m.entity, out[3]!.text.slice(m.start, m.end)])).toEqual([
      ['xiaomi', '小米'],
      ['microsoft', '微软'],
      ['xiaomi', '雷军'],
    ]);
    // The lines are what `detect --score` reads.
    const { sentences, problems } = parseLabelledLines(labelledJsonl(page(), CORRECTIONS));
    expect(problems).toEqual([]);
    expect(sentences).toEqual(out);
  });

  it('ids are stable, differ between sentences and pages, and ignore the URL’s fragment', () => {
    const ids = labelledSentences(page(), CORRECTIONS).map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toMatch(/^news\.example\.com\/[0-9a-z]{11}$/);
    expect(labelledSentences(page(), CORRECTIONS).map((s) => s.id)).toEqual(ids);
    const s = 'Apple and Amazon sold more speakers.';
    expect(labelledId('https://news.example.com/a#x', s)).toBe(labelledId('https://news.example.com/a', s));
    expect(labelledId('https://news.example.com/b', s)).not.toBe(labelledId('https://news.example.com/a', s));
    // A day of reading: many sentences on many pages, no two ids alike.
    const many = new Set<string>();
    for (let p = 0; p < 200; p++)
      for (let i = 0; i < 200; i++)
        many.add(labelledId(`https://site${p % 7}.example/page/${p}`, `Sentence ${i} of page ${p}.`));
    expect(many.size).toBe(40_000);
  });
});

describe(
  'the round trip: scored as `detect --score` scores, the differences are the corrections',
  { timeout: 60_000 },
  () => {
    /** What the corrections did on the page, as the scorer names differences: FP for a mention taken away, FN for one added. */
    function expectedDifferences(): string[] {
      const site = correctionsForSite(CORRECTIONS, SITE);
      const { context } = page();
      const out: string[] = [];
      for (const text of BLOCKS) {
        const r = correctBlock(text, detect(text, { context }), site);
        for (const m of r.suppressed) out.push(`FP ${m.entity} ${text.slice(m.start, m.end)}`);
        for (const m of r.mentions.filter((x) => x.source === 'reader'))
          out.push(`FN ${m.entity} ${text.slice(m.start, m.end)}`);
      }
      // The repeated sentence is labelled once.
      return [...new Set(out)].sort();
    }

    it('in Node, with the CLI’s scoring function', () => {
      const score = scoreLabelled(labelledSentences(page(), CORRECTIONS), { mode: 'context', vocabulary: 'dataset' });
      const differences = score.errors.map((e) => `${e.kind} ${e.entity} ${e.text}`).sort();
      expect(differences).toEqual([
        'FN microsoft Redmond company',
        'FN xiaomi 雷军',
        'FP amazon Amazon',
        'FP apple Apple',
      ]);
      expect(differences).toEqual(expectedDifferences());
      // Everything the reader left alone agrees.
      expect(score.tp).toBe(4);
    });

    it('through the command line: `detect --score FILE --vocabulary dataset`', () => {
      const dir = mkdtempSync(join(tmpdir(), 'labelled-'));
      const file = join(dir, 'labelled.jsonl');
      writeFileSync(file, labelledJsonl(page(), CORRECTIONS));
      const ROOT = resolve(__dirname, '../..');
      const r = spawnSync(
        join(ROOT, 'node_modules/.bin/tsx'),
        ['scripts/detect.ts', '--score', file, '--vocabulary', 'dataset'],
        {
          cwd: ROOT,
          env: { ...process.env, PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH ?? ''}` },
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('precision 0.667  recall 0.667  F1 0.667  (tp 4, fp 2, fn 2)');
      expect(r.stdout).toMatch(/False positives \(2\):\n .*apple .*\[Apple\].*\n .*amazon .*\[Amazon\]/);
      expect(r.stdout).toMatch(/False negatives \(2\):\n .*microsoft .*\[Redmond company\].*\n .*xiaomi .*\[雷军\]/);
    });
  },
);

describe('the popup’s blocks: from the page’s mentions and the site’s corrections', () => {
  /** What getMentions answers: each mention with its sentence and its place there (`placed`), or not (an older content script). */
  function answered(placed: boolean): SentenceMention[] {
    return page().blocks.flatMap((b) =>
      b.mentions.map((m) => {
        const s = sentenceAround(b.text, m.start, m.end);
        const sentence = b.text.slice(s.start, s.end);
        const text = b.text.slice(m.start, m.end);
        return placed
          ? { entity: m.entity, text, sentence, start: m.start - s.start, end: m.end - s.start }
          : { entity: m.entity, text, sentence };
      }),
    );
  }
  const withSentence = CORRECTIONS.items.filter((c) => c.kind !== 'not-here');
  // The same sentences with the same labels; those only a correction brings come after the mentions' (a set to score).
  const byText = (a: { text: string }, b: { text: string }) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0);
  const labelled = (mentions: SentenceMention[], corrections: readonly Correction[]) =>
    labelledSentences(
      { url: URL_, title: 'Xiaomi and Microsoft', context: page().context, blocks: pageBlocks(mentions, corrections) },
      CORRECTIONS,
    )
      .map(({ text, mentions }) => ({ text, mentions }))
      .sort(byText);
  const expected = () =>
    labelledSentences(page(), CORRECTIONS)
      .map(({ text, mentions }) => ({ text, mentions }))
      .sort(byText);

  it('label the page as its blocks do: a mark where the detector found nothing, a sentence said twice once', () => {
    // Corrections whose sentences the page shows (the popup asks the page): all of this site's.
    expect(labelled(answered(true), withSentence)).toEqual(expected());
    // An older content script sends no places: each mention's text after the previous one's in its sentence.
    expect(labelled(answered(false), withSentence)).toEqual(expected());
    // A mark whose sentence the page does not show brings nothing.
    const shown = labelled(answered(true), []);
    expect(shown.map((s) => s.text)).not.toContain('We tried the Redmond company’s new laptop.');
  });

  it('keep a "not this one" sentence where the page already took the mark away, as a sentence without it', () => {
    // A page that applies the corrections itself: no Apple mention, no Amazon (not here), a reader's mark added.
    const site = correctionsForSite(CORRECTIONS, SITE);
    const applied = page().blocks.flatMap((b) => {
      const { mentions } = correctBlock(b.text, b.mentions, site);
      return mentions.map((m) => {
        const s = sentenceAround(b.text, m.start, m.end);
        return {
          entity: m.entity,
          text: b.text.slice(m.start, m.end),
          sentence: b.text.slice(s.start, s.end),
          start: m.start - s.start,
          end: m.end - s.start,
        };
      });
    });
    expect(applied.some((m) => m.entity === 'apple')).toBe(false);
    expect(labelled(applied, withSentence)).toEqual(expected());
  });

  it('name the file for the site and the day', () => {
    expect(labelledFileName(URL_, new Date('2026-12-01T10:00:00Z'))).toBe(
      'partnership-lens-labelled-news.example.com-2026-12-01.jsonl',
    );
  });
});
