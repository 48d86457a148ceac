/** A corrections problem (./model.ts) in the interface's language, for the card, popup and options page. */
import type { MessageKey, Substitution } from '../i18n';
import type { CorrectionProblem } from './model';

export function correctionProblemText(
  p: CorrectionProblem,
  t: (key: MessageKey, substitutions?: Substitution | readonly Substitution[]) => string,
): string {
  switch (p.code) {
    case 'too-many':
      return t('corrections_tooMany', p.max);
    case 'too-large':
      return t('corrections_tooLarge', p.maxBytes / 1024);
    case 'text-too-long':
      return t('corrections_textTooLong', p.max);
    case 'invalid':
      return t('corrections_invalid', p.message);
  }
}
