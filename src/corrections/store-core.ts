/**
 * The reader's corrections on this device, independent of the storage
 * library so it can be tested in Node (./store.ts binds it to
 * `storage.local`, key `corrections`). Every change is a read-modify-write of
 * the whole list through the pure model (./model.ts), one after another, and
 * resolves to its undo; what is stored is always valid: damaged items are
 * dropped on reading (the rest kept, the problem reported once), and a list
 * written by a newer version of the extension is never overwritten.
 */
import {
  applyChanges,
  correctionKey,
  readStoredCorrections,
  type Change,
  type ChangeResult,
  type Corrections,
} from './model';

/** The part of a storage item this module uses (a subset of WXT's WxtStorageItem). */
export interface CorrectionsItem {
  getValue(): Promise<unknown>;
  setValue(value: Corrections): Promise<void>;
  watch(cb: (value: unknown) => void): () => void;
}

export interface CorrectionsState {
  corrections: Corrections;
  /** What was wrong with the stored value, when something was (see model.ts readStoredCorrections). */
  storedProblem: string | null;
}

export class CorrectionsStore {
  /** Changes run one after another so that two quick ones cannot lose each other's work. */
  private queue: Promise<unknown> = Promise.resolve();
  private warned = new Set<string>();

  constructor(private readonly item: CorrectionsItem) {}

  async getState(): Promise<CorrectionsState & { newer: boolean }> {
    const { corrections, problem, newer } = readStoredCorrections(await this.item.getValue());
    if (problem && !this.warned.has(problem)) {
      this.warned.add(problem);
      console.warn(`[Partnership Lens] ${problem}`);
    }
    return { corrections, storedProblem: problem, newer };
  }

  async get(): Promise<Corrections> {
    return (await this.getState()).corrections;
  }

  /**
   * Applies the changes (model.ts applyChanges) to what is stored and saves
   * the result; resolves to the result, whose `undo` reverses them, or to the
   * problem that kept them out (a limit), with nothing changed.
   */
  change(changes: readonly Change[]): Promise<ChangeResult> {
    const run = this.queue.then(async (): Promise<ChangeResult> => {
      const state = await this.getState();
      if (state.newer)
        return { ok: false, problem: { code: 'invalid', message: state.storedProblem ?? 'stored by a newer version' } };
      const result = applyChanges(state.corrections, changes);
      // A repaired list is saved too, so the damage is reported once.
      if (result.ok && (result.undo.length || state.storedProblem)) await this.item.setValue(result.corrections);
      return result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Replaces every correction (a settings file's import); resolves to the undo that brings back the old list. */
  replace(next: Corrections): Promise<ChangeResult> {
    const run = this.queue.then(async (): Promise<ChangeResult> => {
      const state = await this.getState();
      if (state.newer)
        return { ok: false, problem: { code: 'invalid', message: state.storedProblem ?? 'stored by a newer version' } };
      const previous = state.corrections;
      await this.item.setValue(next);
      return {
        ok: true,
        corrections: next,
        undo: [
          ...next.items.map((c): Change => ({ op: 'remove', key: correctionKey(c) })),
          ...previous.items.map((c): Change => ({ op: 'add', correction: c })),
        ],
      };
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Calls `cb` with the corrections whenever any context changes them. */
  watch(cb: (corrections: Corrections) => void): () => void {
    return this.item.watch((value) => cb(readStoredCorrections(value).corrections));
  }
}
