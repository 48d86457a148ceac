/**
 * The background's answer to `explain` (the card's "Why marked"): the same
 * engine function the command line runs (`explainMention`, src/detect/why.ts)
 * on what the page detected the mention with, and the same formatter
 * (`whyWords`) in the interface's language. Nothing of it runs or is kept on
 * the page: the card asks when a reader opens the section.
 */
import { explainMention } from '../detect/why';
import { whyWords, type WhyLanguage } from '../detect/why-words';
import { t, uiLang } from '../i18n';
import type { ExplainReply, ExplainRequest } from '../messages';

export function answerExplain(req: ExplainRequest, language: WhyLanguage = { lang: uiLang(), t }): ExplainReply {
  const why = explainMention({
    ...req.mention,
    context: req.context,
    mode: req.mode,
    extraAliases: req.extraAliases,
  });
  return { why, words: whyWords(why, language) };
}
