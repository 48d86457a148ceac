/**
 * Validates the bundled dataset: shapes (valibot schemas from schema.ts) and
 * the cross-references no single schema can see (ids known, unique, aliases
 * not shared). Every error names the entry and the field path, e.g.
 * `content.azure.facts[1].sources: needs at least one source`, so a broken
 * build says exactly what to fix.
 *
 * Runs in the build (wxt.config.ts) and in the unit tests. The check that
 * quotes come from the seed article lives in `findUnquotedSources`, called by
 * the test only: the article is not bundled.
 */
import * as v from 'valibot';
import { ENTITY_NAMES } from './names';
import { ENTITY_CONTENT } from './content';
import { TIMELINE } from './timeline';
import {
  EntityContentSchema,
  EntityNameSchema,
  SourceSchema,
  TimelineEventSchema,
  type EntityContent,
  type EntityName,
  type Source,
  type TimelineEvent,
} from './schema';

export interface Dataset {
  names: readonly EntityName[];
  content: Readonly<Record<string, EntityContent>>;
  timeline: readonly TimelineEvent[];
}

export type ValidationResult = { ok: true; dataset: Dataset } | { ok: false; errors: string[] };

/** The dataset as bundled. */
export const BUNDLED_DATASET: Dataset = { names: ENTITY_NAMES, content: ENTITY_CONTENT, timeline: TIMELINE };

type Issue = v.BaseIssue<unknown>;

/** `facts[1].sources` from a valibot issue path. */
function pathOf(issue: Issue): string {
  let out = '';
  for (const item of issue.path ?? []) {
    const key = (item as { key: unknown }).key;
    out += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  }
  return out;
}

/**
 * One readable line per problem. A failed union (a source that is neither
 * `{quote}` nor `{title, url}`) reports the closest branch's own issues when
 * valibot kept them, so "url: must be a URL" is not drowned in "invalid type".
 */
function describeIssues(prefix: string, issues: readonly Issue[]): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    if (issue.type === 'union') {
      lines.push(...describeSourceUnion(`${prefix}${pathOf(issue)}`, issue.input));
      continue;
    }
    const path = pathOf(issue);
    let message = issue.message;
    // valibot's default texts ("Invalid type: Expected string but received undefined") are
    // precise but cryptic for a missing field: say so plainly.
    if (issue.kind === 'schema' && issue.received === 'undefined') message = 'is missing';
    else if (issue.type === 'picklist') message = `must be one of ${issue.expected ?? ''}, not ${issue.received}`;
    else if (issue.type === 'strict_object' && issue.kind === 'schema' && issue.expected === 'never') {
      message = 'is not a known field';
    }
    lines.push(`${prefix}${path}: ${message}`);
  }
  return [...new Set(lines)];
}

/**
 * The only union in the schemas is a source. Rather than list the failures of
 * both branches, judge the source against the branch it evidently meant:
 * `{quote}` if it has a `quote` key, `{title, url}` otherwise.
 */
function describeSourceUnion(where: string, input: unknown): string[] {
  if (!isRecord(input)) return [`${where}: must be {quote} or {title, url}`];
  const [quoteBranch, refBranch] = SourceSchema.options;
  const parsed = 'quote' in input ? v.safeParse(quoteBranch, input) : v.safeParse(refBranch, input);
  return parsed.success ? [`${where}: must be {quote} or {title, url}`] : describeIssues(where, parsed.issues);
}

/** Case-, width- and space-insensitive form under which two aliases collide. */
export function aliasKey(alias: string): string {
  return alias.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Label of an entry: its id where it has a usable one, else its index. */
function labelOf(section: string, entry: unknown, index: number): string {
  const id = isRecord(entry) ? entry.id : undefined;
  return typeof id === 'string' && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id) ? `${section}.${id}` : `${section}[${index}]`;
}

/**
 * Checks `data` (the bundled dataset by default). Accepts `unknown` so a
 * broken copy can be passed in tests; on success returns it typed.
 */
