/**
 * Every message that crosses a context boundary, in one place, each as one
 * valibot schema: the TypeScript types are inferred from the schemas, and
 * every receiver parses with them (a message is data from another context,
 * never trusted). Storage values that one context writes for another (the
 * page's settings mirror, the timeline focus) are messages too and live here.
 *
 * Content script → background (parsed by the background's router, src/background/index.ts):
 *   findMentions  blocks of page text the page's sieve let through → the mentions in each
 *                 (scan + classifier, src/detect/find.ts, as detect() decides)
 *   loadFirstStage inject the page layer's first stage (/first-stage.js) into the sending frame (its gate,
 *                 content.js, found a candidate in its text)
 *   loadPageLayer inject the page layer's second stage (/page-layer.js) into the sending frame (it has mentions)
 *   getPageSieve  → the page's sieve and site rules (normally read from storage.local, PAGE_SIEVE_KEY)
 *   paintStyle    { names, style, previous } insert the ::highlight() rules for the frame's own highlight
 *                 names into that frame (scripting.insertCSS), replacing those of `previous`; style null: remove
 *   classify      ambiguous candidates (sentence + offsets) → which are mentions (the page layer now asks
 *                 findMentions; kept for scripts and the bench's classifier statistics)
 *   mentionCount  the frame's mention count, for the toolbar badge
 *   getCard       the card content for an entity (the dataset lives in the background)
 *   openTimeline  open the popup's timeline on an entity
 *   loadCard      inject the card bundle (/card.js) into the sending frame, once per frame
 *   getSettings   → the validated settings (the page layer normally reads the background's
 *                 mirror in storage.local under PAGE_SETTINGS_KEY; this is its fallback)
 *   cardOpened    { token } the card bundle of a frame showed a card: the background tells every
 *                 frame of the tab (closeCard, below) so that the others close theirs
 *   explain       (from the card) one mention (its sentence, span and entity, the page's context
 *                 entities, the mode and the reader's aliases) → why it was marked, as data and in words
 *                 (src/background/explain.ts runs the engine's explainMention, as `detect --explain` does)
 *   correct       (from the card) "not this one" (a mention: its sentence, span and entity) or "not here" (an
 *                 entity on the sender's site) → stored on this device (src/background/corrections.ts); the
 *                 answer carries the undo, or the problem (a limit) in the interface's language
 *   undoCorrection (from the card) the changes an earlier `correct` answered with, for the sender's site only
 * Popup → background:
 *   jumpToMention { tabId, frameId, entity, openCard } scroll to (and flash) that entity's next
 *                 mention in that frame and open its card, once the toolbar popup has closed (so the
 *                 reader sees the jump); answered with the frame's reply when the popup page is in a tab
 * A request the router refuses, or a handler that fails, is answered `{ error }` (ErrorReplySchema).
 *
 * Popup / background → content script (each frame answers for itself):
 *   getMentions   → { url, mentions: [{ entity, text, sentence, start, end }], settled, context, corrected } in
 *                 document order; start/end: the mention in its sentence; settled: the page layer has read all
 *                 it knows of and has every answer; context: the entities it names without the classifier;
 *                 corrected: the detector's mentions the reader's corrections took away (for the export)
 *   scrollToMention { entity, openCard? } → scrolls to that entity's next mention and flashes it; with
 *                 openCard, its card opens too (focus in the card, as from the keyboard)
 * Background → every card bundle of a tab:
 *   closeCard     { except } close the open card unless it is the one `except` names
 *   navigateMention { direction } → from a keyboard command: focus next/previous mention, open its card
 *
 * The content script may parse with its own smaller code (its size is budgeted, and valibot would add to
 * every page): it must accept exactly what these schemas accept.
 */
import * as v from 'valibot';
import { safeHttpUrl } from './dataset/display';
import { ENTITY_KINDS, type EntityKind } from './dataset/schema';
import type { SieveSpec } from './detect/sieve';
import type { ClassifyItem, DetectionMode } from './detect/types';
import { ALIAS_SOURCES, CLUE_CODES, CONFIDENCES, SCAN_RULE_NAMES, type Why, type WhyWords } from './detect/why-types';
import { isHighlightNames, isHighlightStyle, type HighlightNames } from './highlights/css';
import { ExtraAliasesSchema, type Settings } from './settings/schema';

