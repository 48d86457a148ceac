/**
 * The first-run page: pin the icon, what the marks mean, how cards open,
 * where the options are. Short on purpose; the options page has the rest.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ENTITY_KINDS } from '../dataset/schema';
import { t, tParts } from '../i18n';
import { DEFAULT_SETTINGS, type Settings } from '../settings/schema';
import { getSettings } from '../settings/store';

const IS_FIREFOX = import.meta.env.FIREFOX;

/** The assigned keys of the two mention commands, or null while unknown / when either is unset. */
function useShortcutKeys(): { next: string; previous: string } | null | undefined {
  const [keys, setKeys] = useState<{ next: string; previous: string } | null | undefined>(undefined);
  useEffect(() => {
    if (!browser.commands) {
      setKeys(null);
      return;
    }
    browser.commands.getAll().then(
      (all) => {
        const next = all.find((c) => c.name === 'next-mention')?.shortcut;
        const previous = all.find((c) => c.name === 'previous-mention')?.shortcut;
        setKeys(next && previous ? { next, previous } : null);
      },
      () => setKeys(null),
    );
  }, []);
  return keys;
}

export function Welcome() {
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const keys = useShortcutKeys();
  useEffect(() => {
    getSettings().then(setSettings, () => undefined);
  }, []);

  return (
    <main class="welcome">
      <header>
        <img src="/icon/128.png" width="64" height="64" alt="" />
        <h1>{t('welcome_title')}</h1>
      </header>
      <p class="lead">{t('welcome_lead')}</p>
      <ol class="steps">
        <li id="pin">
          <h2>{t('welcome_pinTitle')}</h2>
          <p>{IS_FIREFOX ? t('welcome_pinFirefox') : t('welcome_pinChrome')}</p>
          <p class="icons">
            <img src="/icon/32.png" width="32" height="32" alt="" />
            <img src="/icon/off-32.png" width="32" height="32" alt="" />
            <span>{t('welcome_pinWhy')}</span>
          </p>
        </li>
        <li id="marks">
          <h2>{t('welcome_marksTitle')}</h2>
          <p>{t('welcome_marksBody')}</p>
          <ul class="kinds">
            {ENTITY_KINDS.map((k) => (
              <li key={k}>
                <span class="mark" style={{ '--c': settings.style.colours[k] }}>
                  {t(`kinds_${k}`)}
                </span>
              </li>
            ))}
          </ul>
          <p>{t('welcome_cardsBody')}</p>
          <p id="keys">
            {keys === undefined
              ? null
              : keys === null
                ? t('welcome_keysUnset')
                : tParts('welcome_keys', 2).map((p) =>
                    typeof p === 'number' ? <kbd key={p}>{p === 0 ? keys.next : keys.previous}</kbd> : p,
                  )}
          </p>
        </li>
        <li id="options">
          <h2>{t('welcome_optionsTitle')}</h2>
          <p>{t('welcome_optionsBody')}</p>
          <button type="button" class="primary" onClick={() => void browser.runtime.openOptionsPage()}>
            {t('welcome_openOptions')}
          </button>
        </li>
      </ol>
    </main>
  );
}
