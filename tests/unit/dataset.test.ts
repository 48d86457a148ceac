import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENTITY_NAMES } from '../../src/dataset/names';
import { ENTITY_CONTENT } from '../../src/dataset/content';
import { TIMELINE } from '../../src/dataset/timeline';
import {
  BUNDLED_DATASET,
  aliasKey,
  findUnquotedSources,
  formatValidationErrors,
  validateDataset,
  type Dataset,
} from '../../src/dataset/validate';
import {
  ENTITIES,
  TIMELINE_SORTED,
  contentFor,
  displayName,
  displayNameOf,
  entityById,
  eventsFor,
} from '../../src/dataset/index';
import { safeHttpUrl } from '../../src/dataset/display';
import { sortEvents } from '../../src/timeline/order';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ARTICLE_PATH = resolve(REPO_ROOT, '../shared/seeds/xiaomi-microsoft-partnership.txt');
const CORPUS_README = resolve(REPO_ROOT, '../shared/corpus/README.md');
const haveArticle = existsSync(ARTICLE_PATH);
const haveCorpusReadme = existsSync(CORPUS_README);
if (!haveArticle) console.log(`[dataset.test] skipping quote checks: seed article not found at ${ARTICLE_PATH}`);
if (!haveCorpusReadme) console.log(`[dataset.test] skipping README cross-check: ${CORPUS_README} not found`);

/**
 * The detection vocabulary of /work/shared/corpus/README.md: a fixed external
 * contract (the held-out set is scored on these ids), so it is written out here
 * rather than read from the README.
 */
const VOCABULARY_IDS = [
  'xiaomi',
  'microsoft',
  'google',
  'amazon',
  'apple',
  'harman-kardon',
  'cortana',
  'azure',
  'windows',
  'windows-10',
  'windows-10-mobile',
  'mi-4',
  'computer-vision',
  'conversational-ai',
  'office',
  'skype',
  'bing',
  'microsoft-translator',
  'pix',
  'swiftkey',
  'surface',
  'invoke',
  'google-home',
  'amazon-echo',
  'homepod',
  'harry-shum',
  'wang-xiang',
  'natural-language-processing',
] as const;