export function validateDataset(data: unknown = BUNDLED_DATASET): ValidationResult {
  const errors: string[] = [];
  if (!isRecord(data)) return { ok: false, errors: ['dataset: must be an object with names, content and timeline'] };
  const { names, content, timeline } = data;
  if (!Array.isArray(names)) errors.push('names: must be an array');
  if (!isRecord(content)) errors.push('content: must be an object keyed by entity id');
  if (!Array.isArray(timeline)) errors.push('timeline: must be an array');
  if (errors.length) return { ok: false, errors };
  const nameList = names as unknown[];
  const contentMap = content as Record<string, unknown>;
  const events = timeline as unknown[];

  // ── names ──
  const ids = new Set<string>();
  const aliasOwner = new Map<string, { id: string; where: string }>();
  nameList.forEach((entry, i) => {
    const label = labelOf('names', entry, i);
    const parsed = v.safeParse(EntityNameSchema, entry);
    if (!parsed.success) errors.push(...describeIssues(label, parsed.issues));
    if (!isRecord(entry) || typeof entry.id !== 'string') return;
    if (ids.has(entry.id)) errors.push(`${label}.id: duplicate id "${entry.id}"`);
    ids.add(entry.id);
    // The name is an implied alias: it must not collide with another entity's spellings either.
    const spellings: [string, unknown][] = [['name', entry.name]];
    if (Array.isArray(entry.aliases)) entry.aliases.forEach((a, j) => spellings.push([`aliases[${j}]`, a]));
    const own = new Set<string>();
    for (const [field, spelling] of spellings) {
      if (typeof spelling !== 'string' || !spelling.trim()) continue;
      const key = aliasKey(spelling);
      if (own.has(key)) continue; // repeating one's own name is harmless
      own.add(key);
      const owner = aliasOwner.get(key);
      if (owner !== undefined && owner.id !== entry.id) {
        errors.push(
          `${label}.${field}: "${spelling}" is also claimed by ${owner.where} (aliases are compared case-insensitively)`,
        );
      } else aliasOwner.set(key, { id: entry.id, where: `${label}.${field}` });
    }
  });

  // ── content ──
  for (const id of ids) {
    if (!(id in contentMap)) errors.push(`content.${id}: missing (every entity in names.ts needs card content)`);
  }
  for (const [id, entry] of Object.entries(contentMap)) {
    const label = `content.${id}`;
    if (!ids.has(id)) errors.push(`${label}: no entity with this id in names.ts`);
    const parsed = v.safeParse(EntityContentSchema, entry);
    if (!parsed.success) errors.push(...describeIssues(label, parsed.issues));
    if (!isRecord(entry) || !Array.isArray(entry.related)) continue;
    const seen = new Set<unknown>();
    entry.related.forEach((rel, j) => {
      if (typeof rel !== 'string') return;
      if (rel === id) errors.push(`${label}.related[${j}]: an entity cannot be related to itself`);
      else if (!ids.has(rel)) errors.push(`${label}.related[${j}]: unknown entity id "${rel}"`);
      if (seen.has(rel)) errors.push(`${label}.related[${j}]: "${rel}" is listed twice`);
      seen.add(rel);
    });
  }

  // ── timeline ──
  const eventIds = new Set<string>();
  events.forEach((entry, i) => {
    const label = labelOf('timeline', entry, i);
    const parsed = v.safeParse(TimelineEventSchema, entry);
    if (!parsed.success) {
      const lines = describeIssues(label, parsed.issues);
      // A date of the wrong form also fails the precision check: report the form only.
      const badForm = lines.some((l) => l.startsWith(`${label}.date: must be YYYY`));
      errors.push(
        ...lines.filter((l) => !(badForm && l.startsWith(`${label}.date: date must be written at its precision`))),
      );
    }
    if (!isRecord(entry)) return;
    if (typeof entry.id === 'string') {
      if (eventIds.has(entry.id)) errors.push(`${label}.id: duplicate event id "${entry.id}"`);
      eventIds.add(entry.id);
    }
    if (typeof entry.date === 'string' && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(entry.date) && !isRealDate(entry.date)) {
      errors.push(`${label}.date: "${entry.date}" is not a calendar date`);
    }
    if (Array.isArray(entry.entities)) {
      entry.entities.forEach((ent, j) => {
        if (typeof ent === 'string' && !ids.has(ent))
          errors.push(`${label}.entities[${j}]: unknown entity id "${ent}"`);
      });
    }
  });

  return errors.length ? { ok: false, errors } : { ok: true, dataset: data as unknown as Dataset };
}

/** `2018-02-30` has the right form but no such day; month 13 neither. */
function isRealDate(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number?, number?];
  if (m === undefined) return true;
  if (m < 1 || m > 12) return false;
  if (d === undefined) return true;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d >= 1 && d <= last;
}

/** Straight quotes and single spaces: the form in which quotes are compared with the article. */
export function normaliseQuoteText(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Every `{quote}` source (in content facts and timeline events) that is not
 * a substring of `article`, as `content.azure.facts[0].sources[0]: …` lines.
 */
export function findUnquotedSources(dataset: Dataset, article: string): string[] {
  const text = normaliseQuoteText(article);
  const problems: string[] = [];
  const check = (where: string, sources: readonly Source[]) => {
    sources.forEach((s, k) => {
      if ('quote' in s && !text.includes(normaliseQuoteText(s.quote))) {
        problems.push(`${where}.sources[${k}]: quote not found in the seed article: "${s.quote}"`);
      }
    });
  };
  for (const [id, c] of Object.entries(dataset.content))
    c.facts.forEach((f, j) => check(`content.${id}.facts[${j}]`, f.sources));
  for (const e of dataset.timeline) check(`timeline.${e.id}`, e.sources);
  return problems;
}

/** The build's message: every problem on its own line. */
export function formatValidationErrors(errors: readonly string[]): string {
  return `Partnership dataset is invalid (${errors.length} problem${errors.length === 1 ? '' : 's'}):\n${errors
    .map((e) => `  - ${e}`)
    .join('\n')}`;
}
