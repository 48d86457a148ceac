/**
 * How a mention looks: the `::highlight()` rules for the reader's style
 * settings. Pure: tested in Node. The background builds them and inserts them
 * into a frame with `scripting.insertCSS` (src/background/page-layer.ts), so no
 * stylesheet or reader setting is ever in the page's DOM; the page layer builds
 * the same rules for the open shadow roots it paints in (src/page/paint.ts),
 * where an adopted sheet is the only way in.
 *
 * Highlights never change layout: `::highlight()` accepts only colour,
 * background and text-decoration properties, so no mark can shift the text.
 * That is also why `outline` cannot be an outline: it is drawn as a line
 * above and below the word (overline and underline), a frame open at the
 * sides, with no tint, so it never looks like the tinted background.
 *
 * A mention inside a link also gets its kind's `-link` highlight (paint.ts):
 * a tint, since a dotted underline would sit on the link's own underline.
 *
 * The rules name the highlights by opaque names a frame makes up for itself
 * (`HighlightNames`): the page can read the highlight registry, and names such
 * as "partnership-lens-person" would tell it which kind each range is and that
 * the extension is installed, for every page to read alike.
 */
import { ENTITY_KINDS, type EntityKind } from '../dataset/schema';
import type { Settings } from '../settings/schema';

/** A highlight of a frame: each kind's, each kind's for mentions inside a link, the open card's, the flash. */
export type HighlightSlot = EntityKind | `${EntityKind}-link` | 'active' | 'flash';
export const HIGHLIGHT_SLOTS: readonly HighlightSlot[] = [
  ...ENTITY_KINDS,
  ...ENTITY_KINDS.map((k) => `${k}-link` as const),
  'active',
  'flash',
];

/**
 * The registry name of each highlight, one per kind plus the open card's mention and the flash; and
 * `scope`, the attribute (no value) the page layer puts on the elements whose text holds a painted
 * mention, so that the rules apply to those elements only.
 */
export type HighlightNames = Record<HighlightSlot, string> & { scope: string };

/** A name the page layer may have made: letters and digits, a letter first (a CSS identifier, nothing else). */
const NAME = /^[a-z][a-z0-9]{7,31}$/;

/** Fresh random names, different in every frame and every page load. */
export function makeHighlightNames(random: () => number = Math.random): HighlightNames {
  const names = {} as HighlightNames;
  const used = new Set<string>();
  for (const slot of HIGHLIGHT_SLOTS) {
    let name = '';
    while (!name || used.has(name)) {
      name = 'h';
      while (name.length < 12) name += Math.floor(random() * 36).toString(36);
    }
    used.add(name);
    names[slot] = name;
  }
  let scope = '';
  while (!scope || used.has(scope)) {
    scope = 'h';
    while (scope.length < 12) scope += Math.floor(random() * 36).toString(36);
  }
  names.scope = scope;
  return names;
}

/** Are these names the page layer's kind (a message is data: the background checks before building CSS)? */
export function isHighlightNames(v: unknown): v is HighlightNames {
  if (typeof v !== 'object' || v === null) return false;
  const seen = new Set<string>();
  for (const slot of [...HIGHLIGHT_SLOTS, 'scope']) {
    const n = (v as Record<string, unknown>)[slot];
    if (typeof n !== 'string' || !NAME.test(n) || seen.has(n)) return false;
    seen.add(n);
  }
  return Object.keys(v).length === HIGHLIGHT_SLOTS.length + 1;
}

const COLOUR = /^#[0-9a-f]{6}$/i;
/** The marks of settings/schema.ts's HIGHLIGHT_STYLES (not imported: that module carries valibot, which pages do not need). */
const MARKS: readonly Settings['style']['mark'][] = ['underline', 'background', 'outline'];

/** Is this a style the rules can be built from (a mark we know, every colour `#rrggbb`)? Nothing else reaches CSS. */
export function isHighlightStyle(v: unknown): v is Settings['style'] {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Partial<Settings['style']>;
  if (!MARKS.includes(s.mark as Settings['style']['mark'])) return false;
  const colours = s.colours as Record<string, unknown> | undefined;
  return typeof colours === 'object' && colours !== null && ENTITY_KINDS.every((k) => COLOUR.test(String(colours[k])));
}

/** `#rrggbb` plus an alpha byte: a tint that reads on white and near-black pages alike. */
function tint(colour: string, alpha: number): string {
  const byte = Math.round(Math.max(0, Math.min(1, alpha)) * 255)
    .toString(16)
    .padStart(2, '0');
  return `${colour}${byte}`;
}

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

/**
 * The whole stylesheet for a style and a frame's highlight names. Each rule applies only to elements
 * that carry the frame's `scope` attribute: a `::highlight()` rule for every element makes the browser
 * recompute the style of the whole page when the sheet goes in (15–40 ms on the corpus pages, measured
 * with CDP RecalcStyleDuration), one scoped to an attribute only that of the elements that carry it.
 */
export function highlightCss(style: Settings['style'], names: HighlightNames): string {
  const on = `[${names.scope}]::highlight`;
  const rules = ENTITY_KINDS.map((kind) => `${on}(${names[kind]}){${kindRule(style.mark, style.colours[kind])}}`);
  for (const kind of ENTITY_KINDS)
    rules.push(`${on}(${names[`${kind}-link`]}){${linkRule(style.mark, style.colours[kind])}}`);
  // The open card's mention and a scrolled-to mention stand out from their neighbours.
  rules.push(`${on}(${names.active}){background-color:#fab00533;text-decoration:underline solid #fab005 2px;}`);
  rules.push(`${on}(${names.flash}){background-color:#ffd43b99;color:#000;}`);
  return rules.join('\n');
}
