/** The toolbar popup: two tabs, the partnership's timeline and what this page mentions. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { TimelineEvent } from '../dataset/schema';
import type { TimelineFilters } from '../timeline/filter';
import { focusOn } from '../timeline/filter';
import {
  announcePopup,
  loadFilters,
  openedInTab,
  onMentionCountChange,
  onTabComplete,
  readPage,
  reloadTab,
  saveFilters,
  takeTimelineFocus,
  targetTabId,
  type PageState,
} from './browser-edge';
import { langOf, t as tr } from '../i18n';
import { isKnownEntity } from './entities';
import { ThisPage } from './ThisPage';
import { Timeline } from './Timeline';

type TabName = 'timeline' | 'page';
const TABS: { id: TabName; label: () => string }[] = [
  { id: 'timeline', label: () => tr('popup_tabTimeline') },
  { id: 'page', label: () => tr('popup_tabPage') },
];

interface Props {
  events: readonly TimelineEvent[];
  locale: string;
  search: string;
}

export function App({ events, locale, search }: Props) {
  const zh = langOf(locale) === 'zh';
  const [tab, setTab] = useState<TabName>(new URLSearchParams(search).get('view') === 'page' ? 'page' : 'timeline');
  const [filters, setFilters] = useState<TimelineFilters | null>(null);
  /**
   * Filters set for this opening only (a card's "Open the full timeline", ?entity=, a row's
   * timeline button): never stored, so the next opening shows the reader's own filters again.
   */
  const [temporary, setTemporary] = useState(false);
  const [tabId, setTabId] = useState<number | null>(null);
  const [page, setPage] = useState<PageState>({ kind: 'asking' });
  const tabRefs = useRef<Record<TabName, HTMLButtonElement | null>>({ timeline: null, page: null });

  // Filters: the stored ones, unless a card (or ?entity=) asks to focus on one entity.
  useEffect(() => {
    void (async () => {
      const fromUrl = new URLSearchParams(search).get('entity');
      const fromCard = await takeTimelineFocus();
      const focus = [fromUrl, fromCard].find((id): id is string => !!id && isKnownEntity(id));
      if (focus) {
        setFilters(focusOn(focus));
        setTemporary(true);
        setTab('timeline');
      } else {
        setFilters(await loadFilters());
      }
    })();
  }, [search]);

  const updateFilters = useCallback(
    (f: TimelineFilters) => {
      setFilters(f);
      if (!temporary) saveFilters(f);
    },
    [temporary],
  );

  // The toolbar popup (not the popup page in a tab) keeps a port open so the background knows when it closed.
  useEffect(() => {
    void openedInTab().then((inTab) => {
      if (!inTab) announcePopup();
    });
  }, []);

  // The page: asked at once (not when its tab is chosen) so that switching is instant.
  const refresh = useCallback(async (id: number | null) => {
    if (id === null) return setPage({ kind: 'no-tab' });
    setPage(await readPage(id));
  }, []);

  useEffect(() => {
    let stops: (() => void)[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    targetTabId(search).then(
      (id) => {
        setTabId(id);
        void refresh(id);
        if (id === null) return;
        const later = () => {
          clearTimeout(timer);
          timer = setTimeout(() => void refresh(id), 250);
        };
        stops = [onTabComplete(id, later), onMentionCountChange(id, later)];
      },
      () => setPage({ kind: 'no-tab' }),
    );
    return () => {
      clearTimeout(timer);
      stops.forEach((s) => s());
    };
  }, [search, refresh]);

  const onTabKey = (e: KeyboardEvent) => {
    const i = TABS.findIndex((t) => t.id === tab);
    let next: number | null = null;
    if (e.key === 'ArrowRight') next = (i + 1) % TABS.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + TABS.length) % TABS.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = TABS.length - 1;
    if (next === null) return;
    e.preventDefault();
    const t = TABS[next]!.id;
    setTab(t);
    tabRefs.current[t]?.focus();
  };

  return (
    <div class="popup">
      <header class="top">
        <h1>
          <svg class="logo" aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
            <circle cx="10" cy="10" r="6.5" fill="none" stroke="currentColor" stroke-width="2.2" />
            <path d="M15 15l6 6" stroke="currentColor" stroke-width="2.6" stroke-linecap="round" />
          </svg>
          {tr('extName')}
        </h1>
        {/* The tabs are the focusable elements; the list only routes their arrow keys. */}
        {/* oxlint-disable-next-line jsx-a11y/interactive-supports-focus */}
        <div role="tablist" aria-label={tr('popup_views')} class="tabs" onKeyDown={onTabKey}>
          {TABS.map((t) => (
            <button
              key={t.id}
              ref={(el) => {
                tabRefs.current[t.id] = el;
              }}
              type="button"
              role="tab"
              id={`tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls={`panel-${t.id}`}
              tabIndex={tab === t.id ? 0 : -1}
              onClick={() => setTab(t.id)}
            >
              {t.label()}
              {t.id === 'page' && page.kind === 'ready' && page.mentions.length > 0 && (
                <span class="tab-count">
                  <span class="visually-hidden">, {tr('popup_tabCount')} </span>
                  {page.mentions.length}
                </span>
              )}
            </button>
          ))}
        </div>
      </header>
      <main class="panels">
        <section role="tabpanel" id="panel-timeline" aria-labelledby="tab-timeline" hidden={tab !== 'timeline'}>
          {filters ? (
            <Timeline
              events={events}
              filters={filters}
              onFilters={updateFilters}
              locale={locale}
              zh={zh}
              temporary={temporary}
            />
          ) : null}
        </section>
        <section role="tabpanel" id="panel-page" aria-labelledby="tab-page" hidden={tab !== 'page'}>
          <ThisPage
            tabId={tabId}
            state={page}
            zh={zh}
            onRetry={() => refresh(tabId)}
            onReload={() => {
              if (tabId === null) return;
              setPage({ kind: 'asking' });
              reloadTab(tabId).catch(() => refresh(tabId));
            }}
            onShowEvents={(entity) => {
              // For this opening only, like a card's "Open the full timeline".
              setTemporary(true);
              setFilters(focusOn(entity));
              setTab('timeline');
              tabRefs.current.timeline?.focus();
            }}
          />
        </section>
      </main>
    </div>
  );
}
