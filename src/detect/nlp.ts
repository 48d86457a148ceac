/**
 * The compromise adapter: a sentence's words with their offsets and parts of
 * speech, as the decision rules (./classify.ts) read them. Runs in the
 * background (and the CLI): compromise is heavy and must not reach the content
 * script.
 *
 * How compromise runs: its tokenizer and tagger only (the "two" build), and
 * never one sentence at a time. A classify request's sentences go to
 * compromise together, first through its tokenizer alone (words, no tags:
 * `wordsOf`); only the sentences where some decision depends on a tag are then
 * tagged, again in one run (`tag`). Headlines are tagged a second time in
 * lower case (capitals mislead the tagger there). Analyses are cached per
 * sentence (an LRU of 2,000). A sentence over MAX_NLP_CHARS, or one that
 * compromise throws on, gets plain tokens without tags.
 */
// compromise's tokenizer and tagger only (its "two" build): the full build adds a
// chunker that runs on every call and sets no tag, and methods this file never calls.
import nlp from 'compromise/two';
import { Lru } from '../lru';
import { SMALL_WORDS } from './rules/profiles';

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

const cache = new Lru<string, Analysis>(2000);

// --- benchmark counters -----------------------------------------------------
// compromise's running totals, for `npm run bench` (src/background/classify-stats.ts), the
// throughput report and tests. Kept only where `__LENS_BENCH__` is true (src/build-flags.d.ts):
// the store build counts nothing. Checked with `typeof` at each use: Node scripts run by tsx
// define no build flags (scripts/throughput.ts sets it itself).

let nlpRuns = 0;
let nlpMs = 0;
let firstNlpMs: number | null = null;
/** Whether compromise's tagger has run once (its one-off set-up is paid). */
let taggerSetUp = false;

/**
 * How many texts compromise has analysed (cache misses; a headline's
 * lower-cased copy counts when tagged). Always 0 outside benchmark builds.
 */
export function nlpRunCount(): number {
  return nlpRuns;
}

/**
 * Time spent inside compromise (its tokenizer and tagger runs), ms, since this module
 * loaded; and the first call's own time, which also pays compromise's one-off
 * set-up on first use. Always 0 and null outside benchmark builds.
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
    const t0 = typeof __LENS_BENCH__ !== 'undefined' && __LENS_BENCH__ ? performance.now() : 0;
    let terms: Term[][] | undefined;
    try {
      terms = tagTexts(batch, tag);
    } catch {
      // Handled by the caller.
    }
    if (typeof __LENS_BENCH__ !== 'undefined' && __LENS_BENCH__) {
      const ms = performance.now() - t0;
      nlpMs += ms;
      firstNlpMs ??= ms;
    }
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
export function wordsOf(sentences: Iterable<string>): Map<string, Analysis> {
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
  if (typeof __LENS_BENCH__ !== 'undefined' && __LENS_BENCH__) {
    nlpRuns += missing.filter((s) => s.length <= MAX_NLP_CHARS).length;
  }
  if (typeof __LENS_BENCH__ !== 'undefined' && __LENS_BENCH__ && !taggerSetUp) {
    // compromise sets its tagger up on first use (tens of ms): when measuring, the first
    // call tags, so that cost stays in the call `nlpTime().firstMs` sets apart. (Decisions
    // are the same either way: see `decisionWithoutTags`.)
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
export function tag(analyses: Map<string, Analysis>, sentences: readonly string[]): void {
  if (!sentences.length) return;
  // Capitals mislead the tagger in headlines ("How To Invoke A Function"):
  // tag a lower-cased copy for parts of speech, keep name tags (FirstName,
  // Person) from the original. Only when lower-casing keeps every offset.
  const lowered = sentences.map((s) => analyses.get(s)!.headline && s.toLowerCase().length === s.length);
  const texts: string[] = [];
  sentences.forEach((s, i) => texts.push(s, ...(lowered[i] ? [s.toLowerCase()] : [])));
  const tagged = runNlp(texts, true);
  if (typeof __LENS_BENCH__ !== 'undefined' && __LENS_BENCH__) {
    nlpRuns += lowered.filter(Boolean).length;
    taggerSetUp = true;
  }
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
export function analyse(sentence: string): Analysis {
  const analyses = wordsOf([sentence]);
  if (!analyses.get(sentence)!.tagged) tag(analyses, [sentence]);
  return analyses.get(sentence)!;
}