/** A deep copy to break without touching the bundled data. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- broken on purpose: any shape goes
type Loose = { names: any[]; content: Record<string, any>; timeline: any[] };
function copy(): Loose {
  return structuredClone(BUNDLED_DATASET) as unknown as Loose;
}

function errorsOf(data: unknown): string[] {
  const result = validateDataset(data);
  if (result.ok) throw new Error('expected the dataset to be rejected');
  return result.errors;
}

describe('bundled dataset', () => {
  it('validates', () => {
    const result = validateDataset();
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('has every corpus vocabulary id (28), plus the extra entities cards need', () => {
    expect(VOCABULARY_IDS).toHaveLength(28);
    const ids = ENTITY_NAMES.map((n) => n.id as string);
    for (const id of VOCABULARY_IDS) expect(ids, `missing vocabulary id ${id}`).toContain(id);
    expect(ids).toEqual(
      expect.arrayContaining(['mi-ai-speaker', 'mi-notebook', 'rom-trial-2015', 'patent-agreement-2016', 'mou-2018']),
    );
  });

  it.skipIf(!haveCorpusReadme)('agrees with the vocabulary table of the corpus README', () => {
    const readme = readFileSync(CORPUS_README, 'utf8');
    const table = readme.slice(readme.indexOf('### Vocabulary'), readme.indexOf('### Labelling'));
    const fromReadme = [...table.matchAll(/^\| ([a-z0-9-]+) \|[^|]*\| ([a-z0-9-]+) \|/gm)]
      .flatMap((m) => [m[1], m[2]])
      .filter((id) => id !== 'id'); // the header row
    expect(new Set(fromReadme)).toEqual(new Set(VOCABULARY_IDS));
  });

  it('gives no extra entity a spelling that contains a vocabulary name (it would swallow a scored mention)', () => {
    const vocabulary = new Set<string>(VOCABULARY_IDS);
    const vocabSpellings = ENTITY_NAMES.filter((n) => vocabulary.has(n.id)).flatMap((n) => [n.name, ...n.aliases]);
    for (const extra of ENTITY_NAMES.filter((n) => !vocabulary.has(n.id))) {
      for (const spelling of [extra.name, ...extra.aliases]) {
        const hit = vocabSpellings.find((v) => containsName(aliasKey(spelling), aliasKey(v)));
        expect(hit, `${extra.id}: "${spelling}" contains vocabulary spelling "${hit}"`).toBeUndefined();
      }
    }
  });

  it('has content with 2–5 sourced facts for every entity, and zh summaries for every entity', () => {
    for (const n of ENTITY_NAMES) {
      const c = ENTITY_CONTENT[n.id];
      expect(c.facts.length, n.id).toBeGreaterThanOrEqual(2);
      expect(c.facts.length, n.id).toBeLessThanOrEqual(5);
      expect(c.summaryZh, n.id).toBeTruthy();
      expect(c.roleZh, n.id).toBeTruthy();
    }
  });

  it('cites only https/http links and only Wikipedia or checked news/vendor pages', () => {
    const urls = [
      ...Object.values(ENTITY_CONTENT).flatMap((c) => c.facts.flatMap((f) => f.sources)),
      ...TIMELINE.flatMap((e) => e.sources),
    ].flatMap((s) => ('url' in s ? [s.url] : []));
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(new URL(url).protocol, url).toMatch(/^https?:$/);
  });

  it('timeline events all have sources, known entity ids and a zh title and description', () => {
    const ids = new Set<string>(ENTITY_NAMES.map((n) => n.id));
    expect(TIMELINE.length).toBeGreaterThan(0);
    for (const e of TIMELINE) {
      expect(e.sources.length, e.id).toBeGreaterThan(0);
      for (const ent of e.entities) expect(ids.has(ent), `${e.id}: ${ent}`).toBe(true);
      expect(e.titleZh, e.id).toBeTruthy();
      expect(e.descriptionZh, e.id).toBeTruthy();
    }
  });

  it('dates the partnership events as the sources allow', () => {
    const byId = new Map(TIMELINE.map((e) => [e.id, e]));
    expect(byId.get('windows-10-mobile-trial')).toMatchObject({
      date: '2015-03',
      precision: 'month',
      category: 'partnership',
    });
    expect(byId.get('patent-agreement')).toMatchObject({
      date: '2016-05',
      precision: 'month',
      category: 'partnership',
    });
    expect(byId.get('mou-signed')).toMatchObject({ date: '2018-02-23', precision: 'day', category: 'partnership' });
    expect(byId.get('homepod-announced')).toMatchObject({ date: '2017-06-05', category: 'context' });
  });

  it.skipIf(!haveArticle)('quotes only what the seed article says', () => {
    const article = readFileSync(ARTICLE_PATH, 'utf8');
    expect(findUnquotedSources(BUNDLED_DATASET, article)).toEqual([]);
    const quotes = [
      ...Object.values(ENTITY_CONTENT).flatMap((c) => c.facts.flatMap((f) => f.sources)),
      ...TIMELINE.flatMap((e) => e.sources),
    ].filter((s) => 'quote' in s);
    expect(quotes.length).toBeGreaterThan(20);
  });

  it('finds a quote the article does not contain, naming where it is', () => {
    const azure = structuredClone(ENTITY_CONTENT.azure);
    azure.facts = [
      {
        text: 'Invented.',
        sources: [{ title: 'Ref', url: 'https://example.org/' }, { quote: 'Xiaomi will host everything on AWS.' }],
      },
    ];
    const event = {
      ...structuredClone(TIMELINE[0]!),
      id: 'made-up',
      sources: [{ quote: "store and manage its users' data" }],
    };
    const data: Dataset = { names: ENTITY_NAMES, content: { azure }, timeline: [event] };
    // Curly apostrophes and a line break in the article do not hide a real quote.
    const article = 'Xiaomi will use Microsoft Azure cloud services to\n store and manage its users’ data.';
    expect(findUnquotedSources(data, article)).toEqual([
      'content.azure.facts[0].sources[1]: quote not found in the seed article: "Xiaomi will host everything on AWS."',
    ]);
  });
});

describe('validateDataset on a broken copy', () => {
  it('names the entry and field of a missing field', () => {
    const data = copy();
    delete data.content.azure.summary;
    expect(errorsOf(data)).toContain('content.azure.summary: is missing');
  });

  it('names the fact and field of a fact without sources', () => {
    const data = copy();
    data.content.azure.facts[1].sources = [];
    expect(errorsOf(data)).toContain('content.azure.facts[1].sources: needs at least one source');
  });

  it('reports a bad URL in a reference', () => {
    const data = copy();
    data.content.bing.facts[1].sources = [{ title: 'Bing', url: 'bing dot com' }];
    expect(errorsOf(data)).toContain('content.bing.facts[1].sources[0].url: must be a URL');
  });

  it('rejects a date not in ISO form, and one not at its precision, by event id', () => {
    const data = copy();
    data.timeline[0].date = '22/07/2014';
    const mou = data.timeline.find((e) => e.id === 'mou-signed');
    mou.date = '2018-02';
    const errors = errorsOf(data);
    expect(errors).toContain(`timeline.${data.timeline[0].id}.date: must be YYYY, YYYY-MM or YYYY-MM-DD`);
    expect(errors).toContain(
      'timeline.mou-signed.date: date must be written at its precision (YYYY for year, YYYY-MM for month, YYYY-MM-DD for day)',
    );
    // A malformed date is reported once, not also as a precision mismatch.
    expect(errors.filter((e) => e.startsWith(`timeline.${data.timeline[0].id}.date`))).toHaveLength(1);
  });

  it('rejects a well-formed date that is not on the calendar', () => {
    const data = copy();
    const mou = data.timeline.find((e) => e.id === 'mou-signed');
    mou.date = '2018-02-30';
    expect(errorsOf(data)).toContain('timeline.mou-signed.date: "2018-02-30" is not a calendar date');
  });

  it('names an unknown related id and an unknown event entity', () => {
    const data = copy();
    data.content.cortana.related.push('alexa');
    data.timeline[0].entities.push('mi-5');
    const errors = errorsOf(data);
    expect(errors).toContain(
      `content.cortana.related[${data.content.cortana.related.length - 1}]: unknown entity id "alexa"`,
    );
    expect(errors).toContain(
      `timeline.${data.timeline[0].id}.entities[${data.timeline[0].entities.length - 1}]: unknown entity id "mi-5"`,
    );
  });

  it('rejects an alias claimed by two entities, whatever its case', () => {
    const data = copy();
    const mou = data.names.find((n) => n.id === 'mou-2018');
    mou.aliases.push('azure');
    const errors = errorsOf(data);
    expect(
      errors.some((e) =>
        e.startsWith(`names.mou-2018.aliases[${mou.aliases.length - 1}]: "azure" is also claimed by names.azure.`),
      ),
    ).toBe(true);
  });

  it('requires content for every entity and no content for unknown ids', () => {
    const data = copy();
    delete data.content.pix;
    data.content['mi-5'] = structuredClone(data.content['mi-4']);
    const errors = errorsOf(data);
    expect(errors).toContain('content.pix: missing (every entity in names.ts needs card content)');
    expect(errors).toContain('content.mi-5: no entity with this id in names.ts');
  });

  it('rejects duplicate entity and event ids', () => {
    const data = copy();
    data.names.push({ ...structuredClone(data.names[0]), aliases: [], name: 'Xiaomi again' });
    data.timeline.push(structuredClone(data.timeline[0]));
    const errors = errorsOf(data);
    expect(errors).toContain('names.xiaomi.id: duplicate id "xiaomi"');
    expect(errors).toContain(`timeline.${data.timeline[0].id}.id: duplicate event id "${data.timeline[0].id}"`);
  });

  it('rejects unknown fields and unknown kinds', () => {
    const data = copy();
    data.content.pix.rating = 5;
    data.names[1].kind = 'firm';
    const errors = errorsOf(data);
    expect(errors).toContain('content.pix.rating: is not a known field');
    expect(errors.some((e) => e.startsWith('names.microsoft.kind: must be one of'))).toBe(true);
  });

  it('says what is wrong with something that is not a dataset at all', () => {
    expect(errorsOf(null)).toEqual(['dataset: must be an object with names, content and timeline']);
    expect(errorsOf({ names: {}, content: [], timeline: 'x' })).toHaveLength(3);
  });

  it('formats errors one per line for the build', () => {
    expect(formatValidationErrors(['a: b', 'c: d'])).toBe(
      'Partnership dataset is invalid (2 problems):\n  - a: b\n  - c: d',
    );
  });
});

describe('lookups', () => {
  it('finds entities and content by id, and nothing for unknown or prototype keys', () => {
    expect(entityById('azure')?.name).toBe('Microsoft Azure');
    expect(contentFor('azure')?.facts.length).toBeGreaterThan(0);
    expect(entityById('nope')).toBeUndefined();
    expect(contentFor('toString')).toBeUndefined();
    expect(contentFor('__proto__')).toBeUndefined();
  });

  it('merges names and content for every entity', () => {
    expect(ENTITIES).toHaveLength(ENTITY_NAMES.length);
    const cortana = ENTITIES.find((e) => e.id === 'cortana');
    expect(cortana).toMatchObject({ name: 'Cortana', kind: 'product' });
    expect(cortana?.role).toMatch(/speakers/);
  });

  it('sorts the timeline oldest first, stable for equal dates, less precise dates first', () => {
    const dates = TIMELINE_SORTED.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
    const events = [
      { id: 'a', date: '2016-05-31' },
      { id: 'b', date: '2016-05' },
      { id: 'c', date: '2016' },
      { id: 'd', date: '2016-05' },
      { id: 'e', date: '2015-12-01' },
    ];
    expect(sortEvents(events).map((e) => e.id)).toEqual(['e', 'c', 'b', 'd', 'a']);
  });

  it("lists an entity's events newest first", () => {
    const ids = eventsFor('xiaomi').map((e) => e.id);
    expect(ids[0]).toBe('mou-signed');
    expect(ids.at(-1)).toBe('mi-4-unveiled');
    const dates = eventsFor('xiaomi').map((e) => e.date);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(eventsFor('nope')).toEqual([]);
  });

  it('shows the Chinese name to Chinese readers and falls back to English', () => {
    const cortana = entityById('cortana')!;
    expect(displayName(cortana, 'zh-CN')).toBe('微软小娜');
    expect(displayName(cortana, 'zh')).toBe('微软小娜');
    expect(displayName(cortana, 'en-GB')).toBe('Cortana');
    expect(displayName({ name: 'Only English' }, 'zh-CN')).toBe('Only English');
    expect(displayName(cortana, 'zu')).toBe('Cortana');
  });

  it('names an entity the same way everywhere: by any Chinese tag (zh_CN too), an unknown id as itself', () => {
    for (const tag of ['zh_CN', 'zh-Hans-CN', 'zh-TW', ' zh-cn '])
      expect(displayNameOf('cortana', tag), tag).toBe('微软小娜');
    expect(displayNameOf('cortana', 'en')).toBe('Cortana');
    expect(displayNameOf('no-such-entity', 'zh')).toBe('no-such-entity');
  });

  it('lets only http(s) links through to a reader', () => {
    expect(safeHttpUrl('https://a.example/x?y=1')).toBe('https://a.example/x?y=1');
    expect(safeHttpUrl('HTTP://A.example')).toBe('http://a.example/');
    expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpUrl('data:text/html,<b>x</b>')).toBeNull();
    expect(safeHttpUrl('not a url')).toBeNull();
  });
});

describe('the dataset in Simplified Chinese', () => {
  const han = /\p{Script=Han}/u;
  it('gives every fact, summary, role, event and public reference a Chinese text', () => {
    for (const [id, c] of Object.entries(ENTITY_CONTENT)) {
      expect(c.summaryZh, `${id}.summaryZh`).toMatch(han);
      expect(c.roleZh, `${id}.roleZh`).toMatch(han);
      c.facts.forEach((f, i) => {
        expect(f.textZh, `${id}.facts[${i}].textZh`).toMatch(han);
        for (const src of f.sources.filter((x) => 'url' in x))
          expect('titleZh' in src ? src.titleZh : undefined, `${id}.facts[${i}]`).toMatch(han);
      });
    }
    for (const e of TIMELINE) {
      expect(e.titleZh, `${e.id}.titleZh`).toMatch(han);
      expect(e.descriptionZh, `${e.id}.descriptionZh`).toMatch(han);
      for (const src of e.sources.filter((x) => 'url' in x))
        expect('titleZh' in src ? src.titleZh : undefined, e.id).toMatch(han);
    }
  });

  it('keeps the numbers of the English in the Chinese (dates, counts, prices)', () => {
    // A translation that drops or changes a number says something else: every number of the
    // English fact appears in the Chinese one (thousands separators and ordinals aside).
    const numbers = (s: string) => (s.replace(/(\d),(\d{3})/g, '$1$2').match(/\d+(\.\d+)?/g) ?? []).sort();
    const months: Record<string, string> = {
      January: '1',
      February: '2',
      March: '3',
      April: '4',
      May: '5',
      June: '6',
      July: '7',
      August: '8',
      September: '9',
      October: '10',
      November: '11',
      December: '12',
    };
    for (const [id, c] of Object.entries(ENTITY_CONTENT))
      c.facts.forEach((f, i) => {
        const en = f.text
          .replace(
            /\b(January|February|March|April|May|June|July|August|September|October|November|December)\b/g,
            (m) => months[m]!,
          )
          // 300 million is written 3亿 (hundreds of millions) in Chinese.
          .replace(/(\d+)00 million/g, '$1');
        const expected = numbers(en);
        const got = numbers(f.textZh!);
        for (const n of expected) expect(got, `${id}.facts[${i}]: ${f.text} / ${f.textZh}`).toContain(n);
      });
  });
});

/**
 * Whether `name` occurs in `text` as a whole word; Chinese has no word
 * boundaries, so a Chinese name counts anywhere ("小米笔记本" contains 小米).
 */
function containsName(text: string, name: string): boolean {
  if (/\p{Script=Han}/u.test(name)) return text.includes(name);
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRe(name)}($|[^\\p{L}\\p{N}])`, 'u').test(text);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
