import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { langOf, setI18nApi, t, tParts, uiLang, uiLocale } from '../../src/i18n';
import { formatMessage, placeholdersUsed, type MessageCatalogue } from '../../src/i18n/format';

const ROOT = join(import.meta.dirname, '../..');
const read = (locale: string) =>
  JSON.parse(readFileSync(join(ROOT, 'public/_locales', locale, 'messages.json'), 'utf8')) as MessageCatalogue;
const en = read('en');
const locales = readdirSync(join(ROOT, 'public/_locales'));
const others = locales.filter((l) => l !== 'en');

/** The placeholder declarations of an entry, normalised for comparison. */
const declared = (e: MessageCatalogue[string]) =>
  Object.entries(e.placeholders ?? {})
    .map(([k, v]) => `${k.toLowerCase()}=${v.content}`)
    .sort();

/** The English catalogue as an i18n API (what tests/i18n-setup.ts installs). */
function apiFor(cat: MessageCatalogue, lang: string) {
  return {
    getMessage: (name: string, subs?: string | string[]) => {
      const e = cat[name];
      return e ? formatMessage(e, subs === undefined ? [] : Array.isArray(subs) ? subs : [subs]) : '';
    },
    getUILanguage: () => lang,
  };
}

describe('locale files', () => {
  it('has the English default and Simplified Chinese', () => {
    expect(locales.sort()).toEqual(['en', 'zh_CN']);
  });

  it.each(others)('%s has exactly the keys of the English file', (locale) => {
    const other = read(locale);
    const missing = Object.keys(en).filter((k) => !(k in other));
    const extra = Object.keys(other).filter((k) => !(k in en));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it.each(others)('%s declares the same placeholders as English, key by key', (locale) => {
    const other = read(locale);
    const differ = Object.keys(en).filter((k) => other[k] && declared(en[k]!).join() !== declared(other[k]).join());
    expect(differ).toEqual([]);
  });

  it.each(locales)(
    '%s: every message uses exactly the placeholders it declares, numbered from one in order',
    (locale) => {
      const cat = read(locale);
      const problems: string[] = [];
      for (const [key, e] of Object.entries(cat)) {
        if (!/^[A-Za-z0-9_]+$/.test(key)) problems.push(`${key}: not a valid message name`);
        if (!e.message.trim()) problems.push(`${key}: empty`);
        const used = placeholdersUsed(e.message).sort();
        const decl = Object.keys(e.placeholders ?? {})
          .map((k) => k.toLowerCase())
          .sort();
        if (used.join() !== decl.join()) problems.push(`${key}: uses [${used}] but declares [${decl}]`);
        const contents = Object.values(e.placeholders ?? {})
          .map((p) => p.content)
          .sort();
        const expected = contents.map((_, i) => `$${i + 1}`);
        if (contents.join() !== expected.join())
          problems.push(`${key}: contents ${contents} are not $1…$${contents.length}`);
      }
      expect(problems).toEqual([]);
    },
  );

  it('renders every Chinese message with its substitutions and no leftover $NAME$', () => {
    const zh = read('zh_CN');
    for (const [key, e] of Object.entries(zh)) {
      const n = Object.keys(e.placeholders ?? {}).length;
      const out = formatMessage(
        e,
        Array.from({ length: n }, (_, i) => `«${i + 1}»`),
      );
      expect(out, key).not.toMatch(/\$[A-Za-z_]+\$/);
      for (let i = 1; i <= n; i++) expect(out, key).toContain(`«${i}»`);
    }
  });

  it('names every __MSG_…__ of the manifest and pages', () => {
    const files = ['wxt.config.ts', 'entrypoints/popup/index.html', 'entrypoints/options/index.html'];
    const refs = files.flatMap((f) =>
      [...readFileSync(join(ROOT, f), 'utf8').matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]!),
    );
    expect(refs).toEqual(expect.arrayContaining(['extName', 'extDescription', 'cmdNextMention', 'cmdPreviousMention']));
    expect(refs.filter((r) => !(r in en))).toEqual([]);
  });

  it('has no message that the code never asks for', () => {
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const d of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
        const p = join(dir, d.name);
        if (d.isDirectory()) walk(p);
        else if (/\.(ts|tsx|html)$/.test(d.name)) sources.push(readFileSync(join(ROOT, p), 'utf8'));
      }
    };
    walk('src');
    walk('entrypoints');
    sources.push(readFileSync(join(ROOT, 'wxt.config.ts'), 'utf8'));
    const all = sources.join('\n');
    // Kind labels are asked for as `kind_${kind}` / `kinds_${kind}`.
    const unused = Object.keys(en).filter(
      (k) => !/^kinds?_/.test(k) && !all.includes(`'${k}'`) && !all.includes(`__MSG_${k}__`),
    );
    expect(unused).toEqual([]);
  });
});

