import { render } from 'preact';
import { t, uiLocale } from '../../src/i18n';
import { App } from '../../src/options/App';
import '../../src/options/options.css';

document.documentElement.lang = uiLocale();
document.title = t('opt_title');
render(<App />, document.getElementById('app')!);
