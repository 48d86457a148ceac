/**
 * Error messages about a settings file name where (a path) and what (a short
 * excerpt), never the whole of a value: a refused file whose `format` was
 * 100,000 nested arrays once produced a 200,000-character message.
 */

const MAX_SEGMENT = 32;
const MAX_EXCERPT = 40;

/** `s`, cut to `max` characters with an ellipsis. */
export const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** A dot path with each segment kept short: a 100,000-character key is named by its start. */
export function shortPath(path: string): string {
  return path
    .split('.')
    .map((segment) => cut(segment, MAX_SEGMENT))
    .join('.');
}

/** What a value is, in a few words (never stringifies a list or an object: it may nest without end). */
export function excerpt(value: unknown): string {
  if (value === undefined) return 'missing';
  if (Array.isArray(value)) return `a list of ${value.length.toLocaleString('en')}`;
  if (typeof value === 'object' && value !== null) return 'an object';
  if (typeof value === 'string') {
    const chars = Array.from(value);
    if (chars.length <= MAX_EXCERPT) return JSON.stringify(value);
    return `${JSON.stringify(chars.slice(0, MAX_EXCERPT).join('')).slice(0, -1)}…" (${chars.length.toLocaleString('en')} characters)`;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return cut(String(value), MAX_EXCERPT);
  return typeof value;
}
