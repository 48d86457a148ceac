/**
 * The one source of truth for the dataset's shape. Types are inferred from
 * the schemas, so what the build validates is exactly what the code reads.
 */
import * as v from 'valibot';

export const ENTITY_KINDS = ['company', 'product', 'person', 'technology', 'agreement'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

const nonEmpty = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'));
const id = v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lower-case kebab-case id'));

/** Where a fact comes from: a quote from the seed article, or a public reference. */
export const SourceSchema = v.union([
  v.strictObject({ quote: nonEmpty }),
  v.strictObject({
    title: nonEmpty,
    /** The title in Simplified Chinese (a translation of what the English says). */
    titleZh: v.optional(nonEmpty),
    url: v.pipe(v.string(), v.url('must be a URL')),
  }),
]);
export type Source = v.InferOutput<typeof SourceSchema>;

/** What detection needs of an entity: small, and the only part the content script bundles. */
export const EntityNameSchema = v.strictObject({
  id,
  name: nonEmpty,
  /** Simplified Chinese display name, where one is in common use. */
  nameZh: v.optional(nonEmpty),
  kind: v.picklist(ENTITY_KINDS),
  /** Every spelling that names the entity, English and Chinese; `name` is implied. */
  aliases: v.array(nonEmpty),
});
export type EntityName = v.InferOutput<typeof EntityNameSchema>;

/** A fact shown on a card: one sentence, with where it comes from. */
export const FactSchema = v.strictObject({
  text: nonEmpty,
  textZh: v.optional(nonEmpty),
  sources: v.pipe(v.array(SourceSchema), v.minLength(1, 'needs at least one source')),
});
export type Fact = v.InferOutput<typeof FactSchema>;

/** Card content for one entity, keyed by the entity's id in `content.ts`. */
export const EntityContentSchema = v.strictObject({
  summary: nonEmpty,
  summaryZh: v.optional(nonEmpty),
  /** Its part in the partnership, one or two sentences. */
  role: nonEmpty,
  roleZh: v.optional(nonEmpty),
  facts: v.pipe(v.array(FactSchema), v.minLength(1, 'needs at least one fact')),
  related: v.array(id),
});
export type EntityContent = v.InferOutput<typeof EntityContentSchema>;

export const DATE_PRECISIONS = ['day', 'month', 'year'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

/** A dated event: `date` is ISO (`2016`, `2016-06`, `2016-06-01`) and its form matches `precision`. */
export const TimelineEventSchema = v.pipe(
  v.strictObject({
    id,
    date: v.pipe(v.string(), v.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD')),
    precision: v.picklist(DATE_PRECISIONS),
    title: nonEmpty,
    titleZh: v.optional(nonEmpty),
    description: nonEmpty,
    descriptionZh: v.optional(nonEmpty),
    /** `partnership` for the deal itself, `context` for events it refers to (rival launches…). */
    category: v.picklist(['partnership', 'context']),
    entities: v.pipe(v.array(id), v.minLength(1, 'names at least one entity')),
    sources: v.pipe(v.array(SourceSchema), v.minLength(1, 'needs at least one source')),
  }),
  // Forwarded to `date` so a validation error names the field, not just the event.
  v.forward(
    v.partialCheck(
      [['date'], ['precision']],
      (e) => e.date.split('-').length === { year: 1, month: 2, day: 3 }[e.precision],
      'date must be written at its precision (YYYY for year, YYYY-MM for month, YYYY-MM-DD for day)',
    ),
    ['date'],
  ),
);
export type TimelineEvent = v.InferOutput<typeof TimelineEventSchema>;
