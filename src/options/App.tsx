import { SYNC_QUOTA_BYTES_PER_ITEM } from '../settings/store-core';
import { BackupSection } from './BackupSection';
import { CardsSection } from './CardsSection';
import { CorrectionsSection } from './CorrectionsSection';
import { DetectionSection } from './DetectionSection';
import { EntitiesSection } from './EntitiesSection';
import { t, type MessageKey } from '../i18n';
import { formatBytes } from './logic';
import { ShortcutsSection } from './ShortcutsSection';
import { SitesSection } from './SitesSection';
import { StyleSection } from './StyleSection';
import { useSettings, type Status } from './useSettings';

const SECTIONS: readonly (readonly [string, MessageKey])[] = [
  ['entities', 'opt_secEntities'],
  ['sites', 'opt_secSites'],
  ['style', 'opt_secStyle'],
  ['detection', 'opt_secDetection'],
  ['cards', 'opt_secCards'],
  ['shortcuts', 'opt_secShortcuts'],
  ['corrections', 'opt_secCorrections'],
  ['backup', 'opt_secBackup'],
];

function StatusLine({ status }: { status: Status }) {
  // Two live regions: routine confirmations are polite, failures assertive.
  return (
    <div class="status-line">
      <p id="save-status" role="status" aria-live="polite" class={`status ${status.kind === 'saved' ? 'ok' : ''}`}>
        {status.kind === 'saving'
          ? t('opt_saving')
          : status.kind === 'saved'
            ? status.text
            : status.kind === 'idle'
              ? t('opt_idle')
              : ''}
      </p>
      <p id="save-error" role="alert" class="status bad">
        {status.kind === 'error' ? status.text : ''}
      </p>
    </div>
  );
}

export function App() {
  const ctl = useSettings();
  const { state } = ctl;

  return (
    <div class="page">
      <header class="top">
        <div class="brand">
          <span class="logo" aria-hidden="true" />
          <div>
            <h1>{t('opt_title')}</h1>
            <p class="subtitle">{t('opt_subtitle')}</p>
          </div>
        </div>
        <StatusLine status={ctl.status} />
      </header>
      <div class="layout">
        <nav aria-label={t('opt_sections')} class="toc">
          <ul>
            {SECTIONS.map(([id, label]) => (
              <li key={id}>
                <a href={`#${id}`}>{t(label)}</a>
              </li>
            ))}
          </ul>
        </nav>
        <main>
          {ctl.loadError && (
            <p class="error-box" role="alert">
              {ctl.loadError}
            </p>
          )}
          {!state && !ctl.loadError && <p class="hint">{t('opt_loading')}</p>}
          {state?.location === 'local' && (
            <div class="notice" role="note">
              <strong>{t('opt_tooLargeLead')}</strong>{' '}
              {t('opt_tooLargeBody', [formatBytes(state.bytes), formatBytes(SYNC_QUOTA_BYTES_PER_ITEM)])}
            </div>
          )}
          {state?.localElsewhere && (
            <div class="notice" role="note">
              <strong>{t('opt_elsewhereLead')}</strong> {t('opt_elsewhereBody')}
            </div>
          )}
          {state?.storedProblem && (
            <div class="notice" role="note">
              {t('opt_storedProblem', state.storedProblem)}
            </div>
          )}
          {state && (
            <>
              <EntitiesSection settings={state.settings} ctl={ctl} />
              <SitesSection settings={state.settings} ctl={ctl} />
              <StyleSection settings={state.settings} ctl={ctl} />
              <DetectionSection settings={state.settings} ctl={ctl} />
              <CardsSection settings={state.settings} ctl={ctl} />
              <ShortcutsSection />
              <CorrectionsSection ctl={ctl} />
              <BackupSection settings={state.settings} ctl={ctl} />
            </>
          )}
        </main>
      </div>
    </div>
  );
}