export type { ClassifyItem } from './detect/types';

// Bounds that no honest sender reaches: a classify call is a page's batch, not a corpus. Plain
// constants, not an object's fields: the content script imports this module (PAGE_SETTINGS_KEY), and a
// minifier keeps a field read it cannot prove harmless, where it folds and drops a constant.
const MAX_ITEMS = 256;
const MAX_SENTENCE = 4000;
const MAX_CANDIDATES = 64;
const MAX_CONTEXT = 256;
const MAX_ID = 200;
/** findMentions: blocks of text per request, and their characters (the page layer sends up to 512 KB). */
const MAX_TEXTS = 20_000;
const MAX_TEXT_CHARS = 2 * 1024 * 1024;
export const LIMITS = {
  items: MAX_ITEMS,
  sentence: MAX_SENTENCE,
  candidates: MAX_CANDIDATES,
  context: MAX_CONTEXT,
  id: MAX_ID,
  texts: MAX_TEXTS,
  textChars: MAX_TEXT_CHARS,
} as const;

/** An entity id as the dataset writes them (`xiaomi`, `windows-10-mobile`). */
export const EntityIdSchema = v.pipe(
  v.string('must be an entity id such as "xiaomi"'),
  v.maxLength(MAX_ID, `must be at most ${MAX_ID} characters`),
  v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be an entity id such as "xiaomi"'),
);

const IndexSchema = v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(0, 'must not be negative'));

export const CARD_LANGS = ['en', 'zh'] as const;
export const CardLangSchema = v.picklist(CARD_LANGS, "must be 'en' or 'zh'");
export type CardLang = v.InferOutput<typeof CardLangSchema>;

// --- content script → background ------------------------------------------------

const SentenceSchema = v.pipe(v.string(), v.maxLength(MAX_SENTENCE, `must be at most ${MAX_SENTENCE} characters`));
const ContextSchema = v.pipe(v.array(EntityIdSchema), v.maxLength(MAX_CONTEXT, `must hold at most ${MAX_CONTEXT} ids`));

const CandidateSchema = v.object({ entity: EntityIdSchema, start: IndexSchema, end: IndexSchema });

export const ClassifyItemSchema = v.pipe(
  v.object({
    /** The sentence holding the candidates (what compromise sees). */
    sentence: SentenceSchema,
    /** Candidates, offsets relative to `sentence`. */
    candidates: v.pipe(
      v.array(CandidateSchema),
      v.maxLength(MAX_CANDIDATES, `must hold at most ${MAX_CANDIDATES} candidates`),
    ),
  }),
  v.check(
    (item) => item.candidates.every((c) => c.start < c.end && c.end <= item.sentence.length),
    'every candidate must be a non-empty span inside its sentence',
  ),
) satisfies v.GenericSchema<unknown, ClassifyItem>;

export const ClassifyRequestSchema = v.object({
  type: v.literal('classify'),
  items: v.pipe(v.array(ClassifyItemSchema), v.maxLength(MAX_ITEMS, `must hold at most ${MAX_ITEMS} items`)),
  /** Entities found without NLP anywhere in the document. */
  context: ContextSchema,
});

export const MentionCountRequestSchema = v.object({ type: v.literal('mentionCount'), count: IndexSchema });

export const GetCardRequestSchema = v.object({
  type: v.literal('getCard'),
  entity: EntityIdSchema,
  /** The card's language; the browser's UI language when absent. */
  lang: v.optional(CardLangSchema),
});

export const OpenTimelineRequestSchema = v.object({ type: v.literal('openTimeline'), entity: EntityIdSchema });
export const LoadCardRequestSchema = v.object({ type: v.literal('loadCard') });
export const GetSettingsRequestSchema = v.object({ type: v.literal('getSettings') });
export const CardOpenedRequestSchema = v.object({
  type: v.literal('cardOpened'),
  /** Names the card bundle of one frame (random, per frame). */
  token: v.pipe(v.string(), v.minLength(1), v.maxLength(64, 'must be at most 64 characters')),
});
export const JumpToMentionRequestSchema = v.object({
  type: v.literal('jumpToMention'),
  tabId: IndexSchema,
  frameId: IndexSchema,
  entity: EntityIdSchema,
  openCard: v.optional(v.boolean(), false),
});

