/**
 * Junctions: where two text nodes meet word character to word character
 * ("how" + "Microsoft"). The careful walk may read a line break there (CSS lays
 * the words out apart, or a `<br>` sits between them), so the sweep (sweep.ts)
 * also looks at the text around each with a break put in. Pure: tested in Node.
 */

/** A letter or digit of a script that spaces its words (CJK does not: two ideographs are never glued). */
export function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c < 0x2000);
}

/** `text` (which starts at global offset `base`) with a line break at each junction in (base, base + length). */
export function breakJunctions(text: string, base: number, junctions: readonly number[], from: number): string {
  let out = '';
  let last = 0;
  for (let i = from; i < junctions.length; i++) {
    const at = junctions[i]! - base;
    if (at >= text.length) break;
    if (at <= 0) continue;
    out += text.slice(last, at) + '\n';
    last = at;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** Position in the text with breaks → position in the text without (`count` breaks inserted before it at most). */
export function withoutBreaks(pos: number, base: number, junctions: readonly number[], from: number): number {
  let p = pos;
  for (let i = from; i < junctions.length; i++) {
    const at = junctions[i]! - base;
    if (at <= 0) continue;
    // The break inserted for this junction sits at `at` plus the breaks before it.
    if (at + (i - from) > p) break;
    p--;
  }
  return p;
}
