/**
 * Characters a reader never sees inside a word: the soft hyphen (U+00AD), the
 * zero-width space, non-joiner and joiner (U+200B–U+200D), the word joiner
 * (U+2060) and the zero-width no-break space (U+FEFF). Pages put them inside
 * names for hyphenation, line-break hints or to defeat copying
 * ("Micro\u00ADsoft"). Detection reads the text without them and maps what it
 * finds back to the text as written. Pure.
 */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/;
const INVISIBLE_ALL = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

export interface Visible {
  /** The text without its invisible characters. */
  text: string;
  /** Indices (in the original) of the characters taken out, ascending; null when there were none. */
  removed: number[] | null;
}

export function withoutInvisible(text: string): Visible {
  if (!INVISIBLE.test(text)) return { text, removed: null };
  const removed: number[] = [];
  for (let m = INVISIBLE_ALL.exec(text); m; m = INVISIBLE_ALL.exec(text)) removed.push(m.index);
  INVISIBLE_ALL.lastIndex = 0;
  return { text: text.replace(INVISIBLE_ALL, ''), removed };
}

/**
 * The original index of position `offset` of the visible text. A start maps to
 * its character's place; an end (`asEnd`, exclusive) to just after the
 * character before it, so a mention never takes in an invisible character that
 * follows it (nor one that precedes it).
 */
export function toOriginal(offset: number, removed: readonly number[] | null, asEnd = false): number {
  if (!removed || removed.length === 0) return offset;
  if (asEnd) return offset === 0 ? 0 : toOriginal(offset - 1, removed) + 1;
  let o = offset;
  for (const r of removed) {
    if (r <= o) o++;
    else break;
  }
  return o;
}
