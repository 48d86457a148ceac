/** What the active tab mentions, a per-site switch, and exports. */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { getCorrections, watchCorrections } from '../corrections/store';
import { siteOf, type Correction } from '../corrections/model';
import { labelledFileName, labelledSentences, pageBlocks } from '../export/labelled';
import { mentionRows, exportFileName, toCsv, toJson } from '../export/mentions';
import { getSettings, setSettings, watchSettings } from '../settings/store';
import { isSiteEnabled, siteHost } from '../settings/sites';
import type { Settings } from '../settings/schema';
import { downloadText, jumpToMention, openedInTab, readForLabels, type PageState } from './browser-edge';
import { t, tParts, type MessageKey } from '../i18n';
import { entityInfo, entityName, kindSingular } from './entities';
import { countMentions, frameLabel, groupByFrame, setSiteEnabled, type RestrictedReason } from './page';

interface Props {
  tabId: number | null;
  state: PageState;
  onRetry: () => void;
  onReload: () => void;
  onShowEvents: (entity: string) => void;
  zh: boolean;
}

const RESTRICTED_TEXT: Record<RestrictedReason, MessageKey> = {
  'browser-page': 'page_restrictedBrowser',
  'web-store': 'page_restrictedStore',
  'local-file': 'page_restrictedFile',
  // Without the `tabs` permission a browser page's URL is hidden, so this one message covers them all.
  'not-web': 'page_restrictedNotWeb',
};

