/**
 * Export, import and reset. A settings file is input from a stranger: it is
 * read strictly (importSettingsFile refuses it whole, naming what is wrong,
 * and nothing changes), then the reader sees what it would change before
 * anything does, and keeps the previous settings one click away (Undo) after
 * an import or a reset.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { downloadText } from '../export/download';
import { t, tParts } from '../i18n';
import { settingsChanges } from '../settings/diff';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, type Settings } from '../settings/schema';
import {
  exportFileName,
  exportSettings,
  importSettings,
  importSettingsFile,
  MAX_IMPORT_BYTES,
  type ImportResult,
} from '../settings/transfer';
import { describeChanges } from './import-summary';
import { formatBytes } from './logic';
import type { SettingsController } from './useSettings';

async function readSettingsFile(file: File): Promise<ImportResult> {
  // Refused on its size without reading it.
  if (file.size > MAX_IMPORT_BYTES) return importSettings('', file.size);
  try {
    return importSettingsFile(new Uint8Array(await file.arrayBuffer()));
  } catch (err) {
    return {
      ok: false,
      errors: [t('opt_fileUnreadable', err instanceof Error ? err.message : String(err))],
      omitted: 0,
    };
  }
}

interface PendingImport {
  file: string;
  settings: Settings;
  fromVersion: number;
  /** What will change, worded for the reader. */
  changes: string[];
}

interface Undo {
  what: 'import' | 'reset';
  file: string;
  previous: Settings;
  /** The settings the import or reset saved: Undo is offered while they are still the settings. */
  applied: Settings;
}

const same = (a: Settings, b: Settings) => JSON.stringify(a) === JSON.stringify(b);

export function BackupSection({ settings, ctl }: { settings: Settings; ctl: SettingsController }) {
  const [importErrors, setImportErrors] = useState<{ file: string; errors: string[]; omitted: number } | null>(null);
  const [pending, setPending] = useState<PendingImport | null>(null);
  const [undo, setUndo] = useState<Undo | null>(null);
  const resetDialog = useRef<HTMLDialogElement>(null);
  const importDialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    if (pending && !importDialog.current?.open) importDialog.current?.showModal();
  }, [pending]);

  const onExport = () => {
    const text = exportSettings(settings);
    const name = exportFileName();
    downloadText(text, name, 'application/json');
    ctl.announce({
      kind: 'saved',
      text: t('opt_exported', [name, formatBytes(new TextEncoder().encode(text).length)]),
    });
  };

  const onImport = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = ''; // choosing the same file again must fire again
    if (!file) return;
    const result = await readSettingsFile(file);
    if (!result.ok) {
      setImportErrors({ file: file.name, errors: result.errors, omitted: result.omitted });
      ctl.announce({ kind: 'error', text: t('opt_notImported', file.name) });
      return;
    }
    setImportErrors(null);
    const changes = describeChanges(settingsChanges(settings, result.settings));
    if (changes.length === 0) {
      ctl.announce({ kind: 'saved', text: t('opt_importSame', file.name) });
      return;
    }
    setPending({ file: file.name, settings: result.settings, fromVersion: result.fromVersion, changes });
  };

  const confirmImport = async (p: PendingImport) => {
    const previous = settings;
    const upgraded = p.fromVersion < SETTINGS_VERSION;
    const saved = await ctl.replace(
      p.settings,
      upgraded ? t('opt_importedUpgraded', [p.file, p.fromVersion]) : t('opt_imported', p.file),
    );
    if (saved) setUndo({ what: 'import', file: p.file, previous, applied: p.settings });
  };

  const confirmReset = async () => {
    const previous = settings;
    if (await ctl.replace(DEFAULT_SETTINGS, t('opt_resetDone')))
      setUndo({ what: 'reset', file: '', previous, applied: DEFAULT_SETTINGS });
  };

  const onUndo = async (u: Undo) => {
    if (await ctl.replace(u.previous, t('opt_undone'))) setUndo(null);
  };

  // Offered while the imported (or reset) settings are still the settings: any later change ends the offer.
  const offer = undo && same(settings, undo.applied) ? undo : null;

  return (
    <section id="backup" aria-labelledby="backup-h">
      <h2 id="backup-h">{t('opt_backupHeading')}</h2>
      <p class="hint">{t('opt_backupHint')}</p>
      <div class="buttons">
        <button type="button" onClick={onExport}>
          {t('opt_export')}
        </button>
        <span class="file-button">
          <input
            id="import-file"
            type="file"
            accept=".json,application/json"
            aria-describedby={importErrors ? 'import-errors' : 'import-hint'}
            onChange={(e) => void onImport(e.currentTarget)}
          />
          <label for="import-file" class="button">
            {t('opt_import')}
          </label>
        </span>
        <button type="button" class="danger" onClick={() => resetDialog.current?.showModal()}>
          {t('opt_reset')}
        </button>
      </div>
      <p id="import-hint" class="hint small">
        {t('opt_importHint', MAX_IMPORT_BYTES / 1024)}
      </p>
      {offer && (
        <div id="undo-bar" class="notice buttons">
          <span>{offer.what === 'import' ? t('opt_importedUndoable', offer.file) : t('opt_resetUndoable')}</span>
          <button type="button" onClick={() => void onUndo(offer)}>
            {offer.what === 'import' ? t('opt_undoImport') : t('opt_undoReset')}
          </button>
        </div>
      )}
      {importErrors && (
        <div id="import-errors" class="error-box" role="alert">
          <p>
            {tParts('opt_importFailed', 1).map((p) =>
              typeof p === 'number' ? <strong key="file">{importErrors.file}</strong> : p,
            )}
          </p>
          <ul>
            {importErrors.errors.map((e, i) => (
              <li key={i}>
                <code>{e}</code>
              </li>
            ))}
            {importErrors.omitted > 0 && <li>{t('opt_andMore', importErrors.omitted)}</li>}
          </ul>
        </div>
      )}
      <dialog
        ref={importDialog}
        aria-labelledby="import-h"
        aria-describedby="import-desc"
        class="confirm"
        onClose={() => setPending(null)}
      >
        {pending && (
          <form
            method="dialog"
            onSubmit={(e) => {
              const submitter = (e as SubmitEvent).submitter as HTMLButtonElement | null;
              if (submitter?.value === 'import') void confirmImport(pending);
            }}
          >
            <h3 id="import-h">{t('opt_importConfirmTitle', pending.file)}</h3>
            <p id="import-desc">{t('opt_importConfirmBody')}</p>
            <ul id="import-changes">
              {pending.changes.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
            <div class="buttons end">
              <button type="submit" value="cancel" autofocus>
                {t('opt_cancel')}
              </button>
              <button type="submit" value="import">
                {t('opt_importConfirm')}
              </button>
            </div>
          </form>
        )}
      </dialog>
      <dialog ref={resetDialog} aria-labelledby="reset-h" aria-describedby="reset-desc" class="confirm">
        <form
          method="dialog"
          onSubmit={(e) => {
            const submitter = (e as SubmitEvent).submitter as HTMLButtonElement | null;
            if (submitter?.value === 'reset') void confirmReset();
          }}
        >
          <h3 id="reset-h">{t('opt_resetTitle')}</h3>
          <p id="reset-desc">{t('opt_resetBody')}</p>
          <div class="buttons end">
            <button type="submit" value="cancel" autofocus>
              {t('opt_cancel')}
            </button>
            <button type="submit" value="reset" class="danger">
              {t('opt_resetConfirm')}
            </button>
          </div>
        </form>
      </dialog>
    </section>
  );
}
