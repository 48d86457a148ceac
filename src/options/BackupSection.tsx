/**
 * Export, import and reset. A settings file is input from a stranger: it is
 * read strictly (importSettingsFile refuses it whole, naming what is wrong,
 * and nothing changes), then the reader sees what it would change before
 * anything does, and keeps the previous settings one click away (Undo) after
 * an import or a reset.
 *
 * The file carries the reader's corrections too (src/corrections): exported
 * with the settings; on import, checked as strictly (a bad one refuses the
 * whole file), then added to this device's (never replacing them, and never
 * past the limits: a file that would cross one is refused, nothing changed);
 * the confirmation says how many, and Undo takes them away again.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { correctionProblemText } from '../corrections/words';
import { changeCorrections, getCorrections } from '../corrections/store';
import type { Change, Corrections } from '../corrections/model';
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
  mergeImportedCorrections,
  type ImportResult,
} from '../settings/transfer';
import { describeChanges, describeCorrectionsMerge } from './import-summary';
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
  /** The file's corrections, to add to this device's (absent: the file has none). */
  corrections?: Corrections;
  /** What will change, worded for the reader. */
  changes: string[];
}

interface Undo {
  what: 'import' | 'reset';
  file: string;
  previous: Settings;
  /** The settings the import or reset saved: Undo is offered while they are still the settings. */
  applied: Settings;
  /** What takes the imported corrections away again (empty: none were added). */
  correctionsUndo: Change[];
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

  const onExport = async () => {
    let corrections: Corrections;
    try {
      corrections = await getCorrections();
    } catch (err) {
      // Never a settings file that silently lacks them.
      ctl.announce({
        kind: 'error',
        text: t('opt_correctionsReadFailed', err instanceof Error ? err.message : String(err)),
      });
      return;
    }
    const text = exportSettings(settings, corrections);
    const name = exportFileName();
    downloadText(text, name, 'application/json');
    const size = formatBytes(new TextEncoder().encode(text).length);
    ctl.announce({
      kind: 'saved',
      text: corrections.items.length
        ? t('opt_exportedWithCorrections', [corrections.items.length, name, size])
        : t('opt_exported', [name, size]),
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
    const changes = describeChanges(settingsChanges(settings, result.settings));
    if (result.corrections) {
      // What the file's corrections would add here: refused whole when they would not fit beside this device's.
      let merged;
      try {
        merged = mergeImportedCorrections(await getCorrections(), result.corrections);
      } catch (err) {
        merged = {
          ok: false as const,
          problem: { code: 'invalid' as const, message: err instanceof Error ? err.message : String(err) },
        };
      }
      if (!merged.ok) {
        const problem = t('opt_importCorrectionsRefused', correctionProblemText(merged.problem, t));
        setImportErrors({ file: file.name, errors: [problem], omitted: 0 });
        ctl.announce({ kind: 'error', text: t('opt_notImported', file.name) });
        return;
      }
      changes.push(...describeCorrectionsMerge(result.corrections.items.length, merged.undo));
    }
    setImportErrors(null);
    if (changes.length === 0) {
      ctl.announce({ kind: 'saved', text: t('opt_importSame', file.name) });
      return;
    }
    setPending({
      file: file.name,
      settings: result.settings,
      fromVersion: result.fromVersion,
      ...(result.corrections ? { corrections: result.corrections } : {}),
      changes,
    });
  };

  const confirmImport = async (p: PendingImport) => {
    const previous = settings;
    const upgraded = p.fromVersion < SETTINGS_VERSION;
    // Corrections first: they can still be refused (a limit reached since the file was read); then nothing changes.
    let correctionsUndo: Change[] = [];
    if (p.corrections?.items.length) {
      const added = await changeCorrections(p.corrections.items.map((correction) => ({ op: 'add', correction })));
      if (!added.ok) {
        const problem = t('opt_importCorrectionsRefused', correctionProblemText(added.problem, t));
        setImportErrors({ file: p.file, errors: [problem], omitted: 0 });
        ctl.announce({ kind: 'error', text: t('opt_notImported', p.file) });
        return;
      }
      correctionsUndo = added.undo;
    }
    const saved = await ctl.replace(
      p.settings,
      upgraded ? t('opt_importedUpgraded', [p.file, p.fromVersion]) : t('opt_imported', p.file),
    );
    // All or nothing: settings that could not be saved take the file's corrections back out.
    if (!saved) {
      if (correctionsUndo.length) await changeCorrections(correctionsUndo);
      return;
    }
    setUndo({ what: 'import', file: p.file, previous, applied: p.settings, correctionsUndo });
  };

  const confirmReset = async () => {
    const previous = settings;
    if (await ctl.replace(DEFAULT_SETTINGS, t('opt_resetDone')))
      setUndo({ what: 'reset', file: '', previous, applied: DEFAULT_SETTINGS, correctionsUndo: [] });
  };

  const onUndo = async (u: Undo) => {
    if (!(await ctl.replace(u.previous, t('opt_undone')))) return;
    if (u.correctionsUndo.length) {
      const r = await changeCorrections(u.correctionsUndo);
      if (!r.ok) ctl.announce({ kind: 'error', text: t('opt_correctionsFailed', correctionProblemText(r.problem, t)) });
    }
    setUndo(null);
  };

  // Offered while the imported (or reset) settings are still the settings: any later change ends the offer.
  const offer = undo && same(settings, undo.applied) ? undo : null;

  return (
    <section id="backup" aria-labelledby="backup-h">
      <h2 id="backup-h">{t('opt_backupHeading')}</h2>
      <p class="hint">
        {t('opt_backupHint')} {t('opt_backupCorrectionsHint')}
      </p>
      <div class="buttons">
        <button type="button" onClick={() => void onExport()}>
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
