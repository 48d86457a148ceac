/**
 * "Entity kind" has one home, ENTITY_KINDS (issue 14): the settings' colour
 * schema and defaults, the popup's palette (which was a second palette in
 * popup.css, different from the settings) and the interface's words for each
 * kind all follow it, so a new kind cannot be half added.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENTITY_KINDS } from '../../src/dataset/schema';
import { kindColourProperties } from '../../src/settings/kind-colours';
import { DEFAULT_KIND_COLOURS, DEFAULT_SETTINGS, KindColoursSchema } from '../../src/settings/schema';

const ROOT = join(import.meta.dirname, '../..');
const kinds = [...ENTITY_KINDS].sort();

describe('entity kinds have one home', () => {
  it('the settings schema has a colour for each kind, and the defaults fill it', () => {
    expect(Object.keys(KindColoursSchema.entries).sort()).toEqual(kinds);
    expect(Object.keys(DEFAULT_KIND_COLOURS).sort()).toEqual(kinds);
    expect(kindColourProperties(DEFAULT_SETTINGS.style.colours)).toEqual(
      Object.fromEntries(ENTITY_KINDS.map((k) => [`--kind-${k}`, DEFAULT_KIND_COLOURS[k]])),
    );
  });

  it('the popup takes each kind’s colour from the settings and has no palette of its own', () => {
    const css = readFileSync(join(ROOT, 'src/popup/popup.css'), 'utf8');
    const rules = [...css.matchAll(/\.kind-([a-z-]+)\s*\{\s*--kind:\s*var\(--kind-([a-z-]+)\);\s*\}/g)];
    expect(rules.map((m) => m[1] ?? '').sort((a, b) => a.localeCompare(b))).toEqual(kinds);
    for (const m of rules) expect(m[2]).toBe(m[1]);
    // No custom property of a kind's name is given a value in the stylesheet.
    const names = ENTITY_KINDS.flatMap((k) => [k, `kind-${k}`]).join('|');
    expect(css).not.toMatch(new RegExp(`--(?:${names})\\s*:`));
    const main = readFileSync(join(ROOT, 'entrypoints/popup/main.tsx'), 'utf8');
    expect(main).toMatch(/applyKindColours\(document\.documentElement, s\.style\.colours\)/);
  });

  it('the interface names each kind, and only the kinds, in every language', () => {
    for (const locale of ['en', 'zh_CN']) {
      const catalogue = JSON.parse(
        readFileSync(join(ROOT, `public/_locales/${locale}/messages.json`), 'utf8'),
      ) as Record<string, unknown>;
      for (const prefix of ['kind_', 'kinds_']) {
        const named = Object.keys(catalogue)
          .filter((k) => k.startsWith(prefix))
          .map((k) => k.slice(prefix.length))
          .sort();
        expect(named, `${locale} ${prefix}*`).toEqual(kinds);
      }
    }
  });
});
