/**
 * Decides ambiguous candidates ("Surface", "Echo", "Amazon", "Wang"…) from
 * their sentence: part of speech (compromise), capitalisation mid-sentence vs
 * sentence start or headline, neighbour words, and what else the sentence and
 * the document mention. Runs in the background (and the CLI): compromise is
 * heavy and must not reach the content script.
 *
 * The method is an additive score of independent pieces of evidence, each
 * grounded in how English writes the two senses, not tuned to single
 * sentences: a capital letter mid-sentence is strong evidence of a name; a
 * neighbour that belongs to the other sense ("surface tension", "Amazon
 * river", "Oval Office", "Vera Wang") is stronger evidence against; tech
 * vocabulary and the partnership's unambiguous names tip the balance where
 * capitals say nothing (sentence start, headlines).
 *
 * Cost (compromise is most of the background's work per page): a request's
 * sentences go to compromise together, first for their words only (its
 * tokenizer); a candidate whose decision no tag could change (every answer to
 * the tag questions the evidence asks gives the same sign) is decided there,
 * and only the sentences left are tagged, again in one run. Decisions are the
 * same as tagging every sentence alone.
 */
// compromise's tokenizer and tagger only (its "two" build): the full build adds a
// chunker that runs on every call and sets no tag, and methods this file never calls.
import nlp from 'compromise/two';
import { ENTITY_NAMES } from '../dataset/names';
import type { ClassifyItem } from '../messages';
import { createScanner, type Scanner } from './scan';

export interface Term {
  text: string;
  /** Lower case, punctuation stripped, possessive "'s" removed. */
  normal: string;
  /** compromise's own normal form holds an apostrophe ("amazon's", "they'd"): its tagger may split the term. */
  apostrophe?: boolean;
  start: number;
  end: number;
  tags: ReadonlySet<string>;
  /** Punctuation between this term and the next (compromise's `post`), trimmed. */
  post: string;
  pre: string;
}

export interface Analysis {
  terms: Term[];
  /** Title-case or all-caps: capitals carry no information. */
  headline: boolean;
  /**
   * false: compromise's words with no tags yet (the tagger has not run), enough
   * for decisions that no tag could change (`decisionWithoutTags`).
   */
  tagged: boolean;
}

// --- vocabularies -----------------------------------------------------------

/** Words of computing, devices, software business: the tech sense's company. */
const TECH_WORDS = new Set(
  (
    'ai api app apps assistant assistants android analysts account accounts beta browser chip chips cloud computer computers ' +
    'computing console consumers customers data datacenter datacentre developer developers device devices digital download ' +
    'downloads email engine gadget gadgets handset handsets hardware internet ios iphone ipad keyboard keyboards laptop laptops ' +
    'linux launch launched launches market online os pc pcs phone phones platform platforms preinstalled processor ' +
    'product products release released revenue search searches server servers service services shares smartphone ' +
    'smartphones software speaker speakers startup stock storage streaming subscription subscriptions tablet tablets ' +
    'tech technology update updates upgrade user users version voice web website alexa siri ' +
    'samsung huawei lenovo dell sony firmware ceo unveiled announced shipped ships ' +
    'sales sold price priced prices outage query queries results camera screen battery wi-fi bluetooth touchscreen ' +
    'offline excel powerpoint onedrive xbox'
  ).split(/\s+/),
);

interface Profile {
  /** Score with no evidence at all: how often the capitalised word is the entity in web text. */
  prior: number;
  /** The name is also an English verb ("invoke", "surface", "echo"). */
  verb?: boolean;
  /** A maker whose name starts other product names ("Apple Watch"): a capitalised next word is fine. */
  maker?: boolean;
  /** A person: a neighbouring first name or other name makes it someone else. */
  person?: boolean;
  /** Following words that belong to the entity's sense ("Surface Pro", "Echo Dot"). */
  nextPos?: string[];
  /** Following words that belong to the other sense ("surface tension", "Amazon river"). */
  nextNeg?: string[];
  /** Preceding words of the other sense ("box office", "Oval Office"). */
  prevNeg?: string[];
  /** Words anywhere in the sentence that belong to the other sense. */
  traps?: string[];
  /** Entities whose presence (sentence or document) supports this one. */
  related?: string[];
  /** Needs a related entity somewhere in the document to be accepted at all ("Wang"). */
  needsRelated?: boolean;
}

const words = (s: string) => s.split(/\s+/).filter(Boolean);

