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
  v.strictObject({ title: nonEmpty, url: v.pipe(v.string(), v.url('must be a URL')) }),
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
