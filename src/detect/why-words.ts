/**
 * The one formatter of a why (./why.ts) into words a reader understands, in
 * the interface's language: the command line (`detect --explain`) and the
 * card's "Why marked" (through the background's `explain` answer) both call
 * `whyWords`, so they can never disagree. The words are the extension's
 * message catalogues (`public/_locales/<locale>/messages.json`, keys `why_*`):
 * the browser's i18n API in the extension, the same files read by the CLI.
 *
 * Plain text only: words of the page (a neighbour, a trap word) are quoted
 * as they are, for the caller to show as text, never as markup.
 */
import { displayNameOf } from '../dataset/display';
import type { MessageKey, Substitution, UiLang } from '../i18n';
import { catalogueGetMessage, type MessageCatalogue } from '../i18n/format';
import type { Clue, Confidence, ScanRuleName, Why, WhyWords } from './why-types';

/** A message look-up in one language: `t` from src/i18n in the extension, a catalogue in the CLI. */
export interface WhyLanguage {
  lang: UiLang;
  t: (key: MessageKey, substitutions?: Substitution | readonly Substitution[]) => string;
}

/** A WhyLanguage over a message catalogue (where there is no i18n API: the command line, tests). */
export function whyLanguageOf(catalogue: MessageCatalogue, lang: UiLang): WhyLanguage {
  const get = catalogueGetMessage(catalogue);
  return {
    lang,
    t: (key, subs) =>
      get(key, subs === undefined ? undefined : (Array.isArray(subs) ? subs : [subs]).map(String)) || key,
  };
}

/** "+2.5", "-4", "0": a clue's weight or a score, as written for readers (steps of 0.5, so never rounded). */
export function formatWeight(w: number): string {
  return w > 0 ? `+${w}` : `${w}`;
}

const RULE_KEYS: Partial<Record<ScanRuleName, MessageKey>> = {
  unambiguous: 'why_rule_unambiguous',
  'short-as-listed': 'why_rule_shortAsListed',
  'as-listed': 'why_rule_asListed',
  'plain-as-listed': 'why_rule_plainAsListed',
  'plain-not-as-listed': 'why_rule_plainNotAsListed',
  'short-not-as-listed': 'why_rule_shortNotAsListed',
  'person-suffix': 'why_rule_personSuffix',
  'cjk-next-character': 'why_rule_cjkNext',
  'cjk-previous-character': 'why_rule_cjkPrevious',
  'lower-case-ambiguous': 'why_rule_lowerAmbiguous',
  'agreement-phrase': 'why_ask_agreement',
  'ambiguous-word': 'why_ask_ambiguousWord',
  'ambiguous-in-lower-case': 'why_ask_lowerCase',
  'ambiguous-in-mixed-case': 'why_ask_mixedCase',
};

const CONFIDENCE_KEYS: Record<Confidence, MessageKey> = {
  low: 'why_confidence_low',
  medium: 'why_confidence_medium',
  high: 'why_confidence_high',
};

/** The words of one why, in `words.lang`. */
export function whyWords(why: Why, words: WhyLanguage): WhyWords {
  const { t, lang } = words;
  const name = (id: string) => displayNameOf(id, lang);
  const list = (items: readonly string[], type: 'conjunction' | 'disjunction' = 'conjunction') =>
    new Intl.ListFormat(lang === 'zh' ? 'zh-CN' : 'en', { type }).format(items);
  const mode = t(why.mode === 'plain' ? 'why_mode_plain' : 'why_mode_context');

  const found = why.alias
    ? t('why_found', [
        why.alias.listed,
        t(
          why.alias.source === 'reader'
            ? 'why_source_reader'
            : why.alias.source === 'chinese'
              ? 'why_source_chinese'
              : 'why_source_builtIn',
        ),
        mode,
      ])
    : t('why_foundNone', [name(why.entity), mode]);

  const d = why.decision;
  if (d.by === 'no-match') return { found, decision: t('why_decision_noMatch'), clues: [] };
  const ruleKey = RULE_KEYS[d.rule]!;
  if (d.by !== 'classifier') return { found, decision: t(ruleKey, why.text), clues: [] };

  const decision = t(why.marked ? 'why_decision_classifierMarked' : 'why_decision_classifierLeft', [
    t(CONFIDENCE_KEYS[d.confidence]),
    formatWeight(d.score),
  ]);
  const clueText = (c: Clue): string => {
    const word = c.words?.[0] ?? '';
    const entities = (c.entities ?? []).map(name);
    switch (c.code) {
      case 'prior':
        return t(c.weight > 0 ? 'why_clue_priorFor' : 'why_clue_priorAgainst', word);
      case 'capitalised-mid-sentence':
        return t('why_clue_capitalised');
      case 'lower-case':
        return t('why_clue_lowerCase');
      case 'sentence-start':
        return t('why_clue_sentenceStart');
      case 'headline':
        return t('why_clue_headline');
      case 'verb':
        return t('why_clue_verb');
      case 'followed-by-other-sense':
        return t('why_clue_followedByOther', word);
      case 'followed-by-own-sense':
        return t('why_clue_followedBy', word);
      case 'followed-by-tech-word':
        return t('why_clue_followedByTech', word);
      case 'modifies-common-noun':
        return t('why_clue_modifiesNoun', word);
      case 'subject-of-verb':
        return t('why_clue_subjectOf', word);
      case 'possessive-of-tech-word':
        return t('why_clue_possessiveOf', word);
      case 'preceded-by-other-sense':
        return t('why_clue_precededByOther', word);
      case 'the-without-noun':
        return t('why_clue_theWithoutNoun', word);
      case 'part-of-other-name':
        return t('why_clue_otherName', word);
      case 'followed-by-name':
        return t('why_clue_followedByName', word);
      case 'person-name-tag':
        return t('why_clue_personName');
      case 'trap-word':
        return t('why_clue_trapWord', word);
      case 'tech-words':
        return t('why_clue_techWords', list((c.words ?? []).map((w) => `“${w}”`)));
      case 'names-in-sentence':
        return t(entities.length > 1 ? 'why_clue_namesInSentence' : 'why_clue_nameInSentence', list(entities));
      case 'company-in-document':
        return t('why_clue_companyInDocument', list(entities));
      case 'no-company-in-document':
        return t('why_clue_noCompanyInDocument', list(entities, 'disjunction'));
      case 'related-in-document':
        return t('why_clue_relatedInDocument', list(entities));
      case 'partnership-in-document':
        return t('why_clue_partnershipInDocument');
      case 'agreement-partner-named':
        return t(entities.length > 1 ? 'why_clue_partnersNamed' : 'why_clue_partnerNamed', list(entities));
      case 'agreement-no-partner':
        return t('why_clue_noPartner', list(entities, 'disjunction'));
    }
  };
  // Strongest first; notes (weight 0) after the clues that counted, in the rules' order.
  const ordered = d.clues
    .map((c, i) => ({ c, i }))
    .sort((a, b) => Math.abs(b.c.weight) - Math.abs(a.c.weight) || a.i - b.i)
    .map(({ c }) => c);
  const clues = ordered.map((c) => ({ text: clueText(c), weight: formatWeight(c.weight) }));
  // "Sentence start, no other clue": nothing counted but the word's own prior.
  if (d.clues.every((c) => c.code === 'prior' || c.weight === 0))
    clues.push({ text: t('why_clue_noOtherClue'), weight: formatWeight(0) });
  return { found, decision, asked: t(ruleKey, why.text), clues };
}
