/**
 * A reader's corrections to what the extension marks, as data (pure: no
 * browser API). Three kinds:
 * - `not-this`: "Not this one", one mention: its site, entity, sentence, span
 *   in the sentence and text;
 * - `not-here`: "Not here", this entity's name anywhere on this site;
 * - `mark`: "Mark as mention", a span of a sentence the reader marks as a
 *   mention of an entity (site, sentence, span, entity, text).
 * Changes (add, remove) return their own undo. Corrections are kept on this
 * device (./store.ts), bounded in number and in size, and travel in the
 * settings file (src/settings/transfer.ts). ./apply.ts applies them to a
 * page's mentions.
 */
import * as v from 'valibot';

export const CORRECTIONS_VERSION = 1;

/** Most corrections kept: far more than a reader makes by hand; the options page lists them all. */
export const MAX_CORRECTIONS = 1000;
/** Most bytes of all corrections together (JSON, UTF-8): what they may add to storage and to a settings file. */
export const MAX_CORRECTIONS_BYTES = 512 * 1024;
/** A sentence is kept up to this many characters, cut around the span (see `clipSentence`). */
export const MAX_SENTENCE_CHARS = 400;
/** A marked or corrected span is a name: at most this many characters. */
export const MAX_TEXT_CHARS = 100;
/** A host name is at most 253 characters (RFC 1035). */
export const MAX_SITE_CHARS = 253;

export const CORRECTION_KINDS = ['not-this', 'not-here', 'mark'] as const;
export type CorrectionKind = (typeof CORRECTION_KINDS)[number];

interface Base {
  /** The page's host name, lower case (`www.theverge.com`); see `siteOf`. */
  site: string;
  /** The entity id. */
  entity: string;
  /** When it was made (ms since 1970), for the options page's list. */
  at: number;
}

/** A mention in its sentence: the span `start`–`end` (UTF-16 offsets, end exclusive) of `sentence`, which reads `text`. */
export interface SpanInSentence {
  sentence: string;
  start: number;
  end: number;
  text: string;
}

export type Correction =
  | (Base & SpanInSentence & { kind: 'not-this' })
  | (Base & { kind: 'not-here' })
  | (Base & SpanInSentence & { kind: 'mark' });

export interface Corrections {
  version: typeof CORRECTIONS_VERSION;
  items: Correction[];
}

export const NO_CORRECTIONS: Corrections = { version: CORRECTIONS_VERSION, items: [] };

// --- the schema ----------------------------------------------------------------

const EntitySchema = v.pipe(
  v.string(),
  v.maxLength(200, 'must be at most 200 characters'),
  v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be an entity id such as "xiaomi"'),
);
const SiteSchema = v.pipe(
  v.string(),
  v.minLength(1, 'must not be empty'),
  v.maxLength(MAX_SITE_CHARS, `must be at most ${MAX_SITE_CHARS} characters`),
  v.check((s) => s === s.toLowerCase() && !/\s/.test(s), 'must be a host name in lower case'),
);
const IndexSchema = v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(0, 'must not be negative'));
const base = {
  site: SiteSchema,
  entity: EntitySchema,
  at: v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(0, 'must not be negative')),
};
const span = {
  sentence: v.pipe(v.string(), v.maxLength(MAX_SENTENCE_CHARS, `must be at most ${MAX_SENTENCE_CHARS} characters`)),
  start: IndexSchema,
  end: IndexSchema,
  text: v.pipe(
    v.string(),
    v.minLength(1, 'must not be empty'),
    v.maxLength(MAX_TEXT_CHARS, `must be at most ${MAX_TEXT_CHARS} characters`),
  ),
};
const spanFits = (c: SpanInSentence) =>
  c.start < c.end && c.end <= c.sentence.length && c.sentence.slice(c.start, c.end) === c.text;

/** One correction, checked: a stored one, or one in a settings file. */
export const CorrectionSchema = v.pipe(
  v.variant('kind', [
    v.strictObject({ kind: v.literal('not-this'), ...base, ...span }),
    v.strictObject({ kind: v.literal('not-here'), ...base }),
    v.strictObject({ kind: v.literal('mark'), ...base, ...span }),
  ]),
  v.check((c) => c.kind === 'not-here' || spanFits(c), 'start and end must be the span of text in sentence'),
) satisfies v.GenericSchema<unknown, Correction>;

/** Every correction, versioned, bounded (the storage item and the settings file's `corrections`). */
export const CorrectionsSchema = v.pipe(
  v.strictObject({
    version: v.literal(CORRECTIONS_VERSION, `must be ${CORRECTIONS_VERSION}`),
    items: v.pipe(
      v.array(CorrectionSchema),
      v.maxLength(MAX_CORRECTIONS, `must hold at most ${MAX_CORRECTIONS} corrections`),
    ),
  }),
  v.check((c) => correctionsBytes(c) <= MAX_CORRECTIONS_BYTES, `must be at most ${MAX_CORRECTIONS_BYTES / 1024} KB`),
) satisfies v.GenericSchema<unknown, Corrections>;

