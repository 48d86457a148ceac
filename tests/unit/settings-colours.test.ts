/**
 * The default kind colours (issue 12: company #d9480f and agreement #d97706
 * were both orange): every pair must stay apart for readers with normal
 * vision and with the common colour-vision deficiencies, and each colour
 * must keep the contrast check on light and dark pages.
 */
import { describe, expect, it } from 'vitest';
import { ENTITY_KINDS } from '../../src/dataset/schema';
import { checkHighlightColour } from '../../src/settings/contrast';
import { DEFAULT_KIND_COLOURS, DEFAULT_SETTINGS } from '../../src/settings/schema';
import { closestPair, deltaE2000, linearToLab, perceivedDistance, simulate, VISIONS } from './support/colour-vision';

/** CIEDE2000 between every pair, under each of normal vision, protanopia, deuteranopia and tritanopia. */
const MIN_DISTANCE_ANY_VISION = 15;
/** …and with normal vision, far enough apart to tell at a glance in a 2-pixel dotted underline. */
const MIN_DISTANCE_NORMAL = 30;

describe('colour science (the test’s own tools)', () => {
  it('computes CIEDE2000 as Sharma, Wu & Dalal (2005) tabulate it', () => {
    // Pairs 1, 7, 17 and 25 of their test data.
    expect(deltaE2000([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 4);
    expect(deltaE2000([50, 0, 0], [50, -1, 2])).toBeCloseTo(2.3669, 4);
    expect(deltaE2000([50, 2.5, 0], [73, 25, -18])).toBeCloseTo(27.1492, 4);
    expect(deltaE2000([60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387])).toBeCloseTo(1.2644, 4);
  });

  it('simulates colour-vision deficiencies with Machado et al.’s matrices: greys stay grey, red and green merge', () => {
    for (const vision of VISIONS) {
      const [r, g, b] = simulate('#808080', vision);
      expect(Math.abs(r - g) + Math.abs(g - b)).toBeLessThan(0.002);
    }
    expect(perceivedDistance('#d62728', '#2ca02c', 'normal')).toBeGreaterThan(60);
    // Pure red and green look far closer to a deuteranope (green) and a protanope (red) than to anyone else.
    expect(perceivedDistance('#ff0000', '#00ff00', 'deuteranopia')).toBeLessThan(
      perceivedDistance('#ff0000', '#00ff00', 'normal') / 2,
    );
    expect(linearToLab([1, 1, 1])[0]).toBeCloseTo(100, 3);
  });
});

describe('default kind colours', () => {
  it('has one colour per kind', () => {
    expect(Object.keys(DEFAULT_KIND_COLOURS).sort()).toEqual([...ENTITY_KINDS].sort());
    expect(DEFAULT_SETTINGS.style.colours).toEqual(DEFAULT_KIND_COLOURS);
  });

  it('keeps ≥3:1 contrast on light and dark pages', () => {
    for (const [kind, colour] of Object.entries(DEFAULT_KIND_COLOURS)) {
      expect(checkHighlightColour(colour).problem, kind).toBeNull();
    }
  });

  it(`keeps every pair ≥ ${MIN_DISTANCE_ANY_VISION} apart (CIEDE2000) with normal vision, protanopia, deuteranopia and tritanopia`, () => {
    const closest = closestPair(DEFAULT_KIND_COLOURS);
    expect(closest.distance, `${closest.a} and ${closest.b} with ${closest.vision}`).toBeGreaterThanOrEqual(
      MIN_DISTANCE_ANY_VISION,
    );
  });

  it(`keeps every pair ≥ ${MIN_DISTANCE_NORMAL} apart with normal vision`, () => {
    const closest = closestPair(DEFAULT_KIND_COLOURS, ['normal']);
    expect(closest.distance, `${closest.a} and ${closest.b}`).toBeGreaterThanOrEqual(MIN_DISTANCE_NORMAL);
  });

  it('the version-1 colours fail the same checks (what the issue reported)', () => {
    const v1 = {
      company: '#d9480f',
      product: '#1c7ed6',
      person: '#9c36b5',
      technology: '#2b8a3e',
      agreement: '#d97706',
    };
    expect(closestPair(v1, ['normal'])).toMatchObject({ a: 'company', b: 'agreement' });
    expect(closestPair(v1, ['normal']).distance).toBeLessThan(MIN_DISTANCE_NORMAL);
    expect(closestPair(v1).distance).toBeLessThan(MIN_DISTANCE_ANY_VISION);
  });
});
