/**
 * Stored settings that do not fit the schema (written by a newer version on
 * another device, changed by hand, cut short) are repaired field by field:
 * every readable field is kept, only the broken ones take their default (an
 * item of a list, or one alias, is left out rather than the list reset), and
 * the caller learns which. A reader never loses every setting to one bad value.
 *
 * Walks the settings schema itself (objects, lists, the alias record), so a
 * field added to the schema is repaired with no change here.
 */
import * as v from 'valibot';
import { aliasProblems } from './aliases';
import { checkHighlightColour } from './contrast';
import { DEFAULT_SETTINGS, EntityIdSchema, SettingsSchema, type Settings } from './schema';

export interface RepairResult {
  settings: Settings;
  /** Paths of what could not be read, e.g. `style.colours.product`, `detection.extraAliases.xiaomi.3`. */
  reset: string[];
}

type AnySchema = v.GenericSchema & {
  entries?: Record<string, AnySchema>;
  item?: AnySchema;
  key?: AnySchema;
  value?: AnySchema;
};

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const own = (o: Record<string, unknown>, key: string) => (Object.hasOwn(o, key) ? o[key] : undefined);
const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/** Empty value of a list or record schema, for a field with no default of its own (an entity's alias list). */
function emptyOf(schema: AnySchema): unknown {
  return schema.type === 'array' ? [] : {};
}

function repairValue(schema: AnySchema, value: unknown, fallback: unknown, path: string, reset: string[]): unknown {
  const whole = v.safeParse(schema, value);
  if (whole.success) return whole.output;
  if ((schema.type === 'strict_object' || schema.type === 'object') && schema.entries && isObject(value)) {
    const out: Record<string, unknown> = {};
    const defaults = isObject(fallback) ? fallback : {};
    for (const [key, sub] of Object.entries(schema.entries)) {
      out[key] = repairValue(sub, own(value, key), defaults[key], join(path, key), reset);
    }
    // A field this version does not know (a newer version's) is left out, and said so.
    for (const key of Object.keys(value)) if (!Object.hasOwn(schema.entries, key)) reset.push(join(path, key));
    return out;
  }
  if (schema.type === 'array' && schema.item && Array.isArray(value)) {
    const out: unknown[] = [];
    value.forEach((item, i) => {
      const parsed = v.safeParse(schema.item!, item);
      if (parsed.success) out.push(parsed.output);
      else reset.push(join(path, i));
    });
    return out;
  }
  if (schema.type === 'record' && schema.key && schema.value && isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      if (!v.safeParse(schema.key, key).success) {
        reset.push(join(path, key));
        continue;
      }
      out[key] = repairValue(schema.value, value[key], emptyOf(schema.value), join(path, key), reset);
    }
    // Checks on the record as a whole (the alias count) are settled by the rules below.
    return out;
  }
  reset.push(path || 'settings');
  return fallback;
}

/**
 * The researcher's aliases, each judged alone by the rules import applies
 * (an entity id as key; each alias a string, not too short or long, claimed
 * once, within the count limit), so that what is left out is named by its
 * place in what was stored.
 */
function repairAliases(raw: Record<string, unknown>, reset: string[]): Record<string, string[]> {
  const lists: Record<string, string[]> = {};
  for (const key of Object.keys(raw)) {
    const list = raw[key];
    if (!v.safeParse(EntityIdSchema, key).success || !Array.isArray(list)) {
      reset.push(`detection.extraAliases.${key}`);
      continue;
    }
    // Not a string: empty, which aliasProblems reports at its place.
    lists[key] = list.map((a) => (typeof a === 'string' ? a.trim() : ''));
  }
  const dropped = new Set<string>();
  for (const p of aliasProblems(lists)) {
    dropped.add(p.path);
    reset.push(p.path);
  }
  const out: Record<string, string[]> = {};
  for (const [entity, list] of Object.entries(lists)) {
    const kept = list.filter((_, i) => !dropped.has(`detection.extraAliases.${entity}.${i}`));
    if (kept.length) out[entity] = kept;
  }
  return out;
}

/**
 * Reads stored settings, keeping every field that can be read. Also applies
 * the rules the schema alone does not, as import does: a colour without
 * enough contrast takes its default; an alias that conflicts or is over a
 * limit is left out.
 */
export function repairSettings(value: unknown): RepairResult {
  const reset: string[] = [];
  let input = value;
  if (isObject(value) && isObject(value.detection) && isObject(value.detection.extraAliases)) {
    const extraAliases = repairAliases(value.detection.extraAliases, reset);
    input = { ...value, detection: { ...value.detection, extraAliases } };
  }
  const repaired = repairValue(SettingsSchema, input, DEFAULT_SETTINGS, '', reset) as Settings;
  const colours = { ...repaired.style.colours };
  for (const [kind, colour] of Object.entries(colours) as [keyof typeof colours, string][]) {
    if (!checkHighlightColour(colour).ok) {
      colours[kind] = DEFAULT_SETTINGS.style.colours[kind];
      reset.push(`style.colours.${kind}`);
    }
  }
  const settings: Settings = { ...repaired, style: { ...repaired.style, colours } };
  // Cannot fail after the steps above; if a future rule makes it, the defaults are the safe answer.
  const check = v.safeParse(SettingsSchema, settings);
  if (!check.success) return { settings: DEFAULT_SETTINGS, reset: ['settings'] };
  return { settings: check.output, reset };
}