const PROFILES: Record<string, Profile> = {
  surface: {
    prior: -1,
    verb: true,
    nextPos: words(
      'pro book laptop go studio duo hub line lineup device devices tablet tablets keyboard pen headphones earbuds range family team',
    ),
    nextNeg: words(
      'of tension area water waters temperature temperatures level levels layer layers mining roughness finish treatment transportation air-to-air to-air texture patterns pattern soil ocean sea',
    ),
    traps: words(
      'water lake sea ocean moon mars planet earth soil table floor skin rock ice dust tension crater wound road paint',
    ),
    related: ['microsoft', 'windows', 'windows-10', 'office'],
  },
  office: {
    prior: -1,
    nextPos: words('365 2016 2019 2021 2024 suite apps app documents document online mobile for'),
    nextNeg: words(
      'of space spaces hours worker workers building buildings block blocks supplies furniture chair chairs desk manager managers party politics holder holders park rent lease staff job jobs romance',
    ),
    prevNeg: words(
      "box oval post head home foreign colonial war land patent tourist ticket doctor’s doctor's dentist’s dentist's front back main regional branch field press",
    ),
    traps: words('mayor president minister ambassador government embassy statement sheriff'),
    related: ['microsoft', 'windows', 'skype'],
  },
  windows: {
    prior: -1,
    nextPos: words(
      '10 11 7 8 xp vista phone server update store pc pcs laptop laptops version team insider defender hello mobile rt live media explorer os',
    ),
    nextNeg: words('of were are doors frames frame sills sill shutters panes'),
    prevNeg: words('stained glass bay rose sash french open close broken'),
    traps: words('glass curtains curtain door doors wall walls room storm shattered cathedral church'),
    related: ['microsoft', 'office', 'surface', 'cortana'],
  },
  'amazon-echo': {
    prior: -1,
    verb: true,
    nextPos: words('dot show plus spot studio input flex auto buds speaker speakers device devices'),
    nextNeg: words('of chamber chambers location sounder canyon effect effects park lake'),
    traps: words('bells bell valley canyon voice voices cave chamber hall mountains sound sounds shout heard walls'),
    related: ['amazon', 'google-home', 'homepod'],
  },
  invoke: {
    prior: -1,
    verb: true,
    nextPos: words('speaker speakers smart'),
    traps: words(
      'function method clause command argument arguments right law contract spirit memory god name script api',
    ),
    related: ['harman-kardon', 'cortana', 'microsoft'],
  },
  amazon: {
    prior: 0.5,
    maker: true,
    nextNeg: words(
      'river rivers rainforest rainforests basin delta jungle forest forests region tribe tribes tribal warriors warrior women parrot parrots fires deforestation biome',
    ),
    traps: words(
      'river rivers tributary tributaries rain rainfall rainforest jungle forest trees tribe tribes indigenous brazil peru colombia basin delta fish deforestation species wildlife myth warriors',
    ),
    related: ['amazon-echo', 'google', 'apple', 'microsoft'],
  },
  apple: {
    prior: 0.5,
    maker: true,
    nextNeg: words(
      'of pie pies tree trees juice juices cider orchard orchards sauce seeds seed crumble tart blossom blossoms core peel peels variety varieties harvest picking',
    ),
    prevNeg: words('big candy toffee crab custard green red'),
    traps: words(
      'fruit fruits pie orchard orchards eat ate eating tree trees juice dessert cider baking harvest pear pears banana cheese',
    ),
    related: ['homepod', 'google', 'amazon', 'microsoft'],
  },
  azure: {
    prior: -1,
    nextNeg: words('blue sky skies sea seas water waters eyes coast window windows'),
    traps: words(
      'sky skies sea seas ocean bay water waters lake eyes coast blue painted paint colour color tiles silk dress',
    ),
    related: ['microsoft', 'windows', 'office'],
  },
  pix: {
    prior: -1,
    traps: words('payment payments brazil brazilian bank banks transfer transfers central pay instant wedding party'),
    related: ['microsoft'],
  },
  bing: {
    prior: -1,
    prevNeg: words('chandler'),
    traps: words('song singer crooner film actor christmas'),
    related: ['microsoft', 'google', 'cortana'],
  },
  'microsoft-translator': {
    prior: -1,
    nextPos: words('app apps api service'),
    traps: words('embassy poem novel book court interpreter poet'),
    related: ['microsoft', 'bing', 'skype'],
  },
  'harry-shum': {
    // A rare surname, and the labelling convention counts "Shum" alone as him.
    prior: 0.5,
    person: true,
    related: ['microsoft'],
  },
  'wang-xiang': {
    // One of the most common surnames: "Wang" alone is him only on a page about Xiaomi or him.
    prior: -1.5,
    person: true,
    related: ['xiaomi', 'wang-xiang'],
    needsRelated: true,
  },
  'google-home': { prior: -0.5, related: ['google', 'amazon-echo', 'homepod'] },
};

