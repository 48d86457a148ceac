import { useState } from 'preact/hooks';
import type { Settings } from '../settings/schema';
import { addSite, removeSite, type SiteList } from './logic';
import type { SettingsController } from './useSettings';

const LISTS: Record<SiteList, { title: string; hint: string }> = {
  allow: { title: 'Always highlight on', hint: 'Even when highlighting is off for other sites.' },
  block: { title: 'Never highlight on', hint: 'Wins over every other rule.' },
};

function SiteListEditor({ list, settings, ctl }: { list: SiteList; settings: Settings; ctl: SettingsController }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const inputId = `site-${list}-input`;
  const { title, hint } = LISTS[list];

  const add = async (e: Event) => {
    e.preventDefault();
    const result = addSite(settings, list, text);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setError(null);
    setNote(result.note);
    const pattern = result.settings.sites[list].at(-1)!;
    if (await ctl.update(() => result.settings, `${pattern} added to “${title.toLowerCase()}”.`)) setText('');
  };

  return (
    <fieldset class="site-list">
      <legend>{title}</legend>
      <p class="hint">{hint}</p>
      <form class="add-row" onSubmit={add} noValidate>
        <div class="field">
          <label for={inputId}>Site</label>
          <input
            id={inputId}
            type="text"
            inputMode="url"
            autoComplete="off"
            spellcheck={false}
            placeholder="*.example.com"
            value={text}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? `${inputId}-error` : `${inputId}-hint`}
            onInput={(ev) => {
              setText(ev.currentTarget.value);
              if (error) setError(null);
            }}
          />
        </div>
        <button type="submit">Add</button>
      </form>
      <p id={`${inputId}-hint`} class="hint small">
        <code>*.example.com</code> covers example.com and every subdomain. Pasting a page address keeps only its site.
      </p>
      {error && (
        <p id={`${inputId}-error`} class="field-error" role="alert">
          {error}
        </p>
      )}
      {note && <p class="note">{note}</p>}
      {settings.sites[list].length === 0 ? (
        <p class="empty">No sites yet.</p>
      ) : (
        <ul class="chips" aria-label={title}>
          {settings.sites[list].map((pattern) => (
            <li key={pattern}>
              <code>{pattern}</code>
              <button
                type="button"
                class="icon"
                aria-label={`Remove ${pattern} from “${title.toLowerCase()}”`}
                onClick={() => ctl.update((s) => removeSite(s, list, pattern), `${pattern} removed from “${title.toLowerCase()}”.`)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

export function SitesSection({ settings, ctl }: { settings: Settings; ctl: SettingsController }) {
  return (
    <section id="sites" aria-labelledby="sites-h">
      <h2 id="sites-h">Sites</h2>
      <fieldset>
        <legend>On every other site</legend>
        <div class="radios">
          {[true, false].map((on) => (
            <label key={String(on)} class="radio">
              <input
                type="radio"
                name="default-on"
                checked={settings.sites.defaultOn === on}
                onChange={() => ctl.update((s) => ({ ...s, sites: { ...s.sites, defaultOn: on } }), on ? 'Highlighting on for other sites.' : 'Highlighting off for other sites.')}
              />
              <span>{on ? 'Highlight mentions' : 'Do not highlight'}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div class="two-col">
        <SiteListEditor list="allow" settings={settings} ctl={ctl} />
        <SiteListEditor list="block" settings={settings} ctl={ctl} />
      </div>
    </section>
  );
}
