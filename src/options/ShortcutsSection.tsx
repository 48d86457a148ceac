import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';

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
    if (!commands.openShortcutSettings) throw new Error('this Firefox cannot open it directly; use the steps above');
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
      (all) => setCommands(all.filter((c) => c.name !== '_execute_action' && c.name !== '_execute_browser_action').concat(all.filter((c) => c.name === '_execute_action' || c.name === '_execute_browser_action'))),
      (err) => setError(`The shortcuts could not be read: ${err instanceof Error ? err.message : String(err)}`),
    );
  }, []);

  const describe = (c: Command) =>
    c.description || (c.name === '_execute_action' || c.name === '_execute_browser_action' ? 'Open the Partnership Lens popup' : c.name);

  return (
    <section id="shortcuts" aria-labelledby="shortcuts-h">
      <h2 id="shortcuts-h">Keyboard shortcuts</h2>
      {error && <p class="field-error">{error}</p>}
      {commands === null && !error && <p class="hint">Reading shortcuts…</p>}
      {commands && commands.length === 0 && <p class="empty">This version defines no keyboard shortcuts.</p>}
      {commands && commands.length > 0 && (
        <table class="shortcuts">
          <caption class="visually-hidden">Keyboard shortcuts and their keys</caption>
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Keys</th>
            </tr>
          </thead>
          <tbody>
            {commands.map((c) => (
              <tr key={c.name}>
                <td>{describe(c)}</td>
                <td>{c.shortcut ? <kbd>{c.shortcut}</kbd> : <span class="muted">Not set</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="hint">
        {IS_FIREFOX ? (
          <>
            To change them, open <strong>about:addons</strong>, click the gear button, then <strong>Manage Extension Shortcuts</strong>.
          </>
        ) : (
          <>
            To change them, open <strong>chrome://extensions/shortcuts</strong> (in Edge, <strong>edge://extensions/shortcuts</strong>). A
            shortcut the browser or another extension already uses shows as “Not set”.
          </>
        )}
      </p>
      <button
        type="button"
        onClick={() => openShortcutSettings().catch((err) => setError(`Could not open the shortcut settings: ${err instanceof Error ? err.message : String(err)}`))}
      >
        Change shortcuts…
      </button>
    </section>
  );
}
