/**
 * The interface's words, through the extension i18n API: the browser picks
 * `public/_locales/<locale>/messages.json` from its UI language (English is
 * `default_locale`). Message keys are typed from the English file, the one
 * source of truth; tests/unit/i18n.test.ts checks that every other locale
 * has exactly the same keys and placeholders.
 *
 * For the card bundle and the extension pages. The content script does not
 * import this (it shows no words of its own, and its size is budgeted).
 */
import { browser } from 'wxt/browser';
import type en from '../../public/_locales/en/messages.json';
import type { EntityKind } from '../dataset/schema';
import { langOf, type UiLang } from './lang';

export { langOf, type UiLang } from './lang';

export type MessageKey = keyof typeof en;

export type Substitution = string | number;

interface I18nApi {
  getMessage(name: string, substitutions?: string | string[]): string;
  getUILanguage(): string;
}

let override: I18nApi | null = null;

/**
 * Replaces the browser's i18n API, for Node (unit tests, scripts) where
 * there is none: see tests/i18n-setup.ts, which renders the English file.
 */
export function setI18nApi(api: I18nApi | null): void {
  override = api;
}

function api(): I18nApi | undefined {
  // `browser` is undefined outside an extension (Node), whatever its type says.
  return override ?? (browser as typeof browser | undefined)?.i18n;
}

/**
 * The message `key` in the browser's UI language, with `substitutions` for
 * its placeholders in the order the English message's description lists
 * them. A missing message shows its key rather than nothing, so a gap is
 * visible instead of a silent blank.
 */
export function t(key: MessageKey, substitutions?: Substitution | readonly Substitution[]): string {
  const subs =
    substitutions === undefined
      ? undefined
      : (Array.isArray(substitutions) ? substitutions : [substitutions]).map(String);
  let text = '';
  try {
    text = api()?.getMessage(key, subs) ?? '';
  } catch {
    /* no i18n API in this context */
  }
  return text || key;
}

function reportedLanguage(): string {
  try {
    const tag = api()?.getUILanguage();
    if (tag) return tag;
  } catch {
    /* fall through */
  }
  return typeof navigator !== 'undefined' && navigator.language ? navigator.language : 'en';
}

/**
 * The interface language: the one of the catalogue the browser picked (its
 * `uiLang` message), so the interface's words, the dataset text and the
 * dates always agree. Not `getUILanguage()` alone: the browser chooses the
 * catalogue from its UI locale with fallbacks (zh-TW has no catalogue here,
 * so it reads English), and headless Chromium started with `--lang=zh-CN`
 * picks the zh_CN catalogue while `getUILanguage()` still says en-US.
 * `getUILanguage()` decides only where there is no catalogue (Node).
 */
export function uiLang(): UiLang {
  let own = '';
  try {
    own = api()?.getMessage('uiLang') ?? '';
  } catch {
    /* no i18n API */
  }
  return own === 'zh' || own === 'en' ? own : langOf(reportedLanguage());
}

/**
 * A locale tag for Intl in the interface language: the browser's own tag
 * when it is of that language ("zh-CN", "en-GB"), else the language's default.
 */
export function uiLocale(): string {
  const lang = uiLang();
  const tag = reportedLanguage();
  if (new RegExp(`^${lang}(?:[-_]|$)`, 'i').test(tag)) return tag.replace('_', '-');
  return lang === 'zh' ? 'zh-CN' : 'en';
}

/** The `lang` attribute for text in `lang`. */
export function langAttr(lang: UiLang): string {
  return lang === 'zh' ? 'zh-Hans' : 'en';
}

/**
 * A message split around its placeholders, for markup inside a sentence
 * (`Highlight on <strong>host</strong>`): the translation decides where the
 * pieces go. Returns text pieces and the indexes of the substitutions, in
 * the order the translation places them.
 */
export function tParts(key: MessageKey, count: number): (string | number)[] {
  const marks = Array.from({ length: count }, (_, i) => `\uE000${i}\uE000`);
  const text = t(key, marks);
  const out: (string | number)[] = [];
  for (const piece of text.split(/(\uE000\d\uE000)/)) {
    const m = /^\uE000(\d)\uE000$/.exec(piece);
    if (m) out.push(Number(m[1]));
    else if (piece) out.push(piece);
  }
  return out;
}

/** "Companies", "公司": a kind as a group, in the UI language. */
export function kindPlural(kind: EntityKind): string {
  return t(`kinds_${kind}`);
}

/** "Company", "公司": one entity's kind, in the UI language. */
export function kindSingular(kind: EntityKind): string {
  return t(`kind_${kind}`);
}
