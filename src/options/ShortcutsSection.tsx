import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t, tParts } from '../i18n';

interface Command {
  name?: string;
  description?: string;
  shortcut?: string;
}

const IS_FIREFOX = import.meta.env.FIREFOX;

/** Opens the browser's own shortcut editor where the API allows it. */
async function openShortcutSettings(): Promise<void> {
  if (IS_FIREFOX) {
    // Firefox 137+; older versions only have the manual route shown on the page.
    const commands = browser.commands as unknown as { openShortcutSettings?: () => Promise<void> };
    if (!commands.openShortcutSettings) throw new Error(t('opt_firefoxNoOpen'));
    await commands.openShortcutSettings();
    return;
  }
  await browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
}

export function ShortcutsSection() {
  const [commands, setCommands] = useState<Command[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    // The API only exists when the manifest declares commands.
    if (!browser.commands) {
      setCommands([]);
      return;
    }
    browser.commands.getAll().then(
      (all) =>
        setCommands(
          all
            .filter((c) => c.name !== '_execute_action' && c.name !== '_execute_browser_action')
            .concat(all.filter((c) => c.name === '_execute_action' || c.name === '_execute_browser_action')),
        ),
      (err) => setError(t('opt_shortcutsReadFailed', err instanceof Error ? err.message : String(err))),
    );
  }, []);

  const unset = commands?.some(
    (c) => !c.shortcut && c.name !== '_execute_action' && c.name !== '_execute_browser_action',
  );

  const describe = (c: Command) =>
    c.description ||
    (c.name === '_execute_action' || c.name === '_execute_browser_action' ? t('opt_openPopup') : c.name);

  return (
    <section id="shortcuts" aria-labelledby="shortcuts-h">
      <h2 id="shortcuts-h">{t('opt_secShortcuts')}</h2>
      {error && <p class="field-error">{error}</p>}
      {commands === null && !error && <p class="hint">{t('opt_readingShortcuts')}</p>}
      {commands && commands.length === 0 && <p class="empty">{t('opt_noShortcuts')}</p>}
      {commands && commands.length > 0 && (
        <table class="shortcuts">
          <caption class="visually-hidden">{t('opt_shortcutsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('opt_action')}</th>
              <th scope="col">{t('opt_keys')}</th>
            </tr>
          </thead>
          <tbody>
            {commands.map((c) => (
              <tr key={c.name}>
                <td>{describe(c)}</td>
                <td>{c.shortcut ? <kbd>{c.shortcut}</kbd> : <span class="muted">{t('opt_notSet')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {unset && (
        <p class="notice" role="note" id="shortcuts-unset">
          {t('opt_shortcutsUnset')}
        </p>
      )}
      <p class="hint" id="shortcut-defaults">
        {tParts('opt_shortcutDefaults', 2).map((p) =>
          typeof p === 'number' ? <kbd key={p}>{p === 0 ? 'Alt+Shift+.' : 'Alt+Shift+,'}</kbd> : p,
        )}
      </p>
      <p class="hint" id="shortcut-change">
        {IS_FIREFOX
          ? tParts('opt_changeFirefox', 2).map((p) =>
              typeof p === 'number' ? (
                <strong key={p}>{p === 0 ? 'about:addons' : t('opt_manageShortcuts')}</strong>
              ) : (
                p
              ),
            )
          : tParts('opt_changeChrome', 2).map((p) =>
              typeof p === 'number' ? (
                <strong key={p}>{p === 0 ? 'chrome://extensions/shortcuts' : 'edge://extensions/shortcuts'}</strong>
              ) : (
                p
              ),
            )}
      </p>
      <button
        type="button"
        onClick={() =>
          openShortcutSettings().catch((err) =>
            setError(t('opt_openShortcutsFailed', err instanceof Error ? err.message : String(err))),
          )
        }
      >
        {t('opt_changeShortcuts')}
      </button>
    </section>
  );
}
