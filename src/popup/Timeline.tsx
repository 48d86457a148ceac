/** The partnership's timeline: every event, by year, with filters that persist. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { safeHttpUrl } from '../dataset/display';
import { ENTITY_KINDS, type EntityKind, type Source, type TimelineEvent } from '../dataset/schema';
import { dateSearchText, formatEventDate } from '../timeline/format';
import { groupByYear, sortEvents } from '../timeline/order';
import {
  EMPTY_FILTERS,
  entitiesInEvents,
  filterEvents,
  isFiltering,
  markTerms,
  searchTerms,
  toggleEntity,
  toggleKind,
  type TimelineFilters,
} from '../timeline/filter';
import { t, type MessageKey } from '../i18n';
import { entityInfo, entityName, kindPlural } from './entities';

interface Props {
  events: readonly TimelineEvent[];
  filters: TimelineFilters;
  onFilters: (f: TimelineFilters) => void;
  locale: string;
  zh: boolean;
  /** The filters were set for this opening only (a card or a row asked for one entity): say so. */
  temporary?: boolean;
}

/** Text with the search's words marked. */
function Marked({ text, terms }: { text: string; terms: readonly string[] }) {
  return <>{markTerms(text, terms).map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : p.text))}</>;
}

const CATEGORY_LABELS = {
  all: 'tl_catAll',
  partnership: 'tl_catPartnership',
  context: 'tl_catContext',
} as const satisfies Record<string, MessageKey>;

