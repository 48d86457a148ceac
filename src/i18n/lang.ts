/**
 * Which of the two languages the interface and the dataset are written in a
 * language tag asks for. Pure and tiny: the content script, the card, the
 * background and the extension pages all use this one test.
 */

/** The languages the interface and the dataset are written in. */
export type UiLang = 'en' | 'zh';

/**
 * `zh` for a Chinese tag, in BCP 47 or the extension i18n API's form: `zh`, `zh-CN`, `zh_CN`,
 * `zh-Hans`, `zh-Hans-CN`, `zh-SG`… and, deliberately, the Traditional `zh-TW`, `zh-HK`, `zh-Hant`
 * too: the dataset's Chinese is Simplified only, and a reader of a Chinese page reads it far more
 * easily than English. (The interface follows the catalogue the browser picks instead, see `uiLang`:
 * there is no zh_TW catalogue, so a zh-TW browser's interface is English.) Anything else is `en`.
 */
export function langOf(tag: string | null | undefined): UiLang {
  return tag && /^zh(?:[-_]|$)/i.test(tag.trim()) ? 'zh' : 'en';
}
