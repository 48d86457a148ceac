import { useRef, useState } from 'preact/hooks';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, type Settings } from '../settings/schema';
import { exportFileName, exportSettings, importSettings, MAX_IMPORT_BYTES } from '../settings/transfer';
import { downloadText } from '../export/download';
import { t, tParts } from '../i18n';
import { formatBytes } from './logic';
import type { SettingsController } from './useSettings';

export function BackupSection({ settings, ctl }: { settings: Settings; ctl: SettingsController }) {
  const [importErrors, setImportErrors] = useState<{ file: string; errors: string[] } | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);

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
    let result;
    if (file.size > MAX_IMPORT_BYTES) {
      result = importSettings('', file.size); // refused on size without reading it
    } else {
      try {
        result = importSettings(await file.text(), file.size);
      } catch (err) {
        result = {
          ok: false as const,
          errors: [t('opt_fileUnreadable', err instanceof Error ? err.message : String(err))],
        };
      }
    }
    if (!result.ok) {
      setImportErrors({ file: file.name, errors: result.errors });
      ctl.announce({ kind: 'error', text: t('opt_notImported', file.name) });
      return;
    }
    setImportErrors(null);
    const upgraded = result.fromVersion < SETTINGS_VERSION;
    await ctl.replace(
      result.settings,
      upgraded ? t('opt_importedUpgraded', [file.name, result.fromVersion]) : t('opt_imported', file.name),
    );
  };

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
            ref={fileInput}
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
        <button type="button" class="danger" onClick={() => dialog.current?.showModal()}>
          {t('opt_reset')}
        </button>
      </div>
      <p id="import-hint" class="hint small">
        {t('opt_importHint', MAX_IMPORT_BYTES / 1024)}
      </p>
      {importErrors && (
        <div id="import-errors" class="error-box" role="alert">
          <p>
            {tParts('opt_importFailed', 1).map((p) =>
              typeof p === 'number' ? <strong key="file">{importErrors.file}</strong> : p,
            )}
          </p>
          <ul>
            {importErrors.errors.slice(0, 20).map((e) => (
              <li key={e}>
                <code>{e}</code>
              </li>
            ))}
            {importErrors.errors.length > 20 && <li>{t('opt_andMore', importErrors.errors.length - 20)}</li>}
          </ul>
        </div>
      )}
      <dialog ref={dialog} aria-labelledby="reset-h" aria-describedby="reset-desc" class="confirm">
        <form
          method="dialog"
          onSubmit={(e) => {
            const submitter = (e as SubmitEvent).submitter as HTMLButtonElement | null;
            if (submitter?.value === 'reset') void ctl.replace(DEFAULT_SETTINGS, t('opt_resetDone'));
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
