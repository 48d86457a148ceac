import { useRef, useState } from 'preact/hooks';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, type Settings } from '../settings/schema';
import { exportFileName, exportSettings, importSettings, MAX_IMPORT_BYTES } from '../settings/transfer';
import { formatBytes } from './logic';
import type { SettingsController } from './useSettings';

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: the download reads the URL asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function BackupSection({ settings, ctl }: { settings: Settings; ctl: SettingsController }) {
  const [importErrors, setImportErrors] = useState<{ file: string; errors: string[] } | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const onExport = () => {
    const text = exportSettings(settings);
    const name = exportFileName();
    download(name, text);
    ctl.announce({ kind: 'saved', text: `Exported your settings as ${name} (${formatBytes(new TextEncoder().encode(text).length)}).` });
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
        result = { ok: false as const, errors: [`the file could not be read (${err instanceof Error ? err.message : String(err)})`] };
      }
    }
    if (!result.ok) {
      setImportErrors({ file: file.name, errors: result.errors });
      ctl.announce({ kind: 'error', text: `${file.name} was not imported; nothing changed.` });
      return;
    }
    setImportErrors(null);
    const migrated = result.fromVersion < SETTINGS_VERSION ? ` (upgraded from settings version ${result.fromVersion})` : '';
    await ctl.replace(result.settings, `Imported ${file.name}${migrated}.`);
  };

  return (
    <section id="backup" aria-labelledby="backup-h">
      <h2 id="backup-h">Export, import and reset</h2>
      <p class="hint">
        A settings file holds every setting on this page, so a configuration can be reproduced on another browser or shared with other
        researchers.
      </p>
      <div class="buttons">
        <button type="button" onClick={onExport}>
          Export settings…
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
            Import settings…
          </label>
        </span>
        <button type="button" class="danger" onClick={() => dialog.current?.showModal()}>
          Reset to defaults…
        </button>
      </div>
      <p id="import-hint" class="hint small">
        Import accepts a file made by Export (JSON, at most {MAX_IMPORT_BYTES / 1024} KB). A file with any problem is refused as a whole.
      </p>
      {importErrors && (
        <div id="import-errors" class="error-box" role="alert">
          <p>
            <strong>{importErrors.file}</strong> was not imported, and nothing changed:
          </p>
          <ul>
            {importErrors.errors.slice(0, 20).map((e) => (
              <li key={e}>
                <code>{e}</code>
              </li>
            ))}
            {importErrors.errors.length > 20 && <li>…and {importErrors.errors.length - 20} more.</li>}
          </ul>
        </div>
      )}
      <dialog ref={dialog} aria-labelledby="reset-h" aria-describedby="reset-desc" class="confirm">
        <form
          method="dialog"
          onSubmit={(e) => {
            const submitter = (e as SubmitEvent).submitter as HTMLButtonElement | null;
            if (submitter?.value === 'reset') void ctl.replace(DEFAULT_SETTINGS, 'Every setting reset to its default.');
          }}
        >
          <h3 id="reset-h">Reset every setting?</h3>
          <p id="reset-desc">
            Entities, sites, style, aliases and card settings all go back to their defaults. This cannot be undone; export first to keep a
            copy.
          </p>
          <div class="buttons end">
            <button type="submit" value="cancel" autofocus>
              Cancel
            </button>
            <button type="submit" value="reset" class="danger">
              Reset to defaults
            </button>
          </div>
        </form>
      </dialog>
    </section>
  );
}
