import { useState } from 'preact/hooks';
import { ENTITY_NAMES } from '../dataset/names';
import { MAX_ALIAS_LENGTH, MAX_EXTRA_ALIASES } from '../detect/scan';
import { t, type MessageKey } from '../i18n';
import type { Settings } from '../settings/schema';
import { addAlias, entityLabel, removeAlias } from './logic';
import type { SettingsController } from './useSettings';

const MODES: { mode: Settings['detection']['mode']; label: MessageKey; hint: MessageKey }[] = [
  { mode: 'context', label: 'opt_modeContext', hint: 'opt_modeContextHint' },
  { mode: 'plain', label: 'opt_modePlain', hint: 'opt_modePlainHint' },
];

export function DetectionSection({ settings, ctl }: { settings: Settings; ctl: SettingsController }) {
  const [entity, setEntity] = useState<string>(ENTITY_NAMES[0].id);
  const [alias, setAlias] = useState('');
  const [error, setError] = useState<string | null>(null);
  const extra = Object.entries(settings.detection.extraAliases).filter(([, list]) => list.length > 0);

  const add = async (e: Event) => {
    e.preventDefault();
    const result = addAlias(settings, entity, alias);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setError(null);
    if (await ctl.update(() => result.settings, t('opt_aliasAdded', [alias.trim(), entityLabel(entity)]))) setAlias('');
  };

  return (
    <section id="detection" aria-labelledby="detection-h">
      <h2 id="detection-h">{t('opt_secDetection')}</h2>
      <fieldset>
        <legend>{t('opt_howRecognised')}</legend>
        <div class="radios stacked">
          {MODES.map(({ mode, label, hint }) => (
            <label key={mode} class="radio">
              <input
                type="radio"
                name="mode"
                checked={settings.detection.mode === mode}
                aria-describedby={`mode-${mode}-hint`}
                onChange={() =>
                  ctl.update(
                    (s) => ({ ...s, detection: { ...s.detection, mode } }),
                    t('opt_modeDone', t(label).toLowerCase()),
                  )
                }
              />
              <span>
                {t(label)}
                <span id={`mode-${mode}-hint`} class="hint block">
                  {t(hint)}
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('opt_ownAliases')}</legend>
        <p class="hint">{t('opt_ownAliasesHint', [MAX_EXTRA_ALIASES, MAX_ALIAS_LENGTH])}</p>
        <form class="add-row" onSubmit={add} noValidate>
          <div class="field">
            <label for="alias-entity">{t('opt_entity')}</label>
            <select id="alias-entity" value={entity} onChange={(e) => setEntity(e.currentTarget.value)}>
              {ENTITY_NAMES.map((e) => (
                <option key={e.id} value={e.id}>
                  {entityLabel(e.id)}
                </option>
              ))}
            </select>
          </div>
          <div class="field grow">
            <label for="alias-input">{t('opt_alias')}</label>
            <input
              id="alias-input"
              type="text"
              autoComplete="off"
              value={alias}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={error ? 'alias-error' : undefined}
              onInput={(e) => {
                setAlias(e.currentTarget.value);
                if (error) setError(null);
              }}
            />
          </div>
          <button type="submit">{t('opt_addAlias')}</button>
        </form>
        {error && (
          <p id="alias-error" class="field-error" role="alert">
            {error}
          </p>
        )}
        {extra.length === 0 ? (
          <p class="empty">{t('opt_noAliases')}</p>
        ) : (
          <dl class="alias-list">
            {extra.map(([id, list]) => (
              <div key={id}>
                <dt>{entityLabel(id)}</dt>
                <dd>
                  <ul class="chips" aria-label={t('opt_aliasesFor', entityLabel(id))}>
                    {list.map((a) => (
                      <li key={a}>
                        <span>{a}</span>
                        <button
                          type="button"
                          class="icon"
                          aria-label={t('opt_removeAlias', [a, entityLabel(id)])}
                          onClick={() => ctl.update((s) => removeAlias(s, id, a), t('opt_aliasRemoved', a))}
                        >
                          ×
                        </button>
                      </li>
                    ))}
                  </ul>
                </dd>
              </div>
            ))}
          </dl>
        )}
      </fieldset>
    </section>
  );
}
