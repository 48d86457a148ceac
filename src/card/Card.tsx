/**
 * The hover card. Dataset text only, rendered as text nodes and attributes
 * by Preact (never as markup), so neither the dataset nor the page can
 * inject HTML into it.
 */
import type { EntityKind } from '../dataset/schema';
import type { CardData, CardLang, CardSource } from './data';

const LABELS = {
  en: {
    kinds: { company: 'Company', product: 'Product', person: 'Person', technology: 'Technology', agreement: 'Agreement' },
    role: 'In the partnership',
    facts: 'Key facts',
    timeline: 'Timeline',
    related: 'Related',
    source: 'Source',
    article: 'Partnership article',
    close: 'Close',
    openTimeline: 'Open the full timeline',
    moreEvents: (n: number) => `${n} more in the full timeline`,
    newTab: '(opens in a new tab)',
  },
  zh: {
    kinds: { company: '公司', product: '产品', person: '人物', technology: '技术', agreement: '协议' },
    role: '在合作中的角色',
    facts: '要点',
    timeline: '时间线',
    related: '相关',
    source: '来源',
    article: '合作报道',
    close: '关闭',
    openTimeline: '查看完整时间线',
    moreEvents: (n: number) => `完整时间线中还有 ${n} 条`,
    newTab: '（在新标签页中打开）',
  },
} satisfies Record<CardLang, unknown>;

export function kindLabel(kind: EntityKind, lang: CardLang): string {
  return LABELS[lang].kinds[kind];
}

/** Long seed-article quotes are cut at a word boundary; the full quote stays in the title attribute. */
export function shortQuote(quote: string, max = 64): string {
  if (quote.length <= max) return quote;
  const cut = quote.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '') + '…';
}

function Source({ source, lang }: { source: CardSource; lang: CardLang }) {
  const t = LABELS[lang];
  if (source.kind === 'link') {
    return (
      <a class="src-link" href={source.url} target="_blank" rel="noopener noreferrer">
        {source.title}
        <span class="sr-only"> {t.newTab}</span>
        <span class="ext" aria-hidden="true">↗</span>
      </a>
    );
  }
  return (
    <span class="src-quote" title={source.quote}>
      {t.article}: <q>{shortQuote(source.quote)}</q>
    </span>
  );
}

export interface CardProps {
  data: CardData;
  /** The highlight colour of the entity's kind, for the accent stripe. */
  accent?: string;
  onClose(): void;
  onOpenTimeline(): void;
}

export function Card({ data, accent, onClose, onOpenTimeline }: CardProps) {
  const t = LABELS[data.lang];
  const more = data.eventCount - data.events.length;
  return (
    <div
      class="card"
      role="dialog"
      aria-modal="false"
      aria-labelledby="pl-card-title"
      aria-describedby="pl-card-summary"
      lang={data.lang === 'zh' ? 'zh-Hans' : 'en'}
      tabIndex={-1}
      data-entity={data.id}
      data-kind={data.kind}
      style={accent ? { '--pl-accent': accent } : undefined}
    >
      <header class="head">
        <p class="kind">
          <span class="dot" aria-hidden="true" />
          {kindLabel(data.kind, data.lang)}
        </p>
        <h2 id="pl-card-title" class="name">
          {data.name}
          {data.altName ? (
            <span class="alt" lang={data.lang === 'zh' ? 'en' : 'zh-Hans'}>
              {' '}
              {data.altName}
            </span>
          ) : null}
        </h2>
        <button type="button" class="close" aria-label={t.close} title={t.close} onClick={onClose}>
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
            <path d="M3.5 3.5l9 9m0-9l-9 9" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" fill="none" />
          </svg>
        </button>
      </header>
      <div class="body">
        <p id="pl-card-summary" class="summary">
          {data.summary}
        </p>
        <section class="role" aria-labelledby="pl-card-role">
          <h3 id="pl-card-role">{t.role}</h3>
          <p>{data.role}</p>
        </section>
        {data.facts.length > 0 ? (
          <section aria-labelledby="pl-card-facts">
            <h3 id="pl-card-facts">{t.facts}</h3>
            <ul class="facts">
              {data.facts.map((f, i) => (
                <li key={i}>
                  <p class="fact">{f.text}</p>
                  <p class="sources">
                    <span class="sr-only">{t.source}: </span>
                    {f.sources.map((s, j) => (
                      <span key={j} class="src">
                        <Source source={s} lang={data.lang} />
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
            <h3 id="pl-card-timeline">{t.timeline}</h3>
            <ol class="events">
              {data.events.map((e) => (
                <li key={e.id} class={e.category}>
                  <time dateTime={e.date}>{e.dateLabel}</time>
                  <span class="event-title">{e.title}</span>
                </li>
              ))}
            </ol>
            {more > 0 ? <p class="more">{t.moreEvents(more)}</p> : null}
          </section>
        ) : null}
        {data.related.length > 0 ? (
          <section aria-labelledby="pl-card-related">
            <h3 id="pl-card-related">{t.related}</h3>
            <ul class="related">
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
          {t.openTimeline}
          <span aria-hidden="true"> →</span>
        </button>
      </footer>
    </div>
  );
}
