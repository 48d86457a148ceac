/**
 * How the detect command line writes for readers: a mention in its context,
 * and (`--explain`) a why (src/detect/why.ts) as indented lines, in English or
 * Chinese, through the one formatter the card uses (src/detect/why-words.ts)
 * and the extension's own message catalogues.
 */
import { readFileSync } from 'node:fs';
import type { Why } from '../src/detect/why';
import { whyLanguageOf, whyWords, type WhyLanguage } from '../src/detect/why-words';
import type { UiLang } from '../src/i18n/lang';
import type { MessageCatalogue } from '../src/i18n/format';

/** The extension's catalogue for `lang`, as the browser would pick it. */
export function cliLanguage(lang: UiLang): WhyLanguage {
  const dir = lang === 'zh' ? 'zh_CN' : 'en';
  const file = new URL(`../public/_locales/${dir}/messages.json`, import.meta.url);
  return whyLanguageOf(JSON.parse(readFileSync(file, 'utf8')) as MessageCatalogue, lang);
}

/** The why in words, one line each, every line starting with `indent`. */
export function whyLines(why: Why, language: WhyLanguage, indent: string): string[] {
  const w = whyWords(why, language);
  const out = [w.found, w.decision, ...(w.asked ? [w.asked] : [])].map((l) => indent + l);
  const width = Math.max(0, ...w.clues.map((c) => c.weight.length));
  for (const c of w.clues) out.push(`${indent}  ${c.weight.padStart(width)}  ${c.text}`);
  return out;
}

/** The span in its context, bracketed, on one line: `…and the [Surface] of the lake…` (30 characters each side). */
export function snippet(text: string, m: { start: number; end: number }): string {
  const flat = (s: string) => s.replace(/\s+/g, ' ');
  const before = flat(text.slice(Math.max(0, m.start - 30), m.start)).trimStart();
  const after = flat(text.slice(m.end, m.end + 30)).trimEnd();
  return `${m.start > 30 ? '…' : ''}${before}[${flat(text.slice(m.start, m.end))}]${after}${m.end + 30 < text.length ? '…' : ''}`;
}
