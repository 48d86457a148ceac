/**
 * Offsets in a segment's joined text ↔ positions in its text nodes. Pure, so
 * the arithmetic is tested in Node; the DOM side only supplies node lengths.
 */

/**
 * Index of the node holding text offset `offset`, given each node's start in
 * the joined text (ascending). A start boundary belongs to the node that
 * begins there; an end boundary (`asEnd`) to the node that ends there, so a
 * mention never ends at offset 0 of the following node.
 */
export function nodeIndexAt(starts: readonly number[], offset: number, asEnd: boolean): number {
  let lo = 0;
  let hi = starts.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = starts[mid]!;
    if (asEnd ? s < offset : s <= offset) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** (node index, offset inside that node) for a joined-text offset; clamped to the node's length. */
export function locate(
  starts: readonly number[],
  lengths: readonly number[],
  offset: number,
  asEnd: boolean,
): { index: number; offset: number } {
  const index = nodeIndexAt(starts, offset, asEnd);
  const inner = Math.max(0, Math.min(offset - starts[index]!, lengths[index]!));
  return { index, offset: inner };
}
