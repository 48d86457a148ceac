/**
 * Settings: one schema for the options page, the popup, the content script
 * and import/export. Types are inferred from it. Bump SETTINGS_VERSION and add
 * a migration in `migrations.ts` whenever the shape changes.
 */
import * as v from 'valibot';
import { ENTITY_KINDS, type EntityKind } from '../dataset/schema';
import { MAX_ALIAS_LENGTH, MAX_EXTRA_ALIASES } from '../detect/scan';

export const SETTINGS_VERSION = 2;

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

export const ColourSchema = v.pipe(v.string(), v.regex(/^#[0-9a-f]{6}$/i, 'must be a colour like #1a73e8'));

/**
 * One colour per kind of entity, keyed by ENTITY_KINDS: `satisfies` makes a kind without its colour (or a
 * colour of no kind) a type error, so a new kind needs its colour (and a migration). Written out rather than
 * built from the array so that the content script, which imports this module for DEFAULT_SETTINGS, can
 * leave every schema (and valibot) out of its bundle.
 */
export const KindColoursSchema = v.strictObject({
  company: ColourSchema,
  product: ColourSchema,
  person: ColourSchema,
  technology: ColourSchema,
  agreement: ColourSchema,
} satisfies Record<EntityKind, typeof ColourSchema>);

/** Code points, as a reader counts characters (an emoji is one, not two). */
const characters = (s: string) => Array.from(s).length;

export const AliasSchema = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(2, 'an alias needs at least two characters'),
  v.check(
    (s) => characters(s) <= MAX_ALIAS_LENGTH,
    (issue) =>
      `an alias is at most ${MAX_ALIAS_LENGTH} characters; this one has ${characters(issue.input).toLocaleString('en')}`,
  ),
);

/** An entity id as the dataset writes them (a newer dataset's ids are kept too). */
export const EntityIdSchema = v.pipe(
  v.string(),
  v.maxLength(64, 'must be an entity id such as xiaomi'),
  v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be an entity id such as xiaomi'),
);

export const ExtraAliasesSchema = v.pipe(
  v.record(EntityIdSchema, v.array(AliasSchema)),
  v.check(
    (aliases) => countAliases(aliases) <= MAX_EXTRA_ALIASES,
    (issue) =>
      `at most ${MAX_EXTRA_ALIASES} aliases in all; these settings have ${countAliases(issue.input as Record<string, unknown[]>).toLocaleString('en')}`,
  ),
);

export function countAliases(aliases: Readonly<Record<string, readonly unknown[]>>): number {
  let n = 0;
  for (const list of Object.values(aliases)) n += list.length;
  return n;
}

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
    colours: KindColoursSchema,
    firstOnly: v.boolean(),
  }),
  detection: v.strictObject({
    mode: v.picklist(DETECTION_MODES),
    /** Researcher's own aliases: entity id → extra names. */
    extraAliases: ExtraAliasesSchema,
  }),
  cards: v.strictObject({
    trigger: v.picklist(CARD_TRIGGERS),
    hoverDelayMs: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2000)),
  }),
});
export type Settings = v.InferOutput<typeof SettingsSchema>;

/**
 * The default colour of each kind. Each keeps ≥3:1 contrast on white and on
 * near-black pages (contrast.ts), and every pair stays apart, CIEDE2000 ≥ 15,
 * with normal vision and as simulated for protanopia, deuteranopia and
 * tritanopia (Machado et al. 2009), and ≥ 30 with normal vision:
 * tests/unit/settings-colours.test.ts. Version 1's defaults, in which company
 * (#d9480f) and agreement (#d97706) were both orange, are in migrations.ts.
 */
export const DEFAULT_KIND_COLOURS: Readonly<Record<EntityKind, string>> = {
  company: '#b83024',
  product: '#1494fc',
  person: '#9c4098',
  technology: '#008460',
  agreement: '#c48404',
};

export const DEFAULT_SETTINGS: Settings = {
  disabledEntities: [],
  disabledKinds: [],
  sites: { defaultOn: true, allow: [], block: [] },
  style: {
    mark: 'underline',
    colours: { ...DEFAULT_KIND_COLOURS },
    firstOnly: false,
  },
  detection: { mode: 'context', extraAliases: {} },
  cards: { trigger: 'hover', hoverDelayMs: 300 },
};
