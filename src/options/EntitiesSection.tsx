import { useState } from 'preact/hooks';
import { ENTITY_NAMES } from '../dataset/names';
import { ENTITY_KINDS } from '../dataset/schema';
import type { Settings } from '../settings/schema';
import { displayName } from '../dataset/display';
import { langAttr, t, uiLang } from '../i18n';
import { entitiesByKind, filterEntities, joinNames, kindPlural, setEntitiesEnabled, setKindEnabled } from './logic';
import { Switch } from './Switch';
import type { SettingsController } from './useSettings';

export function EntitiesSection({ settings, ctl }: { settings: Settings; ctl: SettingsController }) {
  const [query, setQuery] = useState('');
  const shown = filterEntities(query);
  const groups = entitiesByKind(shown);
  const off = new Set(settings.disabledEntities);
  const filtered = query.trim() !== '';
  const ui = uiLang();
  const other = ui === 'zh' ? 'en' : 'zh';

  const setMany = (ids: string[], on: boolean, what: string) => ctl.update((s) => setEntitiesEnabled(s, ids, on), what);

  return (
    <section id="entities" aria-labelledby="entities-h">
      <h2 id="entities-h">{t('opt_secEntities')}</h2>
      <fieldset class="kinds">
        <legend>{t('opt_kinds')}</legend>
        <p class="hint">{t('opt_kindsHint')}</p>
        <div class="switch-grid">
          {ENTITY_KINDS.map((kind) => {
            const count = ENTITY_NAMES.filter((e) => e.kind === kind).length;
            return (
              <span key={kind} class="kind-switch" style={{ '--kind': settings.style.colours[kind] }}>
                <Switch
                  id={`kind-${kind}`}
                  label={kindPlural(kind)}
                  checked={!settings.disabledKinds.includes(kind)}
                  describedBy={`kind-${kind}-count`}
                  onToggle={(on) =>
                    ctl.update(
                      (s) => setKindEnabled(s, kind, on),
                      t(on ? 'opt_switchedOn' : 'opt_switchedOff', kindPlural(kind)),
                    )
                  }
                />
                <span id={`kind-${kind}-count`} class="count">
                  {t('opt_kindCount', count)}
                </span>
              </span>
            );
          })}
        </div>
      </fieldset>

      <div class="entity-tools">
        <div class="field search">
          <label for="entity-search">{t('opt_search')}</label>
          <input
            id="entity-search"
            type="search"
            value={query}
            placeholder={t('opt_searchPlaceholder')}
            aria-describedby="entity-search-count"
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
        </div>
        <div class="buttons" role="group" aria-label={t('opt_bulk')}>
          <button
            type="button"
            disabled={shown.length === 0}
            onClick={() =>
              setMany(
                shown.map((e) => e.id),
                true,
                filtered ? t('opt_shownOnDone', shown.length) : t('opt_allOnDone'),
              )
            }
          >
            {filtered ? t('opt_allShownOn', shown.length) : t('opt_allOn')}
          </button>
          <button
            type="button"
            disabled={shown.length === 0}
            onClick={() =>
              setMany(
                shown.map((e) => e.id),
                false,
                filtered ? t('opt_shownOffDone', shown.length) : t('opt_allOffDone'),
              )
            }
          >
            {filtered ? t('opt_allShownOff', shown.length) : t('opt_none')}
          </button>
        </div>
      </div>
      <p id="entity-search-count" class="hint" aria-live="polite">
        {filtered
          ? t('opt_matchCount', [shown.length, ENTITY_NAMES.length, query.trim()])
          : // What is really marked: an entity switched on whose kind is switched off is not.
            t('opt_onCount', [
              ENTITY_NAMES.filter((e) => !off.has(e.id) && !settings.disabledKinds.includes(e.kind)).length,
              ENTITY_NAMES.length,
            ])}
      </p>

      {groups.length === 0 && <p class="empty">{t('opt_noMatch', query.trim())}</p>}
      {groups.map(({ kind, entities }) => {
        const kindOff = settings.disabledKinds.includes(kind);
        return (
          <fieldset key={kind} class="entity-group" style={{ '--kind': settings.style.colours[kind] }}>
            <legend>
              {kindPlural(kind)}
              {kindOff && <span class="badge">{t('opt_kindOffBadge')}</span>}
            </legend>
            <ul class="entity-list">
              {entities.map((e) => {
                // The name in the UI language labels the switch; the other language's name, when it differs, follows it.
                const name = displayName(e, ui);
                const otherName = displayName(e, other);
                const alt = otherName !== name ? otherName : null;
                const aliases = e.aliases.filter((a) => a !== alt && a !== name);
                return (
                  <li key={e.id}>
                    <Switch
                      id={`entity-${e.id}`}
                      label={name}
                      checked={!off.has(e.id)}
                      disabled={kindOff}
                      describedBy={`entity-${e.id}-desc`}
                      onToggle={(on) =>
                        ctl.update(
                          (s) => setEntitiesEnabled(s, [e.id], on),
                          t(on ? 'opt_switchedOn' : 'opt_switchedOff', name),
                        )
                      }
                    />
                    <span id={`entity-${e.id}-desc`} class="entity-desc">
                      {alt && <span lang={langAttr(other)}>{alt}</span>}
                      {aliases.length > 0 && <span class="aliases">{t('opt_also', joinNames(aliases))}</span>}
                      {kindOff && <span class="visually-hidden">{t('opt_offBecauseKind', kindPlural(kind))}</span>}
                    </span>
                  </li>
                );
              })}
            </ul>
          </fieldset>
        );
      })}
    </section>
  );
}
