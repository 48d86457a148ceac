/**
 * The options page's view of the settings: the current value, where it is
 * stored, and a save status. Every change saves at once; a failed save is
 * reported and the page falls back to what is really stored.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import type { Settings } from '../settings/schema';
import { getSettingsState, setSettings, watchSettingsState, type SettingsState } from '../settings/store';
import { syncItemBytes } from '../settings/store-core';

export type Status =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; text: string } | { kind: 'error'; text: string };

export interface SettingsController {
  state: SettingsState | null;
  loadError: string | null;
  status: Status;
  /** Applies `change` to the latest settings and saves the result. */
  update(change: (s: Settings) => Settings, what?: string): Promise<boolean>;
  /** Replaces every setting (import, reset). */
  replace(next: Settings, what: string): Promise<boolean>;
  announce(status: Status): void;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function useSettings(): SettingsController {
  const [state, setState] = useState<SettingsState | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const latest = useRef<Settings | null>(null);
  const pending = useRef(0);

  useEffect(() => {
    let alive = true;
    getSettingsState().then(
      (s) => {
        if (!alive) return;
        latest.current = s.settings;
        setState(s);
      },
      (err) => alive && setLoadError(t('opt_readFailed', message(err))),
    );
    // Another options tab, the popup or an import elsewhere: show what is stored now.
    const stop = watchSettingsState((s) => {
      if (pending.current > 0) return; // our own save in flight: its result decides
      latest.current = s.settings;
      setState(s);
    });
    return () => {
      alive = false;
      stop();
    };
  }, []);

  const save = useCallback(async (next: Settings, what: string): Promise<boolean> => {
    latest.current = next;
    setState((s) => (s ? { ...s, settings: next } : s));
    setStatus({ kind: 'saving' });
    pending.current++;
    try {
      const where = await setSettings(next);
      pending.current--;
      setState((s) =>
        s ? { ...s, location: where, localElsewhere: false, storedProblem: null, bytes: syncItemBytes(next) } : s,
      );
      setStatus({ kind: 'saved', text: where === 'local' ? t('opt_savedLocal', what) : t('opt_saved', what) });
      return true;
    } catch (err) {
      pending.current--;
      setStatus({ kind: 'error', text: t('opt_notSaved', [what, message(err)]) });
      // Show what is really stored, not the change that failed.
      try {
        const stored = await getSettingsState();
        latest.current = stored.settings;
        setState(stored);
      } catch {
        /* the error above already tells the researcher */
      }
      return false;
    }
  }, []);

  const update = useCallback(
    (change: (s: Settings) => Settings, what = t('opt_changed')) => {
      if (!latest.current) return Promise.resolve(false);
      return save(change(latest.current), what);
    },
    [save],
  );

  const replace = useCallback((next: Settings, what: string) => save(next, what), [save]);

  return { state, loadError, status, update, replace, announce: setStatus };
}
