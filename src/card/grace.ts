/**
 * The "grace area" that lets the pointer travel from a mention into its card
 * without the card closing: while the pointer moves inside the triangle
 * spanned by the point where it left the mention and the card's near edge,
 * it is taken to be heading for the card. Pure geometry, tested in Node.
 */
export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Is `p` inside or on the triangle a-b-c (either winding)? */
export function inTriangle(p: Point, a: Point, b: Point, c: Point): boolean {
  const cross = (o: Point, u: Point, w: Point) => (u.x - o.x) * (w.y - o.y) - (u.y - o.y) * (w.x - o.x);
  const d1 = cross(p, a, b);
  const d2 = cross(p, b, c);
  const d3 = cross(p, c, a);
  const hasNeg = d1 < 0 || d2 < 0 || d3 < 0;
  const hasPos = d1 > 0 || d2 > 0 || d3 > 0;
  return !(hasNeg && hasPos);
}

export function inRect(p: Point, r: Rect, pad = 0): boolean {
  return p.x >= r.left - pad && p.x <= r.right + pad && p.y >= r.top - pad && p.y <= r.bottom + pad;
}

/**
 * Is the pointer at `p`, having left the mention at `exit`, on its way to the
 * card at `card`? True inside the card itself, and inside the triangle from
 * `exit` to the card's edge facing it (the widest of the two corners pairs
 * visible from `exit`), so a diagonal path toward any part of the card counts.
 */
export function headingToCard(p: Point, exit: Point, card: Rect): boolean {
  if (inRect(p, card)) return true;
  // The card edge that faces the exit point (cards sit above or below a mention, flipped if need be).
  let a: Point;
  let b: Point;
  if (exit.y <= card.top) {
    a = { x: card.left, y: card.top };
    b = { x: card.right, y: card.top };
  } else if (exit.y >= card.bottom) {
    a = { x: card.left, y: card.bottom };
    b = { x: card.right, y: card.bottom };
  } else if (exit.x <= card.left) {
    a = { x: card.left, y: card.top };
    b = { x: card.left, y: card.bottom };
  } else {
    a = { x: card.right, y: card.top };
    b = { x: card.right, y: card.bottom };
  }
  return inTriangle(p, exit, a, b);
}