/** Profile for entities without one (a researcher's alias of any entity, a model name written oddly). */
const DEFAULT_PROFILE: Profile = { prior: -0.5 };

const VOCAB_IDS = new Set<string>(ENTITY_NAMES.map((n) => n.id));
const KIND = new Map<string, string>(ENTITY_NAMES.map((n) => [n.id, n.kind]));
/** Small words left lower-case in title-case headlines. */
const SMALL_WORDS = new Set(
  words('a an the and or but nor of in on at to for by with from as vs via per into onto over'),
);

// --- analysis (cached) ------------------------------------------------------

/** A small LRU: pages repeat sentences (navigation, footers, quotes), and compromise is the cost. */
export class Lru<K, V> {
  private map = new Map<K, V>();
  constructor(private readonly max: number) {}
  get(k: K): V | undefined {
    const v = this.map.get(k);
    if (v !== undefined) {
      this.map.delete(k);
      this.map.set(k, v);
    }
    return v;
  }
  set(k: K, v: V): void {
    this.map.delete(k);
    this.map.set(k, v);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
  }
  get size(): number {
    return this.map.size;
  }
}

const cache = new Lru<string, Analysis>(2000);
let nlpRuns = 0;

/**
 * How many texts compromise has analysed (cache misses; a headline's
 * lower-cased copy counts when tagged): for the throughput report and tests.
 */
export function nlpRunCount(): number {
  return nlpRuns;
}

let nlpMs = 0;
let firstNlpMs: number | null = null;
/** Whether compromise's tagger has run once (its one-off set-up is paid). */
let taggerSetUp = false;

/**
 * Time spent inside compromise (its tokenizer and tagger runs), ms, since this module
 * loaded; and the first call's own time, which also pays compromise's one-off
 * set-up on first use. For the background's per-tab statistics (`npm run bench`).
 */
export function nlpTime(): { ms: number; firstMs: number | null } {
  return { ms: nlpMs, firstMs: firstNlpMs };
}

/** A term as compromise holds it internally (documented fields of its Term objects). */
interface NlpTerm {
  text: string;
  pre: string;
  post: string;
  normal: string;
  tags: Set<string>;
}
type NlpDocument = NlpTerm[][];

/** The two compromise internals used below; its public typings take only strings. */
interface NlpInternals {
  methods(): { one: { tokenize: { fromString: (text: string, world: object) => NlpDocument } } };
  world(): object;
}
/**
 * `nlp(json)` builds a document from already-split sentences and runs all of
 * compromise's hooks over it; `nlp.tokenize(json)` runs only its tokenizer's
 * (contractions split, no tags).
 */
type NlpFromSentences = (sentences: { terms: NlpTerm[] }[]) => { document: NlpDocument };
const nlpTokenize = (nlp as unknown as { tokenize: NlpFromSentences }).tokenize.bind(nlp);

/** Longest sentence given to compromise; longer ones (never sent by sentenceAround) get plain tokens. */
export const MAX_NLP_CHARS = 3000;

/**
 * Words with offsets and no tags: what the rules work from when compromise is
 * not used (an over-long sentence) or fails. Capitals and neighbours still count.
 */