/** Their size as stored: JSON in UTF-8. */
export function correctionsBytes(c: Corrections): number {
  return new TextEncoder().encode(JSON.stringify(c)).length;
}

// --- making corrections ----------------------------------------------------------

/**
 * The site of a page's URL: its host name in lower case (`www.example.com`);
 * for a page without one (a `file:` URL), the scheme (`file:`).
 */
export function siteOf(url: string): string {
  try {
    const u = new URL(url);
    return u.hostname.toLowerCase() || u.protocol;
  } catch {
    return '';
  }
}

/**
 * The sentence cut to at most MAX_SENTENCE_CHARS around the span (at spaces
 * where it can), with the span's offsets in the cut: what a correction keeps.
 * A page's sentence is rarely longer (the classifier reads at most 400
 * characters either side); ./apply.ts matches by the span and its
 * neighbouring words, which a cut keeps.
 */
export function clipSentence(s: SpanInSentence): SpanInSentence {
  if (s.sentence.length <= MAX_SENTENCE_CHARS) return s;
  // Room around the span, shared evenly; a side that runs out gives its share to the other.
  const room = Math.max(0, MAX_SENTENCE_CHARS - (s.end - s.start));
  const after = Math.min(s.sentence.length - s.end, room - Math.min(s.start, Math.floor(room / 2)));
  const before = Math.min(s.start, room - after);
  let a = s.start - before;
  let b = s.end + after;
  // Whole words at the cut ends, when a space is near.
  const nearA = s.sentence.indexOf(' ', a);
  if (a > 0 && nearA >= 0 && nearA < s.start && nearA - a < 40) a = nearA + 1;
  const nearB = s.sentence.lastIndexOf(' ', b);
  if (b < s.sentence.length && nearB >= s.end && b - nearB < 40) b = nearB;
  return { sentence: s.sentence.slice(a, b), start: s.start - a, end: s.end - a, text: s.text };
}

export type CorrectionProblem =
  | { code: 'too-many'; max: number }
  | { code: 'too-large'; maxBytes: number }
  | { code: 'text-too-long'; max: number }
  | { code: 'invalid'; message: string };

/** A problem in English words (the extension's pages: ./words.ts, in the interface's language). */
export function describeProblem(p: CorrectionProblem): string {
  switch (p.code) {
    case 'too-many':
      return `at most ${p.max.toLocaleString('en')} corrections are kept on this device: remove some first`;
    case 'too-large':
      return `corrections take at most ${p.maxBytes / 1024} KB on this device: remove some first`;
    case 'text-too-long':
      return `a mention is a name of at most ${p.max} characters`;
    case 'invalid':
      return p.message;
  }
}

type NewCorrection =
  | { kind: 'not-this' | 'mark'; site: string; entity: string; sentence: string; start: number; end: number }
  | { kind: 'not-here'; site: string; entity: string };

/**
 * A correction from what a reader did (its sentence cut to the limit), or the
 * problem that keeps it from being made.
 */
export function makeCorrection(
  n: NewCorrection,
  at: number = Date.now(),
): { ok: true; correction: Correction } | { ok: false; problem: CorrectionProblem } {
  let c: Correction;
  if (n.kind === 'not-here') c = { kind: 'not-here', site: n.site, entity: n.entity, at };
  else {
    const text = n.sentence.slice(n.start, n.end);
    if (text.length > MAX_TEXT_CHARS) return { ok: false, problem: { code: 'text-too-long', max: MAX_TEXT_CHARS } };
    const clipped = clipSentence({ sentence: n.sentence, start: n.start, end: n.end, text });
    c = { kind: n.kind, site: n.site, entity: n.entity, at, ...clipped };
  }
  const r = v.safeParse(CorrectionSchema, c);
  if (!r.success) {
    const issue = r.issues[0];
    const path = v.getDotPath(issue);
    return { ok: false, problem: { code: 'invalid', message: `${path ? `${path}: ` : ''}${issue.message}` } };
  }
  return { ok: true, correction: r.output };
}

// --- changing them ---------------------------------------------------------------

/** What identifies a correction: two with the same key are the same correction (made at another time). */
export function correctionKey(c: Correction): string {
  const head = `${c.kind}\u0000${c.site}\u0000${c.entity}`;
  return c.kind === 'not-here' ? head : `${head}\u0000${c.start}\u0000${c.end}\u0000${c.sentence}`;
}

export type Change = { op: 'add'; correction: Correction } | { op: 'remove'; key: string };

export type ChangeResult =
  | {
      ok: true;
      corrections: Corrections;
      /** The changes that undo these, in order (empty when nothing changed). */
      undo: Change[];
    }
  | { ok: false; problem: CorrectionProblem };

