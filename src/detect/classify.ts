/**
 * The decision rules: whether an ambiguous candidate ("Surface", "Echo",
 * "Amazon", "Wang"…) is a mention, from its sentence: part of speech (from
 * compromise, through ./nlp.ts), capitalisation mid-sentence vs sentence start
 * or headline, neighbour words, and what else the sentence and the document
 * mention. The words each entity's senses go with are its profile
 * (./rules/profiles.ts). Runs in the background (and the CLI), beside compromise.
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
import { ENTITY_NAMES } from '../dataset/names';
import { analyse, tag, wordsOf, type Analysis, type Term } from './nlp';
import { AGREEMENT_PARTIES, DEFAULT_PROFILE, PROFILES, TECH_WORDS } from './rules/profiles';
import { createScanner, type Scanner } from './scan';
import type { ClassifyItem } from './types';
import type { Clue, ClueCode } from './why-types';

const VOCAB_IDS = new Set<string>(ENTITY_NAMES.map((n) => n.id));
const KIND = new Map<string, string>(ENTITY_NAMES.map((n) => [n.id, n.kind]));

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
  /** The sum of the clues' weights: positive means a mention. */
  score: number;
  clues: Clue[];
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
  const clues: Clue[] = [];
  let score = 0;
  const add = (weight: number, code: ClueCode, params?: Pick<Clue, 'words' | 'entities'>) => {
    score += weight;
    clues.push({ code, weight, ...params });
  };
  const span = sentence.slice(cand.start, cand.end);
  const kind = KIND.get(cand.entity);

  // Agreements' generic phrases count only on pages about the partners.
  if (kind === 'agreement') {
    const named = AGREEMENT_PARTIES.filter((e) => context.has(e) || inSentence.has(e));
    if (named.length) add(1, 'agreement-partner-named', { entities: named });
    else add(-1, 'agreement-no-partner', { entities: [...AGREEMENT_PARTIES] });
    return { score, clues };
  }

  const p = PROFILES[cand.entity] ?? DEFAULT_PROFILE;
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
  add(p.prior, 'prior', { words: [written] });

  if (capitalInformative) {
    if (isCap(written)) add(2.5, 'capitalised-mid-sentence');
    else add(-1.5, 'lower-case');
  } else {
    // Notes (weight 0): why a capital letter did not count.
    add(0, headline ? 'headline' : 'sentence-start');
    if (!headline && isLowerWord(written)) add(-1.5, 'lower-case');
  }

  // Part of speech: a verb sense with an object or after "to"/a modal.
  if (p.verb && head && tag(head, 'Verb') && !tag(head, 'ProperNoun')) {
    const obj =
      next && ['Determiner', 'Pronoun', 'Possessive', 'Noun'].some((t) => tag(next, t)) && !tag(next, 'ProperNoun');
    const aux = prev && (prev.normal === 'to' || tag(prev, 'Modal') || tag(prev, 'Auxiliary'));
    if (obj || aux) add(-4, 'verb');
  }

  // Neighbours.
  // (Clues quote words as the sentence writes them; the rules compare their normal forms.)
  const nextTerms = [...inner, ...(joinedNext && next ? [next] : [])];
  const negTerm = nextTerms.find((t) => p.nextNeg?.includes(t.normal));
  const posTerm = nextTerms.find((t) => p.nextPos?.includes(t.normal));
  if (negTerm !== undefined) add(-4, 'followed-by-other-sense', { words: [negTerm.text] });
  else if (posTerm !== undefined) add(2, 'followed-by-own-sense', { words: [posTerm.text] });
  else if (joinedNext && next && TECH_WORDS.has(next.normal)) add(1.5, 'followed-by-tech-word', { words: [next.text] });
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
    add(-1, 'modifies-common-noun', { words: [next.text] });
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
    add(0.5, 'subject-of-verb', { words: [next.text] });
  }
  if (possessive) {
    const after = terms[lastIdx + 1];
    if (after && TECH_WORDS.has(after.normal)) add(1.5, 'possessive-of-tech-word', { words: [after.text] });
  }
  if (prev && joinedPrev && p.prevNeg?.includes(prev.normal))
    add(-4, 'preceded-by-other-sense', { words: [prev.text] });
  // A company takes no article: "the Amazon", "the Apple of my eye" name something
  // else unless a noun follows ("the Apple event", "the Amazon app").
  if (
    p.maker &&
    prev?.normal === 'the' &&
    joinedPrev &&
    !possessive &&
    !(joinedNext && next !== undefined && tag(next, 'Noun') && !tag(next, 'Pronoun'))
  ) {
    add(-3, 'the-without-noun', { words: [`${prev.text} ${written}`] });
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
    add(p.person ? -4 : -3.5, 'part-of-other-name', { words: [`${prev.text} ${written}`] });
  } else if (p.person && next && joinedNext && isCap(next.text) && !headline && !isEntityWord(next.normal)) {
    add(-4, 'part-of-other-name', { words: [`${written} ${next.text}`] });
  } else if (
    !p.maker &&
    !p.person &&
    joinedNext &&
    next &&
    isCap(next.text) &&
    !headline &&
    posTerm === undefined &&
    !isEntityWord(next.normal) &&
    !TECH_WORDS.has(next.normal)
  ) {
    add(-2, 'followed-by-name', { words: [next.text] });
  }
  if (
    !p.person &&
    head !== undefined &&
    tag(head, 'Person') &&
    ((prev && joinedPrev && tag(prev, 'Person')) || (next && joinedNext && tag(next, 'Person')))
  ) {
    add(-3, 'person-name-tag');
  }

  // What the sentence talks about.
  const sentenceTerms = terms.filter((_, i) => i < headIdx || i > lastIdx);
  const trap = sentenceTerms.find((t) => p.traps?.includes(t.normal));
  if (trap) add(-2.5, 'trap-word', { words: [trap.text] });
  // Distinct tech words (by normal form), each quoted as first written.
  const tech = new Map<string, string>();
  for (const t of sentenceTerms) if (TECH_WORDS.has(t.normal) && !tech.has(t.normal)) tech.set(t.normal, t.text);
  if (tech.size) add(tech.size >= 2 ? 1.5 : 1, 'tech-words', { words: [...tech.values()].slice(0, 3) });
  const others = [...inSentence].filter((e) => e !== cand.entity && VOCAB_IDS.has(e) && KIND.get(e) !== 'agreement');
  if (others.length) add(2, 'names-in-sentence', { entities: others.slice(0, 3) });
  const docRelated = (p.related ?? []).filter((e) => e !== cand.entity && context.has(e));
  if (p.needsRelated) {
    const rel = (p.related ?? []).filter((e) => context.has(e) || inSentence.has(e));
    if (rel.length) add(3, 'company-in-document', { entities: rel.slice(0, 2) });
    else add(-2, 'no-company-in-document', { entities: (p.related ?? []).filter((e) => e !== cand.entity) });
  } else if (docRelated.length) add(1, 'related-in-document', { entities: docRelated.slice(0, 2) });
  else if ([...context].some((e) => VOCAB_IDS.has(e) && e !== cand.entity)) add(0.5, 'partnership-in-document');

  return { score, clues };
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
 * words match no vocabulary. Exported for the test that holds the shortcut to full tagging.
 */
export function wordsFinalFor(terms: readonly Term[], cand: { start: number; end: number }): boolean {
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
      const analysis = KIND.get(c.entity) === 'agreement' ? NO_WORDS : analyses.get(item.sentence)!;
      return evidence(item.sentence, c, ctx, analysis, inSentence(item.sentence)).score > 0;
    }),
  );
}

/** An agreement phrase is decided from the document alone: no words needed. */
const NO_WORDS: Analysis = { terms: [], headline: false, tagged: true };

/**
 * The evidence `classify` weighs for one candidate, from its tagged sentence:
 * what explains a decision (src/detect/why.ts). Its score is positive exactly
 * when `classify` accepts the candidate (tests/unit/detect-why.test.ts holds
 * the two together over every sentence we have).
 */
export function evidenceFor(
  sentence: string,
  cand: { entity: string; start: number; end: number },
  context: readonly string[],
): Evidence {
  const analysis = KIND.get(cand.entity) === 'agreement' ? NO_WORDS : analyse(sentence);
  return evidence(sentence, cand, new Set(context), analysis, sentenceEntities(sentence));
}
