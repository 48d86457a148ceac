/**
 * "Open the full timeline" from a hover card: the background stores
 * `{ entity, requestedAt }` (src/messages.ts TimelineFocusSchema) in session
 * storage (src/background/open-timeline.ts) and opens the popup; the popup
 * reads it once and removes it, so that a later, ordinary opening starts
 * unfocused. This module defines that storage item, for both sides.
 */
import { storage } from '@wxt-dev/storage';
import * as v from 'valibot';
import { TIMELINE_FOCUS_KEY, TimelineFocusSchema, type TimelineFocus } from '../messages';

/** A request older than this is a leftover (the popup did not open then), not what the reader wants now. */
export const FOCUS_MAX_AGE_MS = 60_000;

let focusItem: ReturnType<typeof defineFocusItem> | undefined;
function defineFocusItem() {
  return storage.defineItem<TimelineFocus | null>(TIMELINE_FOCUS_KEY, { fallback: null });
}

/** The `session:timelineFocus` item (defined on first use: defining it touches extension storage). */
export function timelineFocusItem() {
  return (focusItem ??= defineFocusItem());
}

/**
 * The entity to focus on, or null. Accepts the background's
 * `{ entity, requestedAt }` (ignored when stale or from the future) and a bare
 * id string; anything else is ignored.
 */
export function focusFromStorage(value: unknown, now: number): string | null {
  if (typeof value === 'string') return value || null;
  const focus = v.safeParse(TimelineFocusSchema, value);
  if (!focus.success) return null;
  const age = now - focus.output.requestedAt;
  if (age < -5_000 || age > FOCUS_MAX_AGE_MS) return null;
  return focus.output.entity;
}
