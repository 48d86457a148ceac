import { render } from 'preact';
import { TIMELINE } from '../../src/dataset/timeline';
import { App } from '../../src/popup/App';
import { t, uiLocale } from '../../src/i18n';
import { openedInTab } from '../../src/popup/browser-edge';
import { applyKindColours } from '../../src/settings/kind-colours';
import { DEFAULT_SETTINGS } from '../../src/settings/schema';
import { getSettings, watchSettings } from '../../src/settings/store';
import '../../src/popup/popup.css';

const locale = uiLocale();
document.documentElement.lang = locale;
document.title = t('extName');
void openedInTab().then((inTab) => document.body.classList.toggle('in-tab', inTab));
// Kinds in the reader's colours, the ones their marks have on the page.
applyKindColours(document.documentElement, DEFAULT_SETTINGS.style.colours);
void getSettings().then(
  (s) => applyKindColours(document.documentElement, s.style.colours),
  () => undefined,
);
watchSettings((s) => applyKindColours(document.documentElement, s.style.colours));

render(<App events={TIMELINE} locale={locale} search={location.search} />, document.getElementById('app')!);
