/**
 * The hover card. Dataset text only, rendered as text nodes and attributes
 * by Preact (never as markup), so neither the dataset nor the page can
 * inject HTML into it.
 *
 * Two languages can meet here: the card's own words (headings, buttons)
 * follow the browser's UI language through the i18n API, while the dataset
 * text follows the card's language (`data.lang`: Chinese for a mention
 * written in Chinese or on a Chinese page). Each part carries its own
 * `lang` so screen readers and fonts get it right.
 */
import type { EntityKind } from '../dataset/schema';
import { langAttr, t, uiLang } from '../i18n';
import type { CardData, CardSource } from './data';

/** The kind's name in the interface language. */
export function kindLabel(kind: EntityKind): string {
  return t(`kind_${kind}`);
}

/** Long seed-article quotes are cut at a word boundary; the full quote stays in the title attribute. */
export function shortQuote(quote: string, max = 64): string {
  if (quote.length <= max) return quote;
  const cut = quote.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '') + '…';
}

function Source({ source }: { source: CardSource }) {
  if (source.kind === 'link') {
    return (
      <a class="src-link" href={source.url} target="_blank" rel="noopener noreferrer">
        {source.title}
        <span class="sr-only"> {t('newTab')}</span>
        <span class="ext" aria-hidden="true">
          ↗
        </span>
      </a>
    );
  }
  return (
    <span class="src-quote" title={source.quote}>
      {t('sourceArticle')} <q lang="en">{shortQuote(source.quote)}</q>
    </span>
  );
}

export interface CardProps {
  data: CardData;
  /** The highlight colour of the entity's kind, for the accent stripe. */
  accent?: string;
  onClose: () => void;
  onOpenTimeline: () => void;
}

export function Card({ data, accent, onClose, onOpenTimeline }: CardProps) {
  const ui = uiLang();
  // The `lang` of a piece of dataset text: its own language (a field without Chinese yet is English on a
  // Chinese card), written out only where it differs from the card's (the interface's) language.
  const fieldLang = (own?: CardData['lang']) => {
    const actual = own ?? data.lang;
    return actual === ui ? undefined : langAttr(actual);
  };
  const dataLang = fieldLang();
  const more = data.eventCount - data.events.length;
  return (
    <div
      class="card"
      role="dialog"
      aria-modal="false"
      aria-labelledby="pl-card-title"
      aria-describedby="pl-card-summary"
      lang={langAttr(ui)}
      tabIndex={-1}
      data-entity={data.id}
      data-kind={data.kind}
      style={accent ? { '--pl-accent': accent } : undefined}
    >
      <header class="head">
        <p class="kind">
          <span class="dot" aria-hidden="true" />
          {kindLabel(data.kind)}
        </p>
        <h2 id="pl-card-title" class="name">
          <span lang={dataLang}>{data.name}</span>
          {data.altName ? (
            <span class="alt" lang={data.lang === 'zh' ? 'en' : 'zh-Hans'}>
              {' '}
              {data.altName}
            </span>
          ) : null}
        </h2>
        <button type="button" class="close" aria-label={t('card_close')} title={t('card_close')} onClick={onClose}>
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
            <path
              d="M3.5 3.5l9 9m0-9l-9 9"
              stroke="currentColor"
              stroke-width="1.8"
              stroke-linecap="round"
              fill="none"
            />
          </svg>
        </button>
      </header>
      <div class="body">
        <p id="pl-card-summary" class="summary" lang={fieldLang(data.summaryLang)}>
          {data.summary}
        </p>
        <section class="role" aria-labelledby="pl-card-role">
          <h3 id="pl-card-role">{t('card_role')}</h3>
          <p lang={fieldLang(data.roleLang)}>{data.role}</p>
        </section>
        {data.facts.length > 0 ? (
          <section aria-labelledby="pl-card-facts">
            <h3 id="pl-card-facts">{t('card_facts')}</h3>
            <ul class="facts">
              {data.facts.map((f, i) => (
                <li key={i}>
                  <p class="fact" lang={fieldLang(f.lang)}>
                    {f.text}
                  </p>
                  <p class="sources">
                    <span class="sr-only">{t('card_source')} </span>
                    {f.sources.map((s, j) => (
                      <span key={j} class="src">
                        <Source source={s} />
                      </span>
                    ))}
                  </p>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {data.events.length > 0 ? (
          <section aria-labelledby="pl-card-timeline">
            <h3 id="pl-card-timeline">{t('card_timeline')}</h3>
            <ol class="events">
              {data.events.map((e) => (
                <li key={e.id} class={e.category}>
                  <time dateTime={e.date}>{e.dateLabel}</time>
                  <span class="event-title" lang={fieldLang(e.lang)}>
                    {e.title}
                  </span>
                </li>
              ))}
            </ol>
            {more > 0 ? <p class="more">{t('card_moreEvents', more)}</p> : null}
          </section>
        ) : null}
        {data.related.length > 0 ? (
          <section aria-labelledby="pl-card-related">
            <h3 id="pl-card-related">{t('card_related')}</h3>
            <ul class="related" lang={dataLang}>
              {data.related.map((r) => (
                <li key={r.id} data-kind={r.kind}>
                  {r.name}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
      <footer class="foot">
        <button type="button" class="timeline-btn" onClick={onOpenTimeline}>
          {t('card_openTimeline')}
          <span aria-hidden="true"> →</span>
        </button>
      </footer>
    </div>
  );
}