/** One mention of a page: its sentence (as sent to the classifier), its span in it and its entity. */
export const MentionInSentenceSchema = v.pipe(
  v.object({ sentence: SentenceSchema, start: IndexSchema, end: IndexSchema, entity: EntityIdSchema }),
  v.check((m) => m.start < m.end && m.end <= m.sentence.length, 'must be a non-empty span inside its sentence'),
);
export type MentionInSentence = v.InferOutput<typeof MentionInSentenceSchema>;

/**
 * Why one mention was marked: the card asks on demand (nothing of it is computed or kept on the page),
 * with what the page detected it with.
 */
export const ExplainRequestSchema = v.object({
  type: v.literal('explain'),
  mention: MentionInSentenceSchema,
  /** Entities the page found without NLP (what its classify requests carry). */
  context: ContextSchema,
  mode: v.picklist(['context', 'plain'] satisfies DetectionMode[]),
  /** The reader's own aliases (settings.detection.extraAliases), within the settings' and the scanner's limits. */
  extraAliases: v.optional(ExtraAliasesSchema),
});
export type ExplainRequest = v.InferOutput<typeof ExplainRequestSchema>;

/**
 * A reader's correction from the card (src/corrections/model.ts): the site is the sender frame's, taken by
 * the background from the browser's sender, never from the message.
 */
export const CorrectRequestSchema = v.variant('kind', [
  v.object({ type: v.literal('correct'), kind: v.literal('not-this'), mention: MentionInSentenceSchema }),
  v.object({ type: v.literal('correct'), kind: v.literal('not-here'), entity: EntityIdSchema }),
]);
export type CorrectRequest = v.InferOutput<typeof CorrectRequestSchema>;

/** A change of the corrections as `correct` answers it (checked again by the background: src/corrections/model.ts). */
const CorrectionChangeSchema = v.variant('op', [
  v.object({ op: v.literal('add'), correction: v.unknown() }),
  v.object({ op: v.literal('remove'), key: v.pipe(v.string(), v.maxLength(8192)) }),
]);
export const UndoCorrectionRequestSchema = v.object({
  type: v.literal('undoCorrection'),
  undo: v.pipe(v.array(CorrectionChangeSchema), v.maxLength(16, 'must hold at most 16 changes')),
});

/** `correct`'s and `undoCorrection`'s answer: the undo of what was done, or why nothing was. */
export const CorrectReplySchema = v.variant('ok', [
  v.object({ ok: v.literal(true), undo: v.array(CorrectionChangeSchema) }),
  v.object({ ok: v.literal(false), problem: v.string() }),
]);
export type CorrectReply = v.InferOutput<typeof CorrectReplySchema>;

export const FindMentionsRequestSchema = v.object({
  type: v.literal('findMentions'),
  texts: v.pipe(
    v.array(v.string()),
    v.maxLength(MAX_TEXTS, `must hold at most ${MAX_TEXTS} texts`),
    v.check((t) => t.reduce((n, x) => n + x.length, 0) <= MAX_TEXT_CHARS, 'too much text in one request'),
  ),
  /** Entities the page names without doubt (the classifier's context). */
  context: v.pipe(v.array(EntityIdSchema), v.maxLength(MAX_CONTEXT, `must hold at most ${MAX_CONTEXT} ids`)),
});
export const LoadFirstStageRequestSchema = v.object({ type: v.literal('loadFirstStage') });
export const LoadPageLayerRequestSchema = v.object({ type: v.literal('loadPageLayer') });
export const GetPageSieveRequestSchema = v.object({ type: v.literal('getPageSieve') });
const HighlightNamesSchema = v.custom<HighlightNames>(isHighlightNames, 'must be the frame’s highlight names');
const HighlightStyleSchema = v.custom<Settings['style']>(isHighlightStyle, 'must be a highlight style');
export const PaintStyleRequestSchema = v.object({
  type: v.literal('paintStyle'),
  names: HighlightNamesSchema,
  /** null: take the rules away (the page layer stopped). */
  style: v.nullable(HighlightStyleSchema),
  previous: v.nullable(HighlightStyleSchema),
});

