/**
 * Unit tests run in Node, where there is no extension i18n API: install one
 * that renders the English catalogue exactly as the browser would (an
 * English browser, like the browser tests').
 */
import { readFileSync } from 'node:fs';
import { setI18nApi } from '../src/i18n';
import { formatMessage, type MessageCatalogue } from '../src/i18n/format';

const en = JSON.parse(
  readFileSync(new URL('../public/_locales/en/messages.json', import.meta.url), 'utf8'),
) as MessageCatalogue;

setI18nApi({
  getMessage: (name, subs) => {
    const entry = en[name];
    return entry ? formatMessage(entry, subs === undefined ? [] : Array.isArray(subs) ? subs : [subs]) : '';
  },
  getUILanguage: () => 'en-GB',
});
