/**
 * Highlight colours must stay visible on light and dark pages alike: WCAG's
 * 3:1 minimum for non-text contrast (underlines, outlines, tinted
 * backgrounds) against a white page and a near-black one.
 */

export const LIGHT_PAGE = '#ffffff';
/** Material's recommended dark surface: typical of dark-mode sites. */
export const DARK_PAGE = '#121212';
export const MIN_CONTRAST = 3;

/** Relative luminance (WCAG 2.x) of a `#rrggbb` colour. */
export function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** Contrast ratio between two `#rrggbb` colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** Ratios are shown rounded down so that "3.0:1" is never shown for 2.996. */
export function formatRatio(ratio: number): string {
  return `${(Math.floor(ratio * 100) / 100).toFixed(2)}:1`;
}

export interface ContrastCheck {
  onLight: number;
  onDark: number;
  ok: boolean;
  /** Why the colour is refused, with the ratios; null when it is fine. */
  problem: string | null;
}

export function checkHighlightColour(hex: string): ContrastCheck {
  const onLight = contrastRatio(hex, LIGHT_PAGE);
  const onDark = contrastRatio(hex, DARK_PAGE);
  const weak: string[] = [];
  if (onLight < MIN_CONTRAST) weak.push(`${formatRatio(onLight)} on light pages (${LIGHT_PAGE})`);
  if (onDark < MIN_CONTRAST) weak.push(`${formatRatio(onDark)} on dark pages (${DARK_PAGE})`);
  return {
    onLight,
    onDark,
    ok: weak.length === 0,
    problem: weak.length
      ? `too little contrast: ${weak.join(' and ')}; needs at least ${MIN_CONTRAST}:1 on both`
      : null,
  };
}
