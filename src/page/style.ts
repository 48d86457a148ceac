/**
 * The `::highlight()` rules for the reader's style settings. Pure: tested in
 * Node, injected by paint.ts into the page document and each open shadow root.
 *
 * Highlights never change layout: `::highlight()` only accepts colour,
 * background and text-decoration properties, so no mark can shift the text.
 * That is also why `outline` cannot be an outline: it is drawn as a line
 * above and below the word (overline and underline), a frame open at the
 * sides, with no tint, so it never looks like the tinted background.
 *
 * A mention inside a link also gets its kind's `-link` highlight (paint.ts):
 * a tint, since a dotted underline would sit on the link's own underline.
 */
import { ENTITY_KINDS, type EntityKind } from '../dataset/schema';
import type { Settings } from '../settings/schema';

const PREFIX = 'partnership-lens';

/** The registry name of the highlight for one kind of entity. */
export function highlightName(kind: EntityKind | `${EntityKind}-link` | 'active' | 'flash'): string {
  return `${PREFIX}-${kind}`;
}

export const ACTIVE_HIGHLIGHT = highlightName('active');
export const FLASH_HIGHLIGHT = highlightName('flash');

/** `#rrggbb` plus an alpha byte: a tint that reads on white and near-black pages alike. */
function tint(colour: string, alpha: number): string {
  const byte = Math.round(Math.max(0, Math.min(1, alpha)) * 255)
    .toString(16)
    .padStart(2, '0');
  return `${colour}${byte}`;
}

/**
 * Each rule sets both the decoration and the background: a reader's own style (a <style> in the
 * page) must replace the default rules the manifest injects, not add to them.
 */
function kindRule(mark: Settings['style']['mark'], colour: string): string {
  switch (mark) {
    case 'background':
      return `text-decoration:none;background-color:${tint(colour, 0.22)};`;
    case 'outline':
      // A frame open at the sides (see above): lines above and below, no tint.
      return `text-decoration:underline overline solid ${colour} 1px;background-color:transparent;`;
    case 'underline':
    default:
      // Dotted keeps the mark distinct from a link's own solid underline.
      return `text-decoration:underline dotted ${colour} 2px;background-color:transparent;`;
  }
}

/**
 * A mention inside a link: the link's own underline hides a dotted one, so a tint of the kind's
 * colour shows it (on top of the kind's rule; the background style is a tint already).
 */
function linkRule(mark: Settings['style']['mark'], colour: string): string {
  return mark === 'background' ? kindRule(mark, colour) : `background-color:${tint(colour, 0.18)};`;
}

/** The whole stylesheet for the current settings. */
export function highlightCss(style: Settings['style']): string {
  const rules = ENTITY_KINDS.map(
    (kind) => `::highlight(${highlightName(kind)}){${kindRule(style.mark, style.colours[kind])}}`,
  );
  for (const kind of ENTITY_KINDS)
    rules.push(`::highlight(${highlightName(`${kind}-link`)}){${linkRule(style.mark, style.colours[kind])}}`);
  // The open card's mention and a scrolled-to mention stand out from their neighbours.
  rules.push(
    `::highlight(${ACTIVE_HIGHLIGHT}){background-color:#fab00533;text-decoration:underline solid #fab005 2px;}`,
  );
  rules.push(`::highlight(${FLASH_HIGHLIGHT}){background-color:#ffd43b99;color:#000;}`);
  return rules.join('\n');
}
