/** What the active tab mentions, a per-site switch, and exports. */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { mentionRows, exportFileName, toCsv, toJson } from '../export/mentions';
import { getSettings, setSettings, watchSettings } from '../settings/store';
import { isSiteEnabled } from '../settings/sites';
import type { Settings } from '../settings/schema';
import { downloadText, sendToTab, type PageState } from './browser-edge';
import { entityInfo, entityName, KIND_SINGULAR } from './entities';
import { countMentions, setSiteEnabled, type RestrictedReason } from './page';

interface Props {
  tabId: number | null;
  state: PageState;
  onRetry: () => void;
  onReload: () => void;
  onShowEvents: (entity: string) => void;
  zh: boolean;
}

const RESTRICTED_TEXT: Record<RestrictedReason, string> = {
  'browser-page': 'This is one of the browser’s own pages. Browsers keep extensions out of them, so there is nothing to show here.',
  'web-store': 'Extension stores are protected: browsers do not let extensions read them, so there is nothing to show here.',
  'local-file': 'This is a file on your computer. To use Partnership Lens on local files, turn on “Allow access to file URLs” for it on the browser’s extensions page.',
  // Without the `tabs` permission a browser page's URL is hidden, so this one message covers them all.
  'not-web':
    'Partnership Lens can’t run on this page. Browsers keep extensions out of their own pages (settings, new tab, extensions) and out of extension stores.',
};

function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.hostname : null;
  } catch {
    return null;
  }
}

export function ThisPage({ tabId, state, onRetry, onReload, onShowEvents, zh }: Props) {
  const [settings, setLocalSettings] = useState<Settings | null>(null);
  const [notice, setNotice] = useState('');

  useEffect(() => {
    getSettings().then(setLocalSettings, () => setLocalSettings(null));
    return watchSettings(setLocalSettings);
  }, []);

  if (state.kind === 'asking') {
    return (
      <p class="status" role="status">
        Reading the page…
      </p>
    );
  }
  if (state.kind === 'no-tab') {
    return <Message title="No page to read">There is no open tab to describe.</Message>;
  }
  if (state.kind === 'restricted') {
    return <Message title="Not available on this page">{RESTRICTED_TEXT[state.reason]}</Message>;
  }
  if (state.kind === 'tab-loading') {
    return (
      <Message title="The page is still loading">
        Its mentions will appear here as soon as it has loaded.{' '}
        <button type="button" class="link-button" onClick={onRetry}>
          Try now
        </button>
      </Message>
    );
  }

  const host = hostOf(state.url);
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
          ? `Highlighting is on for ${host}.` + (removedWider.length ? ` Removed the wider rule ${removedWider.join(', ')}.` : '')
          : `Highlighting is off for ${host}.`,
      );
      if (turnOn) setTimeout(onRetry, 600);
    } catch (e) {
      setNotice(`Could not save the setting: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const siteSwitch = host && (
    <div class="site-switch">
      <button type="button" role="switch" aria-checked={siteOn} class="switch" onClick={toggleSite} id="site-switch">
        <span class="switch-track" aria-hidden="true">
          <span class="switch-thumb" />
        </span>
        <span class="switch-label">
          Highlight on <strong>{host}</strong>
        </span>
      </button>
    </div>
  );

  if (state.kind === 'no-script') {
    return (
      <>
        {siteSwitch}
        <p class="visually-hidden" role="status">{notice}</p>
        {siteOn ? (
          <Message title="Partnership Lens has not reached this page yet">
            The page was opened before the extension was installed or updated.{' '}
            <button type="button" class="link-button" onClick={onReload}>
              Reload the page
            </button>
          </Message>
        ) : (
          <Message title="Highlighting is off on this site">Turn the switch on to see what this page mentions.</Message>
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
    setNotice(`Saved ${name}.`);
  };
  const scrollTo = (entity: string) => {
    if (tabId === null) return;
    const name = entityName(entity, zh);
    sendToTab(tabId, { type: 'scrollToMention', entity }).then(
      (reply) => {
        const r = (reply ?? {}) as { found?: unknown; index?: unknown; total?: unknown };
        if (r.found === false) setNotice(`${name} is no longer mentioned on the page.`);
        else if (typeof r.index === 'number' && typeof r.total === 'number')
          setNotice(`Showing mention ${r.index + 1} of ${r.total} of ${name} on the page.`);
        else setNotice(`Scrolled to the next mention of ${name}.`);
      },
      () => setNotice('The page did not answer. It may have been closed or reloaded.'),
    );
  };

  return (
    <>
      {siteSwitch}
      <p class="visually-hidden" role="status" aria-live="polite">
        {notice}
      </p>
      {!siteOn ? (
        <Message title="Highlighting is off on this site">Turn the switch on to see what this page mentions.</Message>
      ) : counts.length === 0 ? (
        <Message title="No mentions on this page">
          Nothing on this page names a company, product, person or technology of the partnership.
        </Message>
      ) : (
        <>
          <p class="result-count">
            {state.mentions.length} {state.mentions.length === 1 ? 'mention' : 'mentions'} of {counts.length}{' '}
            {counts.length === 1 ? 'entity' : 'entities'}
          </p>
          <ul class="mention-list" aria-label="Mentioned on this page">
            {counts.map(({ entity, count }) => {
              const kind = entityInfo(entity)?.kind;
              return (
                <li key={entity} class="mention-row" data-entity={entity}>
                  <button type="button" class="mention-go" onClick={() => scrollTo(entity)}>
                    <span class={`dot kind-${kind ?? 'unknown'}`} aria-hidden="true" />
                    <span class="mention-name">{entityName(entity, zh)}</span>
                    {kind && <span class="muted mention-kind">{KIND_SINGULAR[kind]}</span>}
                    <span class="count">
                      {count}
                      <span class="visually-hidden"> {count === 1 ? 'mention' : 'mentions'}: show the next on the page</span>
                    </span>
                  </button>
                  {entityInfo(entity) && (
                    <button type="button" class="icon-button" onClick={() => onShowEvents(entity)} title="Its events in the timeline">
                      <span class="visually-hidden">Timeline events for {entityName(entity, zh)}</span>
                      <svg aria-hidden="true" viewBox="0 0 16 16" width="16" height="16">
                        <path d="M3 2v12M3 4h8M3 8h10M3 12h6" stroke="currentColor" stroke-width="1.6" fill="none" stroke-linecap="round" />
                      </svg>
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
      {siteOn && (
        <div class="export">
          <span class="export-label">Export mentions</span>
          <button type="button" onClick={() => exportAs('csv')} disabled={state.mentions.length === 0}>
            CSV
          </button>
          <button type="button" onClick={() => exportAs('json')} disabled={state.mentions.length === 0}>
            JSON
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