export const BackgroundRequestSchema = v.variant(
  'type',
  [
    FindMentionsRequestSchema,
    LoadFirstStageRequestSchema,
    LoadPageLayerRequestSchema,
    GetPageSieveRequestSchema,
    PaintStyleRequestSchema,
    ClassifyRequestSchema,
    MentionCountRequestSchema,
    GetCardRequestSchema,
    OpenTimelineRequestSchema,
    LoadCardRequestSchema,
    GetSettingsRequestSchema,
    CardOpenedRequestSchema,
    JumpToMentionRequestSchema,
    ExplainRequestSchema,
    CorrectRequestSchema,
    UndoCorrectionRequestSchema,
  ],
  (issue) => `unknown message type ${JSON.stringify(String(issue.input)).slice(0, 60)}`,
);
export type BackgroundRequest = v.InferOutput<typeof BackgroundRequestSchema>;
export type GetCardRequest = v.InferOutput<typeof GetCardRequestSchema>;

// --- background → content script / card: replies -------------------------------

export const ClassifyResponseSchema = v.object({
  /** For each item, for each candidate: is it a mention? */
  decisions: v.array(v.array(v.boolean())),
});
export type ClassifyResponse = v.InferOutput<typeof ClassifyResponseSchema>;

/** A mention the background found in one of the texts a page sent: offsets in that text, `end` exclusive. */
export interface FoundInText {
  entity: string;
  kind: EntityKind;
  start: number;
  end: number;
  /** Accepted by the classifier rather than by the scan alone. */
  viaNlp: boolean;
  /** The sentence around it. */
  sentenceStart: number;
  sentenceEnd: number;
  /** Marked by the reader ("mark as mention", src/corrections/apply.ts), not found by the detector. */
  reader?: true;
  /**
   * Found by the detector but taken away by one of the reader's corrections ("not this one", "not here"):
   * never painted, counted or listed; only the labelled-sentences export reads it (getMentions' `corrected`).
   */
  suppressed?: true;
}

/** `findMentions`' answer: for each text sent, its mentions in text order (the page layer checks the shape itself). */
export interface FindMentionsResponse {
  found: FoundInText[][];
}

/** What the router answers a refused request or a failed handler. */
export const ErrorReplySchema = v.object({ error: v.string() });
export type ErrorReply = v.InferOutput<typeof ErrorReplySchema>;

/** `openTimeline`'s answer: where the timeline opened. */
export const OpenTimelineReplySchema = v.object({ opened: v.picklist(['popup', 'tab']) });
export type OpenedAs = v.InferOutput<typeof OpenTimelineReplySchema>['opened'];

/** `mentionCount`'s and `loadCard`'s answer. */
export const OkReplySchema = v.object({ ok: v.boolean(), error: v.optional(v.string()) });

const text = v.string();
const langOfText = v.optional(CardLangSchema);

export const CardSourceSchema = v.variant('kind', [
  v.object({
    kind: v.literal('link'),
    title: text,
    // Only http(s) links reach a card: a `javascript:` or `data:` href in a page-facing link would be a hole.
    url: v.pipe(
      v.string(),
      v.check((u) => safeHttpUrl(u) === u, 'must be an http(s) URL'),
    ),
  }),
  v.object({ kind: v.literal('quote'), quote: text }),
]);
export type CardSource = v.InferOutput<typeof CardSourceSchema>;

export const CardFactSchema = v.object({
  text,
  /** Set only when the text is not in the card's language (a fact without a translation: the English stands in). */
  lang: langOfText,
  sources: v.array(CardSourceSchema),
});
export type CardFact = v.InferOutput<typeof CardFactSchema>;

export const CardEventSchema = v.object({
  id: text,
  /** ISO date as in the dataset (`2016`, `2016-06`, `2016-06-01`), for `<time datetime>`. */
  date: text,
  /** The date written for a reader at its precision: `2016`, `Jun 2016`, `1 Jun 2016`. */
  dateLabel: text,
  title: text,
  /** Set only when the title is not in the card's language. */
  lang: langOfText,
  category: v.picklist(['partnership', 'context']),
});
export type CardEvent = v.InferOutput<typeof CardEventSchema>;

export const CardRelatedSchema = v.object({ id: text, name: text, kind: v.picklist(ENTITY_KINDS) });
export type CardRelated = v.InferOutput<typeof CardRelatedSchema>;

/**
 * `getCard`'s answer: what a hover card shows, as plain data, built in the background from the dataset
 * (src/card/build.ts; the content script must not bundle the dataset). Everything is text or a vetted URL;
 * the card renders it through Preact as attributes (its words as CSS generated content), never as markup.
 */
