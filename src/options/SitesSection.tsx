import { useState } from 'preact/hooks';
import { t, tParts, type MessageKey } from '../i18n';
import type { Settings } from '../settings/schema';
import { addSite, removeSite, type SiteList } from './logic';
import type { SettingsController } from './useSettings';

const LISTS: Record<SiteList, { title: MessageKey; hint: MessageKey }> = {
  allow: { title: 'opt_allowTitle', hint: 'opt_allowHint' },
  block: { title: 'opt_blockTitle', hint: 'opt_blockHint' },
};

function SiteListEditor({ list, settings, ctl }: { list: SiteList; settings: Settings; ctl: SettingsController }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const inputId = `site-${list}-input`;
  const title = t(LISTS[list].title);
  const hint = t(LISTS[list].hint);

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
    if (await ctl.update(() => result.settings, t('opt_addedTo', [pattern, title.toLowerCase()]))) setText('');
  };

  return (
    <fieldset class="site-list">
      <legend>{title}</legend>
      <p class="hint">{hint}</p>
      <form class="add-row" onSubmit={add} noValidate>
        <div class="field">
          <label for={inputId}>{t('opt_site')}</label>
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
        <button type="submit">{t('opt_add')}</button>
      </form>
      <p id={`${inputId}-hint`} class="hint small">
        {tParts('opt_siteHint', 1).map((p) => (typeof p === 'number' ? <code key="pattern">*.example.com</code> : p))}
      </p>
      {error && (
        <p id={`${inputId}-error`} class="field-error" role="alert">
          {error}
        </p>
      )}
      {note && <p class="note">{note}</p>}
      {settings.sites[list].length === 0 ? (
        <p class="empty">{t('opt_noSites')}</p>
      ) : (
        <ul class="chips" aria-label={title}>
          {settings.sites[list].map((pattern) => (
            <li key={pattern}>
              <code>{pattern}</code>
              <button
                type="button"
                class="icon"
                aria-label={t('opt_removeFrom', [pattern, title.toLowerCase()])}
                onClick={() =>
                  ctl.update((s) => removeSite(s, list, pattern), t('opt_removedFrom', [pattern, title.toLowerCase()]))
                }
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
      <h2 id="sites-h">{t('opt_secSites')}</h2>
      <fieldset>
        <legend>{t('opt_otherSites')}</legend>
        <div class="radios">
          {[true, false].map((on) => (
            <label key={String(on)} class="radio">
              <input
                type="radio"
                name="default-on"
                checked={settings.sites.defaultOn === on}
                onChange={() =>
                  ctl.update(
                    (s) => ({ ...s, sites: { ...s.sites, defaultOn: on } }),
                    on ? t('opt_otherOnDone') : t('opt_otherOffDone'),
                  )
                }
              />
              <span>{on ? t('opt_highlight') : t('opt_noHighlight')}</span>
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