export function Timeline({ events, filters, onFilters, locale, zh, temporary = false }: Props) {
  const [panelOpen, setPanelOpen] = useState(false);
  const listRef = useRef<HTMLDivElement>(null);
  const terms = useMemo(() => searchTerms(filters.text), [filters.text]);
  // A new search shows its first match: the list goes back to the top (events are oldest first).
  useEffect(() => {
    if (listRef.current) listRef.current.scrollTop = 0;
  }, [filters.text]);
  const sorted = useMemo(() => sortEvents(events), [events]);
  const dateLabel = useCallback((e: TimelineEvent) => formatEventDate(e.date, e.precision, locale), [locale]);
  const searchDate = useCallback((e: TimelineEvent) => dateSearchText(e.date, e.precision, locale), [locale]);
  const shown = useMemo(() => filterEvents(sorted, filters, entityInfo, searchDate), [sorted, filters, searchDate]);
  const groups = groupByYear(shown);
  const involved = useMemo(() => entitiesInEvents(events, entityInfo), [events]);
  const kindsPresent = ENTITY_KINDS.filter((k) => involved.some((x) => entityInfo(x.id)?.kind === k));
  const filtering = isFiltering(filters);
  const panelCount = filters.kinds.length + filters.entities.length + (filters.category === 'all' ? 0 : 1);

  return (
    <div class="timeline">
      <div class="timeline-controls">
        <div class="filter-bar">
          <label class="search">
            <span class="visually-hidden">{t('tl_search')}</span>
            <input
              type="search"
              placeholder={t('tl_searchPlaceholder')}
              value={filters.text}
              onInput={(e) => onFilters({ ...filters, text: e.currentTarget.value })}
            />
          </label>
          <button
            type="button"
            class="filter-toggle"
            aria-expanded={panelOpen}
            aria-controls="filter-panel"
            onClick={() => setPanelOpen(!panelOpen)}
          >
            {panelCount > 0 ? t('tl_filtersCount', panelCount) : t('tl_filters')}
          </button>
        </div>

        <div id="filter-panel" class="filter-panel" hidden={!panelOpen}>
          <fieldset>
            <legend>{t('tl_legendEvents')}</legend>
            <div class="segmented">
              {(['all', 'partnership', 'context'] as const).map((c) => (
                <label key={c}>
                  <input
                    type="radio"
                    name="category"
                    value={c}
                    checked={filters.category === c}
                    onChange={() => onFilters({ ...filters, category: c })}
                  />
                  <span>{t(CATEGORY_LABELS[c])}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset>
            <legend>{t('tl_legendKind')}</legend>
            <div class="checks">
              {kindsPresent.map((k: EntityKind) => (
                <label key={k} class={`kind-${k}`}>
                  <input
                    type="checkbox"
                    checked={filters.kinds.includes(k)}
                    onChange={() => onFilters(toggleKind(filters, k))}
                  />
                  <span>{kindPlural(k)}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset>
            <legend>{t('tl_legendInvolving')}</legend>
            <div class="checks entity-checks">
              {involved.map(({ id, count }) => (
                <label key={id}>
                  <input
                    type="checkbox"
                    checked={filters.entities.includes(id)}
                    onChange={() => onFilters(toggleEntity(filters, id))}
                  />
                  <span>
                    {entityName(id, zh)} <span class="muted">({count})</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
        </div>

        {filters.entities.length > 0 && (
          <ul class="active-filters" aria-label={t('tl_activeFilters')}>
            {filters.entities.map((id) => (
              <li key={id}>
                <button type="button" class="chip removable" onClick={() => onFilters(toggleEntity(filters, id))}>
                  {entityName(id, zh)}
                  <span aria-hidden="true"> ×</span>
                  <span class="visually-hidden"> {t('tl_removeFilterSr')}</span>
                </button>
              </li>
            ))}
          </ul>
        )}

        {temporary && isFiltering(filters) && <p class="hint temporary-note">{t('tl_temporary')}</p>}

        <p class="result-count" role="status" aria-live="polite">
          {filtering ? t('tl_countFiltered', [shown.length, events.length]) : t('tl_countAll', events.length)}
          {filtering && shown.length > 0 && (
            <button type="button" class="link-button" onClick={() => onFilters({ ...EMPTY_FILTERS })}>
              {t('tl_clear')}
            </button>
          )}
        </p>
      </div>

      <div class="timeline-list" ref={listRef}>
        {shown.length === 0 ? (
          <div class="empty">
            <p>{t('tl_empty')}</p>
            <button type="button" class="primary" onClick={() => onFilters({ ...EMPTY_FILTERS })}>
              {t('tl_clear')}
            </button>
          </div>
        ) : (
          groups.map((g) => (
            <section key={g.year} class="year" aria-labelledby={`year-${g.year}`}>
              <h2 id={`year-${g.year}`} class="year-heading">
                {g.year}
              </h2>
              <ol class="events">
                {g.events.map((e) => (
                  <EventItem
                    key={e.id}
                    event={e}
                    date={dateLabel(e)}
                    filters={filters}
                    onFilters={onFilters}
                    zh={zh}
                    terms={terms}
                  />
                ))}
              </ol>
            </section>
          ))
        )}
      </div>
    </div>
  );
}

function EventItem(props: {
  event: TimelineEvent;
  date: string;
  filters: TimelineFilters;
  onFilters: (f: TimelineFilters) => void;
  zh: boolean;
  terms: readonly string[];
}) {
  const { event: e, date, filters, onFilters, zh, terms } = props;
  const title = zh && e.titleZh ? e.titleZh : e.title;
  const description = zh && e.descriptionZh ? e.descriptionZh : e.description;
  return (
    <li class={`event ${e.category}`} data-event={e.id}>
      <article aria-labelledby={`ev-${e.id}`}>
        <p class="event-meta">
          <time dateTime={e.date}>{date}</time>
          {e.category === 'context' && <span class="badge">{t('tl_catContext')}</span>}
        </p>
        {/* A Chinese reader gets the English text where the dataset has no Chinese yet: say so for screen readers. */}
        <h3 id={`ev-${e.id}`} lang={zh && !e.titleZh ? 'en' : undefined}>
          <Marked text={title} terms={terms} />
        </h3>
        <p class="description" lang={zh && !e.descriptionZh ? 'en' : undefined}>
          <Marked text={description} terms={terms} />
        </p>
        <ul class="chips" aria-label={t('tl_involves')}>
          {e.entities.map((id) => {
            const on = filters.entities.includes(id);
            return (
              <li key={id}>
                <button
                  type="button"
                  class={`chip kind-${entityInfo(id)?.kind ?? 'unknown'}`}
                  aria-pressed={on}
                  title={on ? t('tl_chipRemove') : t('tl_chipOnly')}
                  onClick={() => onFilters(toggleEntity(filters, id))}
                >
                  {entityName(id, zh)}
                </button>
              </li>
            );
          })}
        </ul>
        <Sources sources={e.sources} zh={zh} />
      </article>
    </li>
  );
}

function Sources({ sources, zh }: { sources: readonly Source[]; zh: boolean }) {
  // Collapsed: the timeline reads at a glance; one click (or Enter) shows where each fact comes from.
  return (
    <details class="sources">
      <summary>{t('tl_sources', sources.length)}</summary>
      <ul>
        {sources.map((s, i) => {
          if ('quote' in s)
            return (
              <li key={i} class="quote">
                <span class="muted">{t('sourceArticle')}</span> <q lang="en">{s.quote}</q>
              </li>
            );
          const href = safeHttpUrl(s.url);
          return (
            <li key={i}>
              {href ? (
                <a href={href} target="_blank" rel="noopener noreferrer">
                  {zh && s.titleZh ? s.titleZh : s.title}
                  <span class="visually-hidden"> {t('newTab')}</span>
                </a>
              ) : zh && s.titleZh ? (
                s.titleZh
              ) : (
                s.title
              )}
            </li>
          );
        })}
      </ul>
    </details>
  );
}