export const CardDataSchema = v.object({
  id: text,
  lang: CardLangSchema,
  name: text,
  /** The name in the other language (the Chinese name on an English card and vice versa), when it differs. */
  altName: v.optional(text),
  kind: v.picklist(ENTITY_KINDS),
  summary: text,
  /** Set only when the summary is not in the card's language. */
  summaryLang: langOfText,
  /** Its part in the partnership. */
  role: text,
  /** Set only when the role is not in the card's language. */
  roleLang: langOfText,
  /** Two or three key facts, each with at least one source. */
  facts: v.array(CardFactSchema),
  /** The entity's latest timeline events (at most MAX_EVENTS), oldest first like the popup's timeline. */
  events: v.array(CardEventSchema),
  /** How many events the entity has in all (the full timeline shows the rest). */
  eventCount: v.pipe(v.number(), v.integer(), v.minValue(0)),
  related: v.array(CardRelatedSchema),
});
export type CardData = v.InferOutput<typeof CardDataSchema>;

/** `getCard`'s answer: the card, or null for an entity the dataset has no card for. */
export const GetCardReplySchema = v.nullable(CardDataSchema);

const ClueSchema = v.object({
  code: v.picklist(CLUE_CODES),
  weight: v.number(),
  words: v.optional(v.array(text)),
  entities: v.optional(v.array(text)),
});

/** A why as data (src/detect/why-types.ts says what each field means). */
export const WhySchema = v.object({
  entity: text,
  text,
  mode: v.picklist(['context', 'plain'] satisfies DetectionMode[]),
  alias: v.nullable(v.object({ listed: text, source: v.picklist(ALIAS_SOURCES) })),
  marked: v.boolean(),
  decision: v.variant('by', [
    v.object({ by: v.literal('name'), rule: v.literal('unambiguous') }),
    v.object({ by: v.literal('scan-rule'), rule: v.picklist(SCAN_RULE_NAMES) }),
    v.object({
      by: v.literal('classifier'),
      rule: v.picklist(SCAN_RULE_NAMES),
      score: v.number(),
      confidence: v.picklist(CONFIDENCES),
      clues: v.array(ClueSchema),
    }),
    v.object({ by: v.literal('no-match') }),
  ]),
}) satisfies v.GenericSchema<unknown, Why>;

export const WhyWordsSchema = v.object({
  found: text,
  decision: text,
  asked: v.optional(text),
  clues: v.array(v.object({ text, weight: text })),
}) satisfies v.GenericSchema<unknown, WhyWords>;

/** `explain`'s answer: the why, and the same in words in the interface's language (src/detect/why-words.ts). */
export const ExplainReplySchema = v.object({ why: WhySchema, words: WhyWordsSchema });
export type ExplainReply = v.InferOutput<typeof ExplainReplySchema>;

// --- popup / background → content script ---------------------------------------

export const ContentRequestSchema = v.variant('type', [
  v.object({ type: v.literal('getMentions') }),
  v.object({ type: v.literal('scrollToMention'), entity: EntityIdSchema, openCard: v.optional(v.boolean()) }),
  v.object({ type: v.literal('navigateMention'), direction: v.picklist(['next', 'previous']) }),
]);
export type ContentRequest = v.InferOutput<typeof ContentRequestSchema>;

export const PageMentionSchema = v.object({
  /** An EntityId from the bundled dataset. */
  entity: v.string(),
  text: v.string(),
  /** The sentence around the mention, for export (empty when the sender left it out). */
  sentence: v.fallback(v.string(), ''),
  /**
   * Where the mention stands in `sentence` (UTF-16 offsets, end exclusive), for the labelled-sentences
   * export; dropped when they do not lie in the sentence (absent from an older content script).
   */
  start: v.fallback(v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))), undefined),
  end: v.fallback(v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))), undefined),
});
export type PageMention = v.InferOutput<typeof PageMentionSchema>;

/** A list of mentions from a content script: one that is not well formed is dropped, not the whole list. */
const PageMentionsSchema = v.pipe(
  v.array(v.unknown()),
  v.transform((list) =>
    list.flatMap((m) => {
      const r = v.safeParse(PageMentionSchema, m);
      return r.success ? [r.output] : [];
    }),
  ),
);

