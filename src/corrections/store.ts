/**
 * The reader's corrections in `storage.local` (key `corrections`, on this
 * device only: they are tied to the pages this browser read, and sync
 * storage's 100 KB would hold few of them). See ./store-core.ts for what
 * reading and changing them guarantees.
 */
import { storage } from '#imports';
import type { Change, ChangeResult, Corrections } from './model';
import { CorrectionsStore, type CorrectionsState } from './store-core';

export type { CorrectionsState } from './store-core';

/** The storage key (WXT's `local:corrections`, i.e. `corrections` in `browser.storage.local`). */
export const CORRECTIONS_KEY = 'local:corrections';

const item = storage.defineItem<unknown>(CORRECTIONS_KEY);

const store = new CorrectionsStore({
  getValue: () => item.getValue(),
  setValue: (value) => item.setValue(value),
  watch: (cb) => item.watch((value) => cb(value)),
});

export function getCorrections(): Promise<Corrections> {
  return store.get();
}

/** The corrections with what was wrong with the stored value, if anything: for the options page. */
export function getCorrectionsState(): Promise<CorrectionsState> {
  return store.getState();
}

/** Adds or removes corrections; resolves to the undo, or to the problem (a limit) that kept them out. */
export function changeCorrections(changes: readonly Change[]): Promise<ChangeResult> {
  return store.change(changes);
}

/** Replaces them all (a settings file's import); the undo brings the old ones back. */
export function replaceCorrections(next: Corrections): Promise<ChangeResult> {
  return store.replace(next);
}

export function watchCorrections(cb: (corrections: Corrections) => void): () => void {
  return store.watch(cb);
}