function plainTerms(text: string): Term[] {
  const out: Term[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu)) {
    const raw = m[0].replace(/[.]+$/, '');
    const start = m.index;
    const end = start + raw.length;
    const post = /^[^\p{L}\p{N}]*/u.exec(text.slice(end))?.[0].trim() ?? '';
    out.push({
      text: raw,
      normal: raw.toLowerCase().replace(/['’]s$/, ''),
      start,
      end,
      tags: new Set(),
      post,
      pre: '',
    });
  }
  return out;
}

/**
 * Tags several texts in ONE compromise run and returns each text's terms, with
 * offsets into that text. Throws when compromise does.
 *
 * Why one run: each `nlp(text)` call pays a fixed cost (building a view,
 * running every hook over it, the match rules' set-up), about a fifth of a
 * request's time in compromise on a news page. Why this way and not
 * `nlp(texts.join(' '))`: each text is split into compromise's sentences on
 * its own, exactly as `nlp(text)` would split it, and compromise tags sentence
 * by sentence (its taggers and match rules never look across a sentence), so
 * every term gets the tags it would get alone; joining the strings could merge
 * an unpunctuated headline with the next sentence. The offsets are counted per
 * text the way compromise's own `offset` compute counts them (pre + text +
 * post of the terms before), since a run's offsets would run across texts.
 * Exported for the test that holds it to that.
 *
 * With `tag` false only compromise's tokenizer runs (no tags): see `words`.
 */
export function tagTexts(texts: readonly string[], tag = true): Term[][] {
  const compromise = nlp as unknown as NlpInternals;
  const { fromString } = compromise.methods().one.tokenize;
  const world = compromise.world();
  const sentences: { terms: NlpTerm[] }[] = [];
  const counts: number[] = [];
  for (const text of texts) {
    const doc = fromString(text, world);
    counts.push(doc.length);
    for (const terms of doc) sentences.push({ terms });
  }
  const document = sentences.length
    ? (tag ? (nlp as unknown as NlpFromSentences) : nlpTokenize)(sentences).document
    : [];
  // Contractions are spliced inside their sentence; a change in the number of sentences would misplace every text after it.
  if (document.length !== sentences.length)
    throw new Error(`compromise returned ${document.length} sentences for ${sentences.length}`);
  const out: Term[][] = [];
  let n = 0;
  for (const count of counts) {
    const terms: Term[] = [];
    let at = 0;
    for (const sentence of document.slice(n, n + count)) {
      for (const t of sentence) {
        const start = at + t.pre.length;
        terms.push({
          text: t.text,
          normal: t.normal.replace(/['’]s$/, ''),
          apostrophe: t.normal.includes("'"),
          start,
          end: start + t.text.length,
          // compromise keeps no reference to a finished document: its tag sets can be kept as they are.
          tags: t.tags,
          post: t.post.trim(),
          pre: t.pre.trim(),
        });
        at = start + t.text.length + t.post.length;
      }
    }
    n += count;
    out.push(terms);
  }
  return out;
}

/**
 * Terms of every text, with parts of speech where compromise can give them
 * (`tag`; else words only): one compromise run for all the texts it takes;
 * over-long texts get plain tokens. If the run fails (a tagger bug on odd
 * input), each text is run alone, so only the text compromise cannot take
 * falls back to plain tokens and the page keeps its other mentions.
 */
function runNlp(texts: readonly string[], tag: boolean): Term[][] {
  const out: Term[][] = texts.map(() => []);
  const todo: number[] = [];
  texts.forEach((text, i) => {
    if (text.length > MAX_NLP_CHARS) out[i] = plainTerms(text);
    else todo.push(i);
  });
  if (!todo.length) return out;
  const timed = (batch: readonly string[]): Term[][] | undefined => {
    const t0 = performance.now();
    let terms: Term[][] | undefined;
    try {
      terms = tagTexts(batch, tag);
    } catch {
      // Handled by the caller.
    }
    const ms = performance.now() - t0;
    nlpMs += ms;
    firstNlpMs ??= ms;
    return terms;
  };
  const all = timed(todo.map((i) => texts[i]!));
  if (all) todo.forEach((i, k) => (out[i] = all[k]!));
  else if (todo.length === 1) out[todo[0]!] = plainTerms(texts[todo[0]!]!);
  else for (const i of todo) out[i] = timed([texts[i]!])?.[0] ?? plainTerms(texts[i]!);
  return out;
}

export function isHeadline(sentence: string): boolean {
  const ws = sentence.match(/[\p{L}][\p{L}'’-]*/gu) ?? [];
  if (ws.length < 3) return false;
  const letters = ws.join('');
  if (letters === letters.toUpperCase() && letters !== letters.toLowerCase()) return true;
  const content = ws.filter((w) => !SMALL_WORDS.has(w.toLowerCase()));
  if (content.length < 2) return false;
  // A short capitalised phrase ending in a full stop is a sentence ("Apple Watch Sales Rose." is rare).
  if (content.length < 4 && /\.\s*$/.test(sentence)) return false;
  const capital = content.filter((w) => /^\p{Lu}/u.test(w)).length;
  return capital / content.length >= 0.85;
}

/**
 * compromise's words of the sentences not in the cache, untagged, in one run
 * (a sentence's first analysis: `tag` finishes it where a decision needs
 * tags). Over-long sentences get plain tokens: final, compromise never sees them.
 */
function wordsOf(sentences: Iterable<string>): Map<string, Analysis> {
  const out = new Map<string, Analysis>();
  const missing: string[] = [];
  for (const sentence of sentences) {
    if (out.has(sentence)) continue;
    const hit = cache.get(sentence);
    if (hit) out.set(sentence, hit);
    else {
      missing.push(sentence);
      // Placeholder until the run below: keeps a repeated sentence from being analysed twice.
      out.set(sentence, { terms: [], headline: false, tagged: false });
    }
  }
  if (!missing.length) return out;
  nlpRuns += missing.filter((s) => s.length <= MAX_NLP_CHARS).length;
  if (!taggerSetUp) {
    // compromise sets its tagger up on first use (tens of ms): the first call
    // tags, so that cost stays in the call `nlpTime().firstMs` sets apart.
    for (const sentence of missing) out.set(sentence, { terms: [], headline: isHeadline(sentence), tagged: false });
    tag(out, missing);
    return out;
  }
  const words = runNlp(missing, false);
  missing.forEach((sentence, i) => {
    const a = { terms: words[i]!, headline: isHeadline(sentence), tagged: sentence.length > MAX_NLP_CHARS };
    cache.set(sentence, a);
    out.set(sentence, a);
  });
  return out;
}

/**
 * Tags the given untagged analyses in one compromise run (a headline's
 * lower-cased copy too) and replaces them, in `analyses` and the cache.
 */
function tag(analyses: Map<string, Analysis>, sentences: readonly string[]): void {
  if (!sentences.length) return;
  // Capitals mislead the tagger in headlines ("How To Invoke A Function"):
  // tag a lower-cased copy for parts of speech, keep name tags (FirstName,
  // Person) from the original. Only when lower-casing keeps every offset.
  const lowered = sentences.map((s) => analyses.get(s)!.headline && s.toLowerCase().length === s.length);
  const texts: string[] = [];
  sentences.forEach((s, i) => texts.push(s, ...(lowered[i] ? [s.toLowerCase()] : [])));
  nlpRuns += lowered.filter(Boolean).length;
  const tagged = runNlp(texts, true);
  taggerSetUp = true;
  let k = 0;
  sentences.forEach((sentence, i) => {
    let terms = tagged[k++]!;
    if (lowered[i]) {
      const byStart = new Map(tagged[k++]!.map((t) => [t.start, t]));
      terms = terms.map((t) => {
        const l = byStart.get(t.start);
        if (!l) return t;
        const tags = new Set(l.tags);
        for (const name of ['Person', 'FirstName', 'LastName', 'Place']) if (t.tags.has(name)) tags.add(name);
        return { ...t, tags };
      });
    }
    const a = { terms, headline: analyses.get(sentence)!.headline, tagged: true };
    cache.set(sentence, a);
    analyses.set(sentence, a);
  });
}

/** The tagged analysis of one sentence (cached). */
function analyse(sentence: string): Analysis {
  const analyses = wordsOf([sentence]);
  if (!analyses.get(sentence)!.tagged) tag(analyses, [sentence]);
  return analyses.get(sentence)!;
}

// --- the decision -----------------------------------------------------------

let defaultScanner: Scanner | undefined;
/** Unambiguous names in the sentence itself (the scan's own accepted candidates). */
function sentenceEntities(sentence: string): Set<string> {
  defaultScanner ??= createScanner(ENTITY_NAMES);
  return new Set(
    defaultScanner
      .scan(sentence)
      .filter((c) => !c.needsContext)
      .map((c) => c.entity),
  );
}

const isCap = (s: string) => /^\p{Lu}/u.test(s);
const isLowerWord = (s: string) => /^\p{Ll}/u.test(s);

/** Whether a term carries a part-of-speech tag: every tag the decision reads goes through one of these. */
export type TagTest = (term: Term, tag: string) => boolean;
const hasTag: TagTest = (term, tag) => term.tags.has(tag);

export interface Evidence {
  score: number;
  reasons: string[];
}

/**
 * The score of one candidate and why: positive means a mention. Exported for
 * tests and for explaining a decision; `classify` is the API.
 */
export function evidence(
  sentence: string,
  cand: { entity: string; start: number; end: number },
  context: ReadonlySet<string>,
  analysis: Analysis = analyse(sentence),
  inSentence: ReadonlySet<string> = sentenceEntities(sentence),
  tag: TagTest = hasTag,
): Evidence {
  const reasons: string[] = [];
  let score = 0;
  const add = (n: number, why: string) => {
    score += n;
    reasons.push(`${n > 0 ? '+' : ''}${n} ${why}`);
  };
  const span = sentence.slice(cand.start, cand.end);
  const kind = KIND.get(cand.entity);

  // Agreements' generic phrases count only on pages about the partners.
  if (kind === 'agreement') {
    const about = ['xiaomi', 'microsoft'].some((e) => context.has(e) || inSentence.has(e));
    add(
      about ? 1 : -1,
      about ? 'agreement phrase with Xiaomi/Microsoft in the text' : 'agreement phrase without Xiaomi/Microsoft',
    );
    return { score, reasons };
  }

  const p = PROFILES[cand.entity] ?? DEFAULT_PROFILE;
  add(p.prior, 'prior');
  const { terms, headline } = analysis;
  const [headIdx, lastIdx] = spanTerms(terms, cand);
  const head = headIdx >= 0 ? terms[headIdx] : undefined;
  const prev = headIdx > 0 ? terms[headIdx - 1] : undefined;
  const possessive = /['’]s$/.test(terms[lastIdx]?.text ?? '') || /^['’]s\b/.test(sentence.slice(cand.end));
  // The word after the name: the next term, or for "Amazon's speakers" the term after the possessive.
  const next = lastIdx >= 0 ? terms[lastIdx + 1] : undefined;
  // Inner words of a multi-word span ("Surface laptop") are neighbours too.
  const inner = headIdx >= 0 ? terms.slice(headIdx + 1, lastIdx + 1) : [];
  const joinedPrev = prev && !/[.,;:!?)"”]/.test(prev.post) && !/[("“]/.test(head?.pre ?? '');
  const joinedNext = next && !/[.,;:!?)"”]/.test(terms[lastIdx]?.post ?? '') && !possessive;

  // First word of the sentence, or first after a colon or an opening quote: capitals say nothing there.
  const atStart = headIdx <= 0 || /[:"“‘(]$/.test(prev?.post ?? '') || /[“"‘(]$/.test(head?.pre ?? '');
  const capitalInformative = !headline && !atStart;
  const written = span.trim();

  if (capitalInformative) {
    if (isCap(written)) add(2.5, 'capitalised mid-sentence');
    else add(-1.5, 'lower case');
  } else if (!headline && isLowerWord(written)) {
    add(-1.5, 'lower case');
  }

  // Part of speech: a verb sense with an object or after "to"/a modal.
  if (p.verb && head && tag(head, 'Verb') && !tag(head, 'ProperNoun')) {
    const obj =
      next && ['Determiner', 'Pronoun', 'Possessive', 'Noun'].some((t) => tag(next, t)) && !tag(next, 'ProperNoun');
    const aux = prev && (prev.normal === 'to' || tag(prev, 'Modal') || tag(prev, 'Auxiliary'));
    if (obj || aux) add(-4, 'used as a verb');
  }

  // Neighbours.
  const nextWords = [...inner, ...(joinedNext && next ? [next] : [])].map((t) => t.normal);
  if (nextWords.some((w) => p.nextNeg?.includes(w)))
    add(-4, `followed by "${nextWords.find((w) => p.nextNeg?.includes(w))}"`);
  else if (nextWords.some((w) => p.nextPos?.includes(w)))
    add(2, `followed by "${nextWords.find((w) => p.nextPos?.includes(w))}"`);
  else if (joinedNext && next && TECH_WORDS.has(next.normal)) add(1.5, `followed by "${next.normal}"`);
  else if (
    joinedNext &&
    next &&
    atStart &&
    !headline &&
    tag(next, 'Noun') &&
    !tag(next, 'ProperNoun') &&
    !tag(next, 'Pronoun') &&
    isLowerWord(next.text)
  ) {
    // "Surface water", "Office workers", "Apple trees": a modifier of a common noun.
    add(-1, `modifies the common noun "${next.normal}"`);
  }
  // At the start, the subject of a verb ("Azure grew", "Amazon cut") rather than a modifier.
  if (
    (atStart || headline) &&
    joinedNext &&
    next !== undefined &&
    tag(next, 'Verb') &&
    !tag(next, 'Noun') &&
    !p.nextNeg?.includes(next.normal)
  ) {
    add(0.5, `subject of "${next.normal}"`);
  }
  if (possessive) {
    const after = terms[lastIdx + 1];
    if (after && TECH_WORDS.has(after.normal)) add(1.5, `possessive of "${after.normal}"`);
  }
  if (prev && joinedPrev && p.prevNeg?.includes(prev.normal)) add(-4, `preceded by "${prev.normal}"`);
  // A company takes no article: "the Amazon", "the Apple of my eye" name something
  // else unless a noun follows ("the Apple event", "the Amazon app").
  if (
    p.maker &&
    prev?.normal === 'the' &&
    joinedPrev &&
    !possessive &&
    !(joinedNext && next !== undefined && tag(next, 'Noun') && !tag(next, 'Pronoun'))
  ) {
    add(-3, `"the ${written}" with no noun after it`);
  }

  // Another proper name around it ("Oval Office", "Vera Wang", "Echo Park", "Bing Crosby").
  // In running text a capitalised word before it is a name, except the sentence's own first
  // word ("The Echo") unless the tagger knows it as one ("Vera Wang"); in headlines every word
  // is capitalised, so only the tagger's first names and people count.
  const prevIsName = (t: Term): boolean => {
    if (/['’]s$/.test(t.text) || isEntityWord(t.normal)) return false;
    if (headline) return tag(t, 'FirstName') || tag(t, 'Person');
    if (!isCap(t.text)) return false;
    return headIdx > 1 || tag(t, 'ProperNoun') || tag(t, 'Person');
  };
  if (prev && joinedPrev && prevIsName(prev)) {
    add(p.person ? -4 : -3.5, `part of another name ("${prev.text} ${written}")`);
  } else if (p.person && next && joinedNext && isCap(next.text) && !headline && !isEntityWord(next.normal)) {
    add(-4, `part of another name ("${written} ${next.text}")`);
  } else if (
    !p.maker &&
    !p.person &&
    joinedNext &&
    next &&
    isCap(next.text) &&
    !headline &&
    !nextWords.some((w) => p.nextPos?.includes(w)) &&
    !isEntityWord(next.normal) &&
    !TECH_WORDS.has(next.normal)
  ) {
    add(-2, `followed by the name "${next.text}"`);
  }
  if (
    !p.person &&
    head !== undefined &&
    tag(head, 'Person') &&
    ((prev && joinedPrev && tag(prev, 'Person')) || (next && joinedNext && tag(next, 'Person')))
  ) {
    add(-3, "tagged as part of a person's name");
  }

  // What the sentence talks about.
  const sentenceWords = terms.filter((_, i) => i < headIdx || i > lastIdx).map((t) => t.normal);
  const trap = sentenceWords.find((w) => p.traps?.includes(w));
  if (trap) add(-2.5, `"${trap}" in the sentence`);
  const tech = new Set(sentenceWords.filter((w) => TECH_WORDS.has(w)));
  if (tech.size) add(tech.size >= 2 ? 1.5 : 1, `tech words: ${[...tech].slice(0, 3).join(', ')}`);
  const others = [...inSentence].filter((e) => e !== cand.entity && VOCAB_IDS.has(e) && KIND.get(e) !== 'agreement');
  if (others.length) add(2, `with ${others.slice(0, 3).join(', ')} in the sentence`);
  const docRelated = (p.related ?? []).filter((e) => e !== cand.entity && context.has(e));
  if (p.needsRelated) {
    const rel = (p.related ?? []).some((e) => context.has(e) || inSentence.has(e));
    add(
      rel ? 3 : -2,
      rel ? "the document is about this person's company" : 'nothing in the document about this person',
    );
  } else if (docRelated.length) add(1, `document mentions ${docRelated.slice(0, 2).join(', ')}`);
  else if ([...context].some((e) => VOCAB_IDS.has(e) && e !== cand.entity))
    add(0.5, "document mentions the partnership's names");

  return { score, reasons };
}

/** Indices of the first and last terms of the candidate's span (-1, -1 when no term overlaps it). */
function spanTerms(terms: readonly Term[], cand: { start: number; end: number }): [number, number] {
  const headIdx = terms.findIndex((t) => t.end > cand.start && t.start < cand.end);
  let lastIdx = headIdx;
  while (lastIdx + 1 < terms.length && terms[lastIdx + 1]!.start < cand.end) lastIdx++;
  return [headIdx, lastIdx];
}

/**
 * Whether compromise's untagged words are already the words evidence() would
 * see for this candidate once tagged. Tagging changes words in one way only:
 * compromise's second contraction pass may split a word whose normal form has
 * an apostrophe ("that's" → that + an empty "is", "Apple's" → Apple + "is"),
 * inserting empty words right after it and leaving every offset as it was.
 * Such a split two or more words away from the candidate changes nothing
 * evidence() reads: not the neighbours, not whether the candidate starts the
 * sentence or is its second word (it stays past the first two), and the empty
 * words match no vocabulary.
 */
function wordsFinalFor(terms: readonly Term[], cand: { start: number; end: number }): boolean {
  const [headIdx, lastIdx] = spanTerms(terms, cand);
  if (headIdx < 0) return !terms.some((t) => t.apostrophe);
  for (let i = Math.max(0, headIdx - 1); i <= Math.min(terms.length - 1, lastIdx + 1); i++)
    if (terms[i]!.apostrophe) return false;
  return true;
}

/** Most tag combinations explored for one candidate before giving up and tagging (each is one cheap evidence() run). */
const MAX_TAG_COMBINATIONS = 256;

/**
 * The decision if it is the same whatever compromise would tag, else
 * undefined. Explores every answer to the tag questions evidence() asks (a
 * question asked twice in one run gets the same answer), so when every
 * combination gives the same decision, the real tags give it too.
 */
export function decisionWithoutTags(
  sentence: string,
  cand: { entity: string; start: number; end: number },
  context: ReadonlySet<string>,
  analysis: Analysis,
  inSentence: ReadonlySet<string>,
): boolean | undefined {
  const pending: boolean[][] = [[]];
  let decision: boolean | undefined;
  for (let runs = 0; pending.length; runs++) {
    if (runs >= MAX_TAG_COMBINATIONS) return undefined;
    const answers = pending.pop()!;
    let asked = 0;
    const seen = new Map<Term, Map<string, boolean>>();
    const tag: TagTest = (term, name) => {
      const known = seen.get(term)?.get(name);
      if (known !== undefined) return known;
      let answer: boolean;
      if (asked < answers.length) answer = answers[asked]!;
      else {
        // A new question: this run goes on with "no"; "yes" is explored later.
        pending.push([...answers.slice(0, asked), true]);
        answers.push(false);
        answer = false;
      }
      asked++;
      if (!seen.has(term)) seen.set(term, new Map());
      seen.get(term)!.set(name, answer);
      return answer;
    };
    const yes = evidence(sentence, cand, context, analysis, inSentence, tag).score > 0;
    if (decision === undefined) decision = yes;
    else if (decision !== yes) return undefined;
  }
  return decision;
}

/** Words that are themselves (parts of) the vocabulary's names: "Microsoft Surface" neighbours are not "another name". */
const ENTITY_WORDS = new Set(
  ENTITY_NAMES.flatMap((n) => [n.name, ...n.aliases])
    .flatMap((a) => a.toLowerCase().split(/\s+/))
    .filter((w) => /^\p{L}/u.test(w)),
);
function isEntityWord(normal: string): boolean {
  return ENTITY_WORDS.has(normal) && !['of', 'the', 'and'].includes(normal);
}

/**
 * For each item, for each candidate: is it a mention? `context` is the set of
 * entity ids found without NLP anywhere in the document.
 */
export function classify(items: readonly ClassifyItem[], context: readonly string[]): boolean[][] {
  const ctx = new Set(context);
  const valid = (item: ClassifyItem, c: ClassifyItem['candidates'][number]) =>
    c.start >= 0 && c.end <= item.sentence.length && c.start < c.end;
  const needsWords = (item: ClassifyItem, c: ClassifyItem['candidates'][number]) =>
    valid(item, c) && KIND.get(c.entity) !== 'agreement';
  // Every sentence that needs compromise, analysed together: one run for the words of all,
  // then one run tagging those where some decision depends on the tags.
  const analyses = wordsOf(
    items.filter((item) => item.candidates.some((c) => needsWords(item, c))).map((item) => item.sentence),
  );
  const entities = new Map<string, Set<string>>();
  const inSentence = (sentence: string) => {
    let e = entities.get(sentence);
    if (!e) entities.set(sentence, (e = sentenceEntities(sentence)));
    return e;
  };
  // Decisions that no tag could change; the rest are asked again once their sentence is tagged.
  const early = items.map((item) =>
    item.candidates.map((c) => {
      if (!needsWords(item, c)) return undefined;
      const a = analyses.get(item.sentence)!;
      if (a.tagged || !wordsFinalFor(a.terms, c)) return undefined;
      return decisionWithoutTags(item.sentence, c, ctx, a, inSentence(item.sentence));
    }),
  );
  const toTag = new Set<string>();
  items.forEach((item, i) =>
    item.candidates.forEach((c, j) => {
      if (needsWords(item, c) && early[i]![j] === undefined && !analyses.get(item.sentence)!.tagged)
        toTag.add(item.sentence);
    }),
  );
  tag(analyses, [...toTag]);
  return items.map((item, i) =>
    item.candidates.map((c, j) => {
      if (!valid(item, c)) return false;
      const known = early[i]![j];
      if (known !== undefined) return known;
      const analysis =
        KIND.get(c.entity) === 'agreement'
          ? { terms: [], headline: false, tagged: true }
          : analyses.get(item.sentence)!;
      return evidence(item.sentence, c, ctx, analysis, inSentence(item.sentence)).score > 0;
    }),
  );
}
