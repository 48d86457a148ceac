import { render } from 'preact';
import { TIMELINE } from '../../src/dataset/timeline';
import { App } from '../../src/popup/App';
import { t, uiLocale } from '../../src/i18n';
import { openedInTab } from '../../src/popup/browser-edge';
import '../../src/popup/popup.css';

const locale = uiLocale();
document.documentElement.lang = locale;
document.title = t('extName');
void openedInTab().then((inTab) => document.body.classList.toggle('in-tab', inTab));

render(<App events={TIMELINE} locale={locale} search={location.search} />, document.getElementById('app')!);