/**
 * `getMentions`' answer. A mention that is not well formed is dropped, not the whole answer: a
 * content script of another version still shows what it found.
 */
export const GetMentionsResponseSchema = v.object({
  url: v.string(),
  /** The page layer has read all it knows of and has every answer (absent from an older content script). */
  settled: v.optional(v.boolean()),
  /**
   * The entities the frame names without the classifier (the classifier's context for its ambiguous names),
   * carried by the labelled-sentences export so that `detect --score` judges a sentence as the page did.
   */
  context: v.fallback(v.optional(ContextSchema), undefined),
  mentions: PageMentionsSchema,
  /**
   * Mentions the detector found that the reader's corrections took away (never painted or listed): the
   * labelled-sentences export keeps their sentences, as traps (absent from an older content script).
   */
  corrected: v.fallback(v.optional(PageMentionsSchema), undefined),
});
export type GetMentionsResponse = v.InferOutput<typeof GetMentionsResponseSchema>;

/** `closeCard`, sent by the background to every frame of a tab (src/background/readers.ts). */
export const CloseCardSchema = v.object({ type: v.literal('closeCard'), except: v.string() });

// --- storage written by one context for another ---------------------------------

/**
 * `storage.local` key of the background's mirror of the validated settings, which every page reads
 * (src/page/settings.ts) instead of carrying the settings store.
 */
export const PAGE_SETTINGS_KEY = 'pageSettings';

/**
 * What the page layer needs to read a page (the gate reads it, src/page/gate.ts; the first stage takes it over): the sieve
 * (src/detect/sieve.ts, built by the background from the names and the reader's detection
 * settings) and the site rules. Mirrored by the background into storage.local under PAGE_SIEVE_KEY.
 */
export interface PageSieve {
  /** Null when there is no name to find. */
  spec: SieveSpec | null;
  sites: Settings['sites'];
}
export const PAGE_SIEVE_KEY = 'pageSieve';

/**
 * What the page layer (its gate, then its first stage) needs of the reader's corrections of one site (model.ts `siteOf`),
 * mirrored by the background into storage.local under PAGE_CORRECTIONS_PREFIX + site, only for sites
 * with corrections (a frame reads its own site's, nothing of other sites): a revision that changes with
 * the site's corrections (an open page is read again, its mentions decided with them), and the texts the
 * reader marked there (a block holding one goes to the background even when the sieve finds no name).
 */
export interface PageCorrections {
  rev: string;
  marks: string[];
}
export const PAGE_CORRECTIONS_PREFIX = 'pageCorrections:';

/**
 * WXT storage key (`browser.storage.session`, key `timelineFocus`) of the entity a card asked the
 * timeline to focus on: the background writes it (src/background/open-timeline.ts), the popup reads
 * it once and removes it (src/timeline/focus.ts).
 */
export const TIMELINE_FOCUS_KEY = 'session:timelineFocus';

export const TimelineFocusSchema = v.object({
  entity: EntityIdSchema,
  /** Date.now() of the request. */
  requestedAt: v.number(),
});
export type TimelineFocus = v.InferOutput<typeof TimelineFocusSchema>;

// --- parsing --------------------------------------------------------------------

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Parses `input` with `schema`; a refusal says what and where, in one line
 * (`classify: items.0.candidates.0.end: every candidate must be…`).
 */
export function parseMessage<S extends v.GenericSchema>(schema: S, input: unknown): Parsed<v.InferOutput<S>> {
  const r = v.safeParse(schema, input);
  if (r.success) return { ok: true, value: r.output };
  const issue = r.issues[0];
  const type =
    typeof input === 'object' && input !== null && typeof (input as { type?: unknown }).type === 'string'
      ? `${(input as { type: string }).type.slice(0, 40)}: `
      : '';
  // Not an object, or a type no schema has: the variant's own message says so.
  if (issue.type === 'variant' || typeof input !== 'object' || input === null)
    return {
      ok: false,
      error: typeof input === 'object' && input !== null ? issue.message : 'message is not an object',
    };
  const path = v.getDotPath(issue);
  // valibot reports a missing field as an object issue at the field's path.
  const message = issue.type === 'object' && issue.input === undefined ? 'is missing' : issue.message;
  return { ok: false, error: `${type}${path ? `${path}: ` : ''}${message}` };
}
