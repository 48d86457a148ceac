import { useState } from 'preact/hooks';
import { ENTITY_NAMES } from '../dataset/names';
import { entityDisplayName } from '../settings/aliases';
import type { Settings } from '../settings/schema';
import { addAlias, removeAlias } from './logic';
import type { SettingsController } from './useSettings';

const MODES: { mode: Settings['detection']['mode']; label: string; hint: string }[] = [
  {
    mode: 'context',
    label: 'Context-aware (recommended)',
    hint: 'Names that are also common words (Office, Surface, Echo, Windows) are marked only where the sentence is about the product.',
  },
  { mode: 'plain', label: 'Plain name matching', hint: 'Every occurrence of a name or alias is marked, whatever the sentence says.' },
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
    if (await ctl.update(() => result.settings, `“${alias.trim()}” added as an alias of ${entityDisplayName(entity)}.`)) setAlias('');
  };

  return (
    <section id="detection" aria-labelledby="detection-h">
      <h2 id="detection-h">Detection</h2>
      <fieldset>
        <legend>How names are recognised</legend>
        <div class="radios stacked">
          {MODES.map(({ mode, label, hint }) => (
            <label key={mode} class="radio">
              <input
                type="radio"
                name="mode"
                checked={settings.detection.mode === mode}
                aria-describedby={`mode-${mode}-hint`}
                onChange={() => ctl.update((s) => ({ ...s, detection: { ...s.detection, mode } }), `Detection: ${label.toLowerCase()}.`)}
              />
              <span>
                {label}
                <span id={`mode-${mode}-hint`} class="hint block">
                  {hint}
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Your own aliases</legend>
        <p class="hint">
          Extra names to match, such as a codename or a spelling your sources use. Each alias belongs to one entity and cannot be a name
          another entity already has.
        </p>
        <form class="add-row" onSubmit={add} noValidate>
          <div class="field">
            <label for="alias-entity">Entity</label>
            <select id="alias-entity" value={entity} onChange={(e) => setEntity(e.currentTarget.value)}>
              {ENTITY_NAMES.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                </option>
              ))}
            </select>
          </div>
          <div class="field grow">
            <label for="alias-input">Alias</label>
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
          <button type="submit">Add alias</button>
        </form>
        {error && (
          <p id="alias-error" class="field-error" role="alert">
            {error}
          </p>
        )}
        {extra.length === 0 ? (
          <p class="empty">No aliases of your own yet.</p>
        ) : (
          <dl class="alias-list">
            {extra.map(([id, list]) => (
              <div key={id}>
                <dt>{entityDisplayName(id)}</dt>
                <dd>
                  <ul class="chips" aria-label={`Your aliases for ${entityDisplayName(id)}`}>
                    {list.map((a) => (
                      <li key={a}>
                        <span>{a}</span>
                        <button
                          type="button"
                          class="icon"
                          aria-label={`Remove alias ${a} of ${entityDisplayName(id)}`}
                          onClick={() => ctl.update((s) => removeAlias(s, id, a), `Alias “${a}” removed.`)}
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
