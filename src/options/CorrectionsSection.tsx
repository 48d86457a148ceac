/**
 * The reader's corrections (src/corrections), listed by site and entity with
 * the sentence each was made in, newest first: a researcher sees what they
 * told the extension and takes any of it back (one, or all of a site), with
 * Undo. The list follows storage, so a correction made on a page while this
 * page is open appears at once. Corrections are saved on their own (not with
 * the settings): the status line says what happened.
 */
import { useEffect, useState } from 'preact/hooks';
import {
  correctionKey,
  correctionsBytes,
  groupCorrections,
  MAX_CORRECTIONS,
  MAX_CORRECTIONS_BYTES,
  type Change,
  type Correction,
  type Corrections,
} from '../corrections/model';
import { changeCorrections, getCorrectionsState, watchCorrections } from '../corrections/store';
import { correctionProblemText } from '../corrections/words';
import { t, uiLocale, type MessageKey } from '../i18n';
import { entityLabel, formatBytes } from './logic';
import type { SettingsController } from './useSettings';

const KIND_LABEL: Record<Correction['kind'], MessageKey> = {
  'not-this': 'opt_correctionNotThis',
  'not-here': 'opt_correctionNotHere',
  mark: 'opt_correctionMark',
};

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The sentence with the corrected span marked. */
function Sentence({ c }: { c: Correction }) {
  if (c.kind === 'not-here') return <span class="corr-sentence muted">{t('opt_correctionNotHereBody')}</span>;
  return (
    <q class="corr-sentence">
      {c.sentence.slice(0, c.start)}
      <mark>{c.sentence.slice(c.start, c.end)}</mark>
      {c.sentence.slice(c.end)}
    </q>
  );
}

export function CorrectionsSection({ ctl }: { ctl: SettingsController }) {
  const [corrections, setCorrections] = useState<Corrections | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  /** The last removal, while it can be undone. */
  const [undo, setUndo] = useState<{ changes: Change[]; count: number } | null>(null);

  useEffect(() => {
    let alive = true;
    getCorrectionsState().then(
      (s) => {
        if (!alive) return;
        setCorrections(s.corrections);
        setProblem(s.storedProblem);
      },
      (err) => alive && setReadError(t('opt_correctionsReadFailed', message(err))),
    );
    const stop = watchCorrections((c) => alive && setCorrections(c));
    return () => {
      alive = false;
      stop();
    };
  }, []);

  const remove = async (items: readonly Correction[]) => {
    const r = await changeCorrections(items.map((c) => ({ op: 'remove', key: correctionKey(c) })));
    if (!r.ok) {
      ctl.announce({ kind: 'error', text: t('opt_correctionsFailed', correctionProblemText(r.problem, t)) });
      return;
    }
    setCorrections(r.corrections);
    const count = r.undo.length;
    setUndo(count ? { changes: r.undo, count } : null);
    ctl.announce({
      kind: 'saved',
      text: count === 1 ? t('opt_correctionsRemovedOne') : t('opt_correctionsRemoved', count),
    });
  };

  const onUndo = async (u: { changes: Change[] }) => {
    const r = await changeCorrections(u.changes);
    if (!r.ok) {
      ctl.announce({ kind: 'error', text: t('opt_correctionsFailed', correctionProblemText(r.problem, t)) });
      return;
    }
    setCorrections(r.corrections);
    setUndo(null);
    ctl.announce({ kind: 'saved', text: t('opt_correctionsRestored') });
  };

  const date = new Intl.DateTimeFormat(uiLocale(), { dateStyle: 'medium' });
  const groups = corrections ? groupCorrections(corrections) : [];

  return (
    <section id="corrections" aria-labelledby="corrections-h">
      <h2 id="corrections-h">{t('opt_correctionsHeading')}</h2>
      <p class="hint">{t('opt_correctionsHint')}</p>
      {readError && (
        <p class="error-box" role="alert">
          {readError}
        </p>
      )}
      {problem && (
        <div class="notice" role="note">
          {t('opt_correctionsStoredProblem', problem)}
        </div>
      )}
      {corrections && (
        <p class="hint small" id="corrections-count">
          {t('opt_correctionsCount', [
            corrections.items.length,
            MAX_CORRECTIONS.toLocaleString(uiLocale()),
            formatBytes(correctionsBytes(corrections)),
            formatBytes(MAX_CORRECTIONS_BYTES),
          ])}
        </p>
      )}
      {undo && (
        <div id="corrections-undo" class="notice buttons">
          <span>{undo.count === 1 ? t('opt_correctionsRemovedOne') : t('opt_correctionsRemoved', undo.count)}</span>
          <button type="button" onClick={() => void onUndo(undo)}>
            {t('opt_correctionsUndo')}
          </button>
        </div>
      )}
      {corrections && groups.length === 0 && <p class="empty">{t('opt_correctionsNone')}</p>}
      {groups.map((g) => {
        const all = g.entities.flatMap((e) => e.items);
        return (
          <section key={g.site} class="corr-site" aria-label={t('opt_correctionsSite', g.site)} data-site={g.site}>
            <div class="corr-site-head">
              <h3>
                <code>{g.site}</code> <span class="corr-count muted">({all.length})</span>
              </h3>
              <button type="button" class="danger" onClick={() => void remove(all)}>
                {t('opt_correctionsRemoveSite', g.site)}
              </button>
            </div>
            {g.entities.map((e) => (
              <div key={e.entity} class="corr-entity" data-entity={e.entity}>
                <h4>{entityLabel(e.entity)}</h4>
                <ul class="corr-list">
                  {e.items.map((c) => (
                    <li key={correctionKey(c)} class={`corr corr-${c.kind}`}>
                      <span class="corr-kind">{t(KIND_LABEL[c.kind])}</span>
                      <Sentence c={c} />
                      <span class="muted small">{t('opt_correctionMadeOn', date.format(c.at))}</span>
                      <button
                        type="button"
                        class="corr-remove"
                        aria-label={t('opt_correctionsRemoveLabel', [
                          c.kind === 'not-here' ? t(KIND_LABEL[c.kind]) : c.text,
                          entityLabel(c.entity),
                          c.site,
                        ])}
                        onClick={() => void remove([c])}
                      >
                        {t('opt_correctionsRemove')}
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </section>
        );
      })}
    </section>
  );
}