describe('t()', () => {
  afterEach(() => setI18nApi(apiFor(en, 'en-GB')));

  it('renders placeholders in the order the English description lists them', () => {
    expect(t('page_showing', [2, 5, 'Xiaomi'])).toBe('Showing mention 2 of 5 of Xiaomi on the page.');
    setI18nApi(apiFor(read('zh_CN'), 'zh-CN'));
    expect(t('page_showing', [2, 5, '小米'])).toBe('正在显示页面上小米的第 2 处提及（共 5 处）。');
  });

  it('shows the key of a message the browser does not have, never a blank', () => {
    setI18nApi({ getMessage: () => '', getUILanguage: () => 'en' });
    expect(t('card_close')).toBe('card_close');
  });

  it('tParts lets the translation place the markup', () => {
    expect(tParts('page_highlightOn', 1)).toEqual(['Highlight on ', 0]);
    setI18nApi(apiFor(read('zh_CN'), 'zh-CN'));
    expect(tParts('page_highlightOn', 1)).toEqual(['在 ', 0, ' 上高亮']);
  });

  it('uiLang() is the language of the catalogue the browser picked, whatever getUILanguage() says', () => {
    expect(uiLang()).toBe('en');
    // Headless Chromium with --lang=zh-CN: the zh_CN catalogue, but getUILanguage() says en-US.
    setI18nApi(apiFor(read('zh_CN'), 'en-US'));
    expect([uiLang(), uiLocale()]).toEqual(['zh', 'zh-CN']);
    // A zh-TW browser: no zh_TW catalogue, so English throughout.
    setI18nApi(apiFor(en, 'zh-TW'));
    expect([uiLang(), uiLocale()]).toEqual(['en', 'en']);
    setI18nApi(apiFor(en, 'en-US'));
    expect([uiLang(), uiLocale()]).toEqual(['en', 'en-US']);
    setI18nApi(apiFor(read('zh_CN'), 'zh-SG'));
    expect([uiLang(), uiLocale()]).toEqual(['zh', 'zh-SG']);
    // No catalogue at all (a bare API): the reported language decides.
    setI18nApi({ getMessage: () => '', getUILanguage: () => 'zh-CN' });
    expect(uiLang()).toBe('zh');
  });

  it('langOf() tells Chinese tags from the rest', () => {
    // Traditional tags too, deliberately: the dataset's Chinese is Simplified only (src/i18n/lang.ts).
    const chinese = ['zh', 'zh-CN', 'zh_CN', 'zh-Hans', 'zh-Hans-CN', 'zh-SG', 'zh-TW', 'zh-Hant', 'zh-HK', ' ZH-cn '];
    expect(chinese.map(langOf)).toEqual(chinese.map(() => 'zh'));
    expect(['en-US', 'fr', 'zhx', '', null].map(langOf)).toEqual(['en', 'en', 'en', 'en', 'en']);
  });

  it('formatMessage: $$ is a dollar sign, and a placeholder may appear twice', () => {
    const e = { message: '$$$N$ and $n$ again', placeholders: { n: { content: '$1' } } };
    expect(formatMessage(e, ['5'])).toBe('$5 and 5 again');
  });
});
