/** The first-run page, opened once on install (src/background/readers.ts). */
import { render } from 'preact';
import { t, uiLocale } from '../../src/i18n';
import { Welcome } from '../../src/welcome/Welcome';
import '../../src/welcome/welcome.css';

document.documentElement.lang = uiLocale();
document.title = t('welcome_title');
render(<Welcome />, document.getElementById('app')!);
