/**
 * The hover card. Dataset text only, never rendered as markup, so neither
 * the dataset nor the page can inject HTML into it.
 *
 * No text node: every word the card shows is CSS generated content
 * (`data-t` attributes drawn by `[data-t]::before { content: attr(data-t) }`
 * in styles.ts). A closed shadow root keeps page scripts from walking into
 * the card, but not the browser's text search: `window.find()` matches text
 * nodes inside closed roots, and in Firefox the selection it makes hands the
 * page the text node itself, from which `parentNode` leads to the shadow root
 * and the whole card. Generated content is drawn and read by screen readers
 * but is no node: find(), selections and Selection.modify() cannot reach it.
 * The price: card text cannot be selected or copied, and the browser's own
 * find-in-page does not see it (README, Security).
 *
 * The card is in one language, the interface's: its own words come from the
 * i18n catalogue and the dataset text is chosen in the same language by the
 * background (`data.lang`). A field the dataset has no translation of falls
 * back on English and says so with `lang`, for screen readers and fonts.
 */
import { useState } from 'preact/hooks';
import type { EntityKind } from '../dataset/schema';
import { langAttr, t, uiLang } from '../i18n';
import type { CardData, CardSource } from './data';
import { MentionTools, type MentionToolsProps } from './MentionTools';

/** The kind's name in the interface language. */
export function kindLabel(kind: EntityKind): string {
  return t(`kind_${kind}`);
}

/** Long seed-article quotes are cut at a word boundary; a button beside them shows the whole quote. */
export function shortQuote(quote: string, max = 64): string {
  if (quote.length <= max) return quote;
  const cut = quote.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '') + '…';
}

/** Text drawn as generated content (see the header comment): spread onto the element that shows it. */
function tx(text: string): { 'data-t': string } {
  return { 'data-t': text };
}

function Quote({ quote }: { quote: string }) {
  const [whole, setWhole] = useState(false);
  const cut = shortQuote(quote);
  const isCut = cut !== quote;
  return (
    <span class="src-quote">
      <span class="src-label" {...tx(t('sourceArticle'))} />
      <span class="q" lang="en" {...tx(`“${whole || !isCut ? quote : cut}”`)} />
      {isCut ? (
        <button
          type="button"
          class="linkish quote-toggle"
          aria-expanded={whole}
          onClick={() => setWhole(!whole)}
          {...tx(whole ? t('card_quoteLess') : t('card_quoteMore'))}
        />
      ) : null}
    </span>
  );
}

function Source({ source }: { source: CardSource }) {
  if (source.kind === 'link') {
    return (
      <a class="src-link" href={source.url} target="_blank" rel="noopener noreferrer">
        <span {...tx(source.title)} />
        <span class="sr-only" {...tx(t('newTab'))} />
        <span class="ext" aria-hidden="true" {...tx('↗')} />
      </a>
    );
  }
  return <Quote quote={source.quote} />;
}

export interface CardProps {
  data: CardData;
  /** The highlight colour of the entity's kind, for the accent stripe. */
  accent?: string;
  /** Shown after following a related entity: the card to go back to. */
  back?: { name: string; onBack: () => void };
  onClose: () => void;
  onOpenTimeline: () => void;
  /** A related entity's chip: show that entity's card in place of this one. */
  onOpenEntity: (entity: string) => void;
  /** The mention the card opened on: why it was marked, and the reader's corrections (its own entity's card only). */
  tools?: MentionToolsProps;
}

export function Card({ data, accent, back, onClose, onOpenTimeline, onOpenEntity, tools }: CardProps) {
  const ui = uiLang();
  // The `lang` of a piece of dataset text: only where it is not in the card's (the interface's) language.
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
          {back ? (
            <button
              type="button"
              class="back"
              aria-label={t('card_back', back.name)}
              title={t('card_back', back.name)}
              onClick={back.onBack}
            >
              <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
                <path d="M10 3L5 8l5 5" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" fill="none" />
              </svg>
            </button>
          ) : null}
          <span class="dot" aria-hidden="true" />
          <span {...tx(kindLabel(data.kind))} />
        </p>
        <h2 id="pl-card-title" class="name">
          <span lang={dataLang} {...tx(data.name)} />
          {data.altName ? (
            // The leading space keeps the two names apart for screen readers too.
            <span class="alt" lang={data.lang === 'zh' ? 'en' : 'zh-Hans'} {...tx(` ${data.altName}`)} />
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
        <p id="pl-card-summary" class="summary" lang={fieldLang(data.summaryLang)} {...tx(data.summary)} />
        <section class="role" aria-labelledby="pl-card-role">
          <h3 id="pl-card-role">
            <span {...tx(t('card_role'))} />
          </h3>
          <p lang={fieldLang(data.roleLang)} {...tx(data.role)} />
        </section>
        {data.facts.length > 0 ? (
          <section aria-labelledby="pl-card-facts">
            <h3 id="pl-card-facts">
              <span {...tx(t('card_facts'))} />
            </h3>
            <ul class="facts">
              {data.facts.map((f, i) => (
                <li key={i}>
                  <p class="fact" lang={fieldLang(f.lang)} {...tx(f.text)} />
                  <p class="sources">
                    <span class="sr-only" {...tx(t('card_source'))} />
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
            <h3 id="pl-card-timeline">
              <span {...tx(t('card_timeline'))} />
              <span class="order" {...tx(t('order_oldestFirst'))} />
            </h3>
            <ol class="events">
              {data.events.map((e) => (
                <li key={e.id} class={e.category}>
                  <time dateTime={e.date} {...tx(e.dateLabel)} />
                  <span class="event-title" lang={fieldLang(e.lang)} {...tx(e.title)} />
                </li>
              ))}
            </ol>
            {more > 0 ? (
              <p class="more">
                <button type="button" class="linkish" onClick={onOpenTimeline} {...tx(t('card_moreEvents', more))} />
              </p>
            ) : null}
          </section>
        ) : null}
        {data.related.length > 0 ? (
          <section aria-labelledby="pl-card-related">
            <h3 id="pl-card-related">
              <span {...tx(t('card_related'))} />
            </h3>
            <ul class="related" lang={dataLang}>
              {data.related.map((r) => (
                <li key={r.id} data-kind={r.kind}>
                  <button
                    type="button"
                    class="chip"
                    data-entity={r.id}
                    title={t('card_relatedOpen', r.name)}
                    onClick={() => onOpenEntity(r.id)}
                    {...tx(r.name)}
                  />
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {tools ? <MentionTools {...tools} /> : null}
      </div>
      <footer class="foot">
        <button type="button" class="timeline-btn" onClick={onOpenTimeline}>
          <span {...tx(t('card_openTimeline'))} />
          <span aria-hidden="true" {...tx(' →')} />
        </button>
      </footer>
    </div>
  );
}