/** The opposite kind's corrections of the same span: "not this one" and "mark as mention" replace each other. */
function contradicts(a: Correction, b: Correction): boolean {
  if (a.kind === 'not-here' || b.kind === 'not-here' || a.kind === b.kind) return false;
  return a.site === b.site && a.entity === b.entity && a.sentence === b.sentence && a.start < b.end && b.start < a.end;
}

/**
 * Applies changes in order. Adding a correction that exists already changes
 * nothing; adding "not this one" removes a "mark as mention" of the same span
 * and the other way round (the latest word of the reader wins). Refused as a
 * whole, with the problem, when the result would be over a limit.
 */
export function applyChanges(current: Corrections, changes: readonly Change[]): ChangeResult {
  let items = current.items;
  const undo: Change[] = [];
  for (const change of changes) {
    if (change.op === 'remove') {
      const gone = items.find((c) => correctionKey(c) === change.key);
      if (!gone) continue;
      items = items.filter((c) => c !== gone);
      undo.unshift({ op: 'add', correction: gone });
      continue;
    }
    const key = correctionKey(change.correction);
    if (items.some((c) => correctionKey(c) === key)) continue;
    const replaced = items.filter((c) => contradicts(c, change.correction));
    items = [...items.filter((c) => !replaced.includes(c)), change.correction];
    undo.unshift({ op: 'remove', key }, ...replaced.map((c): Change => ({ op: 'add', correction: c })));
  }
  const next: Corrections = { version: CORRECTIONS_VERSION, items };
  // Only an addition can cross a limit (removing must always be possible, even over a limit).
  const added = undo.some((u) => u.op === 'remove');
  if (added && items.length > MAX_CORRECTIONS)
    return { ok: false, problem: { code: 'too-many', max: MAX_CORRECTIONS } };
  if (added && correctionsBytes(next) > MAX_CORRECTIONS_BYTES)
    return { ok: false, problem: { code: 'too-large', maxBytes: MAX_CORRECTIONS_BYTES } };
  return { ok: true, corrections: next, undo };
}

/**
 * Stored corrections, read field by field: a valid value as it is; otherwise
 * every valid correction is kept and the others are dropped, with the
 * problem said once (a bad item never costs the reader the rest). A newer
 * version than this build knows is not read (`newer`: the caller must not
 * write over it).
 */
export function readStoredCorrections(value: unknown): {
  corrections: Corrections;
  problem: string | null;
  newer: boolean;
} {
  if (value === null || value === undefined) return { corrections: NO_CORRECTIONS, problem: null, newer: false };
  const whole = v.safeParse(CorrectionsSchema, value);
  if (whole.success) return { corrections: whole.output, problem: null, newer: false };
  const o = value as { version?: unknown; items?: unknown };
  if (typeof o === 'object' && typeof o.version === 'number' && o.version > CORRECTIONS_VERSION)
    return {
      corrections: NO_CORRECTIONS,
      problem: `stored corrections are of version ${o.version}, newer than this extension reads (${CORRECTIONS_VERSION})`,
      newer: true,
    };
  const items: Correction[] = [];
  let dropped = 0;
  for (const item of Array.isArray(o?.items) ? o.items : []) {
    const r = v.safeParse(CorrectionSchema, item);
    if (r.success && items.length < MAX_CORRECTIONS) items.push(r.output);
    else dropped++;
  }
  // Over the size limit (a hand-edited store): the oldest go first.
  items.sort((a, b) => a.at - b.at);
  while (items.length && correctionsBytes({ version: CORRECTIONS_VERSION, items }) > MAX_CORRECTIONS_BYTES) {
    items.shift();
    dropped++;
  }
  return {
    corrections: { version: CORRECTIONS_VERSION, items },
    problem: `stored corrections were damaged: ${dropped} could not be read and ${dropped === 1 ? 'was' : 'were'} dropped, ${items.length} kept`,
    newer: false,
  };
}

/** Corrections by site, then entity (both sorted), newest first within: the options page's list. */
export function groupCorrections(
  c: Corrections,
): { site: string; entities: { entity: string; items: Correction[] }[] }[] {
  const bySite = new Map<string, Map<string, Correction[]>>();
  for (const item of c.items) {
    let site = bySite.get(item.site);
    if (!site) bySite.set(item.site, (site = new Map()));
    const list = site.get(item.entity);
    if (list) list.push(item);
    else site.set(item.entity, [item]);
  }
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...bySite]
    .sort(([a], [b]) => order(a, b))
    .map(([site, entities]) => ({
      site,
      entities: [...entities]
        .sort(([a], [b]) => order(a, b))
        .map(([entity, items]) => ({ entity, items: [...items].sort((a, b) => b.at - a.at) })),
    }));
}
