/**
 * The kinds' colours on the extension's own pages come from the reader's
 * settings, the colours the page's marks use: one palette, keyed by
 * ENTITY_KINDS. A page sets these custom properties on its root; its
 * stylesheet reads `var(--kind-company)` and never defines a colour of its own
 * for a kind (tests/unit/entity-kinds.test.ts checks the popup's).
 */
import { ENTITY_KINDS, type EntityKind } from '../dataset/schema';
import type { Settings } from './schema';

export type KindColourProperty = `--kind-${EntityKind}`;

export const kindColourProperty = (kind: EntityKind): KindColourProperty => `--kind-${kind}`;

/** `{ '--kind-company': '#b83024', … }` for every kind. */
export function kindColourProperties(colours: Settings['style']['colours']): Record<KindColourProperty, string> {
  return Object.fromEntries(ENTITY_KINDS.map((kind) => [kindColourProperty(kind), colours[kind]])) as Record<
    KindColourProperty,
    string
  >;
}

/** Sets the properties on `root` (a page's <html>). */
export function applyKindColours(root: HTMLElement, colours: Settings['style']['colours']): void {
  for (const [property, colour] of Object.entries(kindColourProperties(colours)))
    root.style.setProperty(property, colour);
}
