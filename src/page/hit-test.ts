/**
 * Which mention is under a point of the viewport: the caret position there
 * (the standard `caretPositionFromPoint`, or WebKit/Blink's older
 * `caretRangeFromPoint`) names a text node and an offset; the mentions over
 * that node are looked up, and the point must lie on one's glyphs (the caret
 * sits between characters, so a point past the end of a line still names the
 * last one). No layout is read but the mention's own boxes.
 */
import type { Found } from './mention-store';

type CaretPositionFromPoint = (
  this: Document,
  x: number,
  y: number,
  opts?: { shadowRoots?: ShadowRoot[] },
) => CaretPosition | null;
type CaretRangeFromPoint = (this: Document, x: number, y: number) => Range | null;

// From the prototype, not the document: a page cannot have put a <form name="caretPositionFromPoint"> there.
const caretPosition = (Document.prototype as { caretPositionFromPoint?: CaretPositionFromPoint })
  .caretPositionFromPoint;
const caretRange = (Document.prototype as { caretRangeFromPoint?: CaretRangeFromPoint }).caretRangeFromPoint;

/** The caret position at a viewport point (inside the given open shadow roots too). */
export function caretAt(
  doc: Document,
  x: number,
  y: number,
  shadowRoots: readonly ShadowRoot[],
): { node: Node; offset: number } | null {
  if (typeof caretPosition === 'function') {
    const pos = shadowRoots.length
      ? caretPosition.call(doc, x, y, { shadowRoots: [...shadowRoots] })
      : caretPosition.call(doc, x, y);
    return pos ? { node: pos.offsetNode, offset: pos.offset } : null;
  }
  if (typeof caretRange === 'function') {
    const r = caretRange.call(doc, x, y);
    return r ? { node: r.startContainer, offset: r.startOffset } : null;
  }
  return null;
}

export interface HitTestDeps {
  doc: Document;
  shadowRoots(): readonly ShadowRoot[];
  /** The mentions over a text node. */
  at(node: Text): readonly Found[];
  /** Is this mention shown (not switched off by the reader)? */
  shown(m: Found): boolean;
}

/** The shown mention under a viewport point, or null. */
export function mentionAt(deps: HitTestDeps, x: number, y: number): Found | null {
  const hit = caretAt(deps.doc, x, y, deps.shadowRoots());
  if (!hit || hit.node.nodeType !== 3) return null;
  for (const m of deps.at(hit.node as Text)) {
    if (!deps.shown(m) || !m.range.isPointInRange(hit.node, hit.offset)) continue;
    for (const r of m.range.getClientRects()) {
      if (x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1) return m;
    }
  }
  return null;
}
