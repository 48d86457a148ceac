import { useState } from 'preact/hooks';
import { ENTITY_NAMES } from '../dataset/names';
import { ENTITY_KINDS } from '../dataset/schema';
import type { Settings } from '../settings/schema';
import { entitiesByKind, filterEntities, KIND_LABELS, setEntitiesEnabled, setKindEnabled } from './logic';
import { Switch } from './Switch';
import type { SettingsController } from './useSettings';

export function EntitiesSection({ settings, ctl }: { settings: Settings; ctl: SettingsController }) {
  const [query, setQuery] = useState('');
  const shown = filterEntities(query);
  const groups = entitiesByKind(shown);
  const off = new Set(settings.disabledEntities);
  const filtered = query.trim() !== '';
  const scope = filtered ? `the ${shown.length} shown` : 'all';

  const setMany = (ids: string[], on: boolean, what: string) => ctl.update((s) => setEntitiesEnabled(s, ids, on), what);

  return (
    <section id="entities" aria-labelledby="entities-h">
      <h2 id="entities-h">What is highlighted</h2>
      <fieldset class="kinds">
        <legend>Kinds</legend>
        <p class="hint">A kind switched off hides every entity of that kind, whatever its own switch says.</p>
        <div class="switch-grid">
          {ENTITY_KINDS.map((kind) => {
            const count = ENTITY_NAMES.filter((e) => e.kind === kind).length;
            return (
              <span key={kind} class="kind-switch" style={{ '--kind': settings.style.colours[kind] }}>
                <Switch
                  id={`kind-${kind}`}
                  label={KIND_LABELS[kind].plural}
                  checked={!settings.disabledKinds.includes(kind)}
                  describedBy={`kind-${kind}-count`}
                  onToggle={(on) => ctl.update((s) => setKindEnabled(s, kind, on), `${KIND_LABELS[kind].plural} switched ${on ? 'on' : 'off'}.`)}
                />
                <span id={`kind-${kind}-count`} class="count">
                  {count} {count === 1 ? 'entity' : 'entities'}
                </span>
              </span>
            );
          })}
        </div>
      </fieldset>

      <div class="entity-tools">
        <div class="field search">
          <label for="entity-search">Search entities</label>
          <input
            id="entity-search"
            type="search"
            value={query}
            placeholder="Name, Chinese name or alias"
            aria-describedby="entity-search-count"
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
        </div>
        <div class="buttons" role="group" aria-label="Shortcuts">
          <button type="button" disabled={shown.length === 0} onClick={() => setMany(shown.map((e) => e.id), true, `Switched on ${scope} entities.`)}>
            {filtered ? `All ${shown.length} shown on` : 'All on'}
          </button>
          <button type="button" disabled={shown.length === 0} onClick={() => setMany(shown.map((e) => e.id), false, `Switched off ${scope} entities.`)}>
            {filtered ? `All ${shown.length} shown off` : 'None'}
          </button>
        </div>
      </div>
      <p id="entity-search-count" class="hint" aria-live="polite">
        {filtered ? `${shown.length} of ${ENTITY_NAMES.length} entities match “${query.trim()}”.` : `${ENTITY_NAMES.length - ENTITY_NAMES.filter((e) => off.has(e.id)).length} of ${ENTITY_NAMES.length} entities on.`}
      </p>

      {groups.length === 0 && <p class="empty">No entity matches “{query.trim()}”.</p>}
      {groups.map(({ kind, entities }) => {
        const kindOff = settings.disabledKinds.includes(kind);
        return (
          <fieldset key={kind} class="entity-group" style={{ '--kind': settings.style.colours[kind] }}>
            <legend>
              {KIND_LABELS[kind].plural}
              {kindOff && <span class="badge">off as a kind</span>}
            </legend>
            <ul class="entity-list">
              {entities.map((e) => {
                const zh = 'nameZh' in e && e.nameZh && e.nameZh !== e.name ? e.nameZh : null;
                const aliases = e.aliases.filter((a) => a !== zh);
                return (
                  <li key={e.id}>
                    <Switch
                      id={`entity-${e.id}`}
                      label={e.name}
                      checked={!off.has(e.id)}
                      disabled={kindOff}
                      describedBy={`entity-${e.id}-desc`}
                      onToggle={(on) => ctl.update((s) => setEntitiesEnabled(s, [e.id], on), `${e.name} switched ${on ? 'on' : 'off'}.`)}
                    />
                    <span id={`entity-${e.id}-desc`} class="entity-desc">
                      {zh && <span lang="zh">{zh}</span>}
                      {aliases.length > 0 && <span class="aliases">also {aliases.join(', ')}</span>}
                      {kindOff && <span class="visually-hidden">; off because {KIND_LABELS[kind].plural.toLowerCase()} are switched off</span>}
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
