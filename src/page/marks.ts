/**
 * The texts a reader marked on this frame's site ("mark as mention",
 * src/corrections/), as the first stage looks for them: a block holding one is
 * sent to the background even when the sieve finds no known name in it. Pure.
 */

/** One RegExp of the texts the reader marked (any spacing), or null for none. */
export function marksPattern(marks: readonly unknown[]): RegExp | null {
  const parts = marks
    .filter((m): m is string => typeof m === 'string' && m.trim() !== '' && m.length <= 200)
    .map((m) =>
      m
        .trim()
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace(/\s+/g, '\\s+'),
    );
  return parts.length ? new RegExp(parts.join('|'), 'u') : null;
}

/**
 * Where in a swept text a name may start: the sieve's hits and the places the reader's marks are found
 * (`marks`: marksPattern's source with the `g` flag). What the gate and the first stage sweep with.
 */
export function candidatesIn(
  text: string,
  sieve: { hits(text: string): number[] } | null,
  marks: RegExp | null,
): number[] {
  const out = sieve ? sieve.hits(text) : [];
  if (marks) {
    marks.lastIndex = 0;
    for (let m = marks.exec(text); m; m = marks.exec(text)) {
      out.push(m.index);
      if (m[0].length === 0) marks.lastIndex++;
    }
  }
  return out;
}
