/**
 * Settings: one schema for the options page, the popup, the content script
 * and import/export. Types are inferred from it. Bump SETTINGS_VERSION and add
 * a migration in `migrations.ts` whenever the shape changes.
 */
import * as v from 'valibot';
import { ENTITY_KINDS } from '../dataset/schema';

export const SETTINGS_VERSION = 1;

export const HIGHLIGHT_STYLES = ['underline', 'background', 'outline'] as const;
export const DETECTION_MODES = ['context', 'plain'] as const;
export const CARD_TRIGGERS = ['hover', 'click'] as const;

/** `example.com` or `*.example.com` (the apex and every subdomain). */
export const HostPatternSchema = v.pipe(
  v.string(),
  v.trim(),
  v.toLowerCase(),
  v.regex(/^(\*\.)?([a-z0-9-]+\.)*[a-z0-9-]+$/, 'must be a host such as example.com or *.example.com'),
);

const colour = v.pipe(v.string(), v.regex(/^#[0-9a-f]{6}$/i, 'must be a colour like #1a73e8'));

export const SettingsSchema = v.strictObject({
  /** Entity ids switched off. Unknown ids are kept (a newer dataset may know them). */
  disabledEntities: v.array(v.string()),
  /** Kinds switched off as a whole. */
  disabledKinds: v.array(v.picklist(ENTITY_KINDS)),
  sites: v.strictObject({
    /** What happens on a site in neither list. */
    defaultOn: v.boolean(),
    allow: v.array(HostPatternSchema),
    block: v.array(HostPatternSchema),
  }),
  style: v.strictObject({
    mark: v.picklist(HIGHLIGHT_STYLES),
    colours: v.strictObject({
      company: colour,
      product: colour,
      person: colour,
      technology: colour,
      agreement: colour,
    }),
    firstOnly: v.boolean(),
  }),
  detection: v.strictObject({
    mode: v.picklist(DETECTION_MODES),
    /** Researcher's own aliases: entity id → extra names. */
    extraAliases: v.record(
      v.string(),
      v.array(v.pipe(v.string(), v.trim(), v.minLength(2, 'an alias needs at least two characters'))),
    ),
  }),
  cards: v.strictObject({
    trigger: v.picklist(CARD_TRIGGERS),
    hoverDelayMs: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2000)),
  }),
});
export type Settings = v.InferOutput<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  disabledEntities: [],
  disabledKinds: [],
  sites: { defaultOn: true, allow: [], block: [] },
  style: {
    mark: 'underline',
    // Mid-tone colours chosen to keep ≥3:1 contrast against both white and near-black pages.
    colours: {
      company: '#d9480f',
      product: '#1c7ed6',
      person: '#9c36b5',
      technology: '#2b8a3e',
      agreement: '#d97706',
    },
    firstOnly: false,
  },
  detection: { mode: 'context', extraAliases: {} },
  cards: { trigger: 'hover', hoverDelayMs: 300 },
};
