import { SYNC_QUOTA_BYTES_PER_ITEM } from '../settings/store-core';
import { BackupSection } from './BackupSection';
import { CardsSection } from './CardsSection';
import { DetectionSection } from './DetectionSection';
import { EntitiesSection } from './EntitiesSection';
import { formatBytes } from './logic';
import { ShortcutsSection } from './ShortcutsSection';
import { SitesSection } from './SitesSection';
import { StyleSection } from './StyleSection';
import { useSettings, type Status } from './useSettings';

const SECTIONS = [
  ['entities', 'What is highlighted'],
  ['sites', 'Sites'],
  ['style', 'Style'],
  ['detection', 'Detection'],
  ['cards', 'Cards'],
  ['shortcuts', 'Keyboard shortcuts'],
  ['backup', 'Export, import, reset'],
] as const;

function StatusLine({ status }: { status: Status }) {
  // Two live regions: routine confirmations are polite, failures assertive.
  return (
    <div class="status-line">
      <p id="save-status" role="status" aria-live="polite" class={`status ${status.kind === 'saved' ? 'ok' : ''}`}>
        {status.kind === 'saving' ? 'Saving…' : status.kind === 'saved' ? status.text : status.kind === 'idle' ? 'Changes save as you make them.' : ''}
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
            <h1>Partnership Lens settings</h1>
            <p class="subtitle">Highlight rules for the Xiaomi–Microsoft partnership</p>
          </div>
        </div>
        <StatusLine status={ctl.status} />
      </header>
      <div class="layout">
        <nav aria-label="Sections" class="toc">
          <ul>
            {SECTIONS.map(([id, label]) => (
              <li key={id}>
                <a href={`#${id}`}>{label}</a>
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
          {!state && !ctl.loadError && <p class="hint">Loading your settings…</p>}
          {state?.location === 'local' && (
            <div class="notice" role="note">
              <strong>Your settings are too large to sync; they are saved on this device only.</strong> They measure{' '}
              {formatBytes(state.bytes)}, and browser sync takes at most {formatBytes(SYNC_QUOTA_BYTES_PER_ITEM)}. Remove some of your aliases
              to sync them again, or use Export to copy them to another browser.
            </div>
          )}
          {state?.localElsewhere && (
            <div class="notice" role="note">
              <strong>Settings made on another device are too large to sync,</strong> so this device shows the last settings that synced. A
              change made here syncs to your other devices again.
            </div>
          )}
          {state?.storedProblem && (
            <div class="notice" role="note">
              The stored settings were not valid ({state.storedProblem}), so the defaults are in use. Any change you make here replaces them.
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
              <BackupSection settings={state.settings} ctl={ctl} />
            </>
          )}
        </main>
      </div>
    </div>
  );
}