export function ThisPage({ tabId, state, onRetry, onReload, onShowEvents, zh }: Props) {
  const [settings, setLocalSettings] = useState<Settings | null>(null);
  const [notice, setNotice] = useState('');
  const [inTab, setInTab] = useState(true);
  /** The reader's corrections (every site's): the labelled export applies this page's site's. */
  const [corrections, setCorrections] = useState<Correction[]>([]);

  useEffect(() => {
    getSettings().then(setLocalSettings, () => setLocalSettings(null));
    void openedInTab().then(setInTab);
    getCorrections().then(
      (c) => setCorrections(c.items),
      () => setCorrections([]),
    );
    const stopCorrections = watchCorrections((c) => setCorrections(c.items));
    const stopSettings = watchSettings(setLocalSettings);
    return () => {
      stopCorrections();
      stopSettings();
    };
  }, []);

  if (state.kind === 'asking') {
    return (
      <p class="status" role="status">
        {t('page_reading')}
      </p>
    );
  }
  if (state.kind === 'no-tab') {
    return <Message title={t('page_noTabTitle')}>{t('page_noTabBody')}</Message>;
  }
  if (state.kind === 'restricted') {
    return <Message title={t('page_restrictedTitle')}>{t(RESTRICTED_TEXT[state.reason])}</Message>;
  }
  if (state.kind === 'tab-loading') {
    return (
      <Message title={t('page_loadingTitle')}>
        {t('page_loadingBody')}{' '}
        <button type="button" class="link-button" onClick={onRetry}>
          {t('page_tryNow')}
        </button>
      </Message>
    );
  }

  const host = siteHost(state.url);
  const siteOn = settings && host ? isSiteEnabled(settings.sites, host) : true;

  const toggleSite = async () => {
    if (!host) return;
    try {
      // Read afresh: the options page may have changed the lists since the popup opened.
      const current = await getSettings();
      const turnOn = !isSiteEnabled(current.sites, host);
      const { sites, removedWider } = setSiteEnabled(current.sites, host, turnOn);
      await setSettings({ ...current, sites });
      setNotice(
        turnOn
          ? removedWider.length
            ? t('page_siteOnRemoved', [host, removedWider.join(', ')])
            : t('page_siteOn', host)
          : t('page_siteOff', host),
      );
      if (turnOn) setTimeout(onRetry, 600);
    } catch (e) {
      setNotice(t('page_saveFailed', e instanceof Error ? e.message : String(e)));
    }
  };

  const siteSwitch = host && (
    <div class="site-switch">
      <button type="button" role="switch" aria-checked={siteOn} class="switch" onClick={toggleSite} id="site-switch">
        <span class="switch-track" aria-hidden="true">
          <span class="switch-thumb" />
        </span>
        <span class="switch-label">
          {tParts('page_highlightOn', 1).map((p) => (typeof p === 'number' ? <strong key="host">{host}</strong> : p))}
        </span>
      </button>
    </div>
  );

  if (state.kind === 'no-script') {
    return (
      <>
        {siteSwitch}
        <p class="visually-hidden" role="status">
          {notice}
        </p>
        {siteOn ? (
          <Message title={t('page_noScriptTitle')}>
            {t('page_noScriptBody')}{' '}
            <button type="button" class="link-button" onClick={onReload}>
              {t('page_reload')}
            </button>
          </Message>
        ) : (
          <Message title={t('page_offTitle')}>{t('page_offBody')}</Message>
        )}
      </>
    );
  }

  const counts = countMentions(state.mentions);
  const rows = () => mentionRows(state, (id) => entityName(id, false));
  const exportAs = (kind: 'csv' | 'json') => {
    const now = new Date();
    const name = exportFileName(state.url, now, kind);
    if (kind === 'csv') downloadText(toCsv(rows()), name, 'text/csv;charset=utf-8');
    else downloadText(toJson(rows(), state.url, now), name, 'application/json');
    setNotice(t('page_saved', name));
  };
  const site = siteOf(state.url);
  const siteCorrections = corrections.filter((c) => c.site === site);
  /**
   * "Labelled sentences (JSON lines)": every sentence of the page with a mention or one of the
   * site's corrections, the corrections applied (src/export/labelled.ts), read afresh from storage.
   */
  const exportLabelled = async () => {
    try {
      const all = await getCorrections();
      const ofSite = all.items.filter((c) => c.site === site);
      const withSentence = ofSite.filter((c) => c.kind !== 'not-here');
      const read =
        tabId === null
          ? { title: '', onPage: [] }
          : await readForLabels(
              tabId,
              withSentence.map((c) => c.sentence),
            );
      // The mentions the page took away for the corrections go in too: their sentences are labelled, as traps.
      const blocks = pageBlocks(
        [...state.mentions, ...(state.corrected ?? [])],
        withSentence.filter((_, i) => read.onPage[i]),
      );
      const lines = labelledSentences({ url: state.url, title: read.title, context: state.context, blocks }, all);
      const now = new Date();
      const name = labelledFileName(state.url, now);
      downloadText(lines.map((l) => JSON.stringify(l) + '\n').join(''), name, 'application/x-ndjson');
      setNotice(t('page_savedLabelled', [lines.length, name]));
    } catch (e) {
      setNotice(t('page_exportFailed', e instanceof Error ? e.message : String(e)));
    }
  };
  const groups = groupByFrame(state.mentions);
  // The toolbar popup closes first and the page then scrolls, flashes the mention and opens its card
  // (focus in the card), so the reader sees the jump; the popup page in a tab stays and says what it did.
  const jump = (frameId: number, entity: string) => {
    if (tabId === null) return;
    const name = entityName(entity, zh);
    jumpToMention(tabId, frameId, entity, inTab).then(
      (reply) => {
        if (!inTab) return;
        const r = (reply ?? {}) as { found?: unknown; index?: unknown; total?: unknown };
        if (r.found === false) setNotice(t('page_gone', name));
        else if (typeof r.index === 'number' && typeof r.total === 'number')
          setNotice(t('page_showing', [r.index + 1, r.total, name]));
        else setNotice(t('page_scrolled', name));
      },
      () => setNotice(t('page_noAnswer')),
    );
  };

  return (
    <>
      {siteSwitch}
      <p class="visually-hidden" role="status" aria-live="polite">
        {notice}
      </p>
      {!siteOn ? (
        <Message title={t('page_offTitle')}>{t('page_offBody')}</Message>
      ) : counts.length === 0 ? (
        <Message title={t('page_noneTitle')}>{t('page_noneBody')}</Message>
      ) : (
        <>
          <p class="result-count">{t('page_resultCount', [state.mentions.length, counts.length])}</p>
          {groups.length > 1 && <p class="hint frames-note">{t('page_framesNote')}</p>}
          {groups.map((g) => (
            <div key={g.frameId} class="frame-group" data-frame={g.frameId}>
              {groups.length > 1 && (
                <h2 class="frame-heading" title={g.url}>
                  {g.frameId === 0 ? t('page_frameTop') : t('page_frameIn', frameLabel(g.url))}
                </h2>
              )}
              <ul
                class="mention-list"
                aria-label={g.frameId === 0 ? t('page_listLabel') : t('page_listLabelFrame', frameLabel(g.url))}
              >
                {g.counts.map(({ entity, count }) => {
                  const kind = entityInfo(entity)?.kind;
                  return (
                    <li key={entity} class="mention-row" data-entity={entity}>
                      <button type="button" class="mention-go" onClick={() => jump(g.frameId, entity)}>
                        <span class={`dot kind-${kind ?? 'unknown'}`} aria-hidden="true" />
                        <span class="mention-name">{entityName(entity, zh)}</span>
                        {kind && <span class="muted mention-kind">{kindSingular(kind)}</span>}
                        <span class="count">
                          {count}
                          <span class="visually-hidden"> {t(count === 1 ? 'page_rowOne' : 'page_rowMany')}</span>
                        </span>
                      </button>
                      {entityInfo(entity) && (
                        <button
                          type="button"
                          class="icon-button"
                          onClick={() => onShowEvents(entity)}
                          title={t('page_eventsTitle')}
                        >
                          <span class="visually-hidden">{t('page_eventsFor', entityName(entity, zh))}</span>
                          <svg aria-hidden="true" viewBox="0 0 16 16" width="16" height="16">
                            <path
                              d="M3 2v12M3 4h8M3 8h10M3 12h6"
                              stroke="currentColor"
                              stroke-width="1.6"
                              fill="none"
                              stroke-linecap="round"
                            />
                          </svg>
                        </button>
                      )}
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        </>
      )}
      {siteOn && (
        <div class="export">
          <span class="export-label">{t('page_export')}</span>
          <button type="button" onClick={() => exportAs('csv')} disabled={state.mentions.length === 0}>
            CSV
          </button>
          <button type="button" onClick={() => exportAs('json')} disabled={state.mentions.length === 0}>
            JSON
          </button>
          <button
            type="button"
            id="export-labelled"
            onClick={() => void exportLabelled()}
            disabled={state.mentions.length === 0 && siteCorrections.length === 0}
            title={t('page_exportLabelledTitle')}
          >
            {t('page_exportLabelled')}
          </button>
        </div>
      )}
    </>
  );
}

function Message({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <div class="message" role="status">
      <h2>{title}</h2>
      <p>{children}</p>
    </div>
  );
}
