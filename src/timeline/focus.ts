/**
 * "Open the full timeline" from a hover card: the background stores
 * `{ entity, requestedAt }` in session storage (src/background/open-timeline.ts)
 * and opens the popup; the popup reads it once.
 */

/** A request older than this is a leftover (the popup did not open then), not what the reader wants now. */
export const FOCUS_MAX_AGE_MS = 60_000;

/**
 * The entity to focus on, or null. Accepts the background's
 * `{ entity, requestedAt }` (ignored when stale or from the future) and a bare
 * id string; anything else is ignored.
 */
export function focusFromStorage(value: unknown, now: number): string | null {
  if (typeof value === 'string') return value || null;
  if (!value || typeof value !== 'object') return null;
  const { entity, requestedAt } = value as { entity?: unknown; requestedAt?: unknown };
  if (typeof entity !== 'string' || !entity) return null;
  if (typeof requestedAt === 'number') {
    const age = now - requestedAt;
    if (age < -5_000 || age > FOCUS_MAX_AGE_MS) return null;
  }
  return entity;
}
