/**
 * A reader's corrections (./model.ts) applied to a page's mentions: which of
 * the detector's mentions are suppressed, and which spans the reader marked
 * are added. Pure and light (no valibot, no engine beyond the sentence
 * splitter): it is meant to run where mentions are painted, block by block.
 *
 * How a correction finds its mention again. The page changes (a sentence is
 * edited, appears twice, moves into another block), so a correction is not
 * tied to a position: it holds its span's text and the sentence around it,
 * and applies wherever the same text of the same entity stands among the same
 * neighbouring words (up to three on each side, as many as both sentences
 * have; case and spacing aside). So "not this one" applies to that sentence
 * wherever it appears on the site, still applies when words further away
 * change, and no longer applies when the words around the name change (it is
 * then another use of the name, to be judged again). "Not here" needs no
 * anchor: the entity is off on the whole site.
 */
import { sentenceAround } from '../detect/sentences';
import type { Correction, Corrections } from './model';

/** A mention in a block of text: `start`–`end` are offsets into the block's text. */
export interface BlockMention {
  entity: string;
  start: number;
  end: number;
}

export interface CorrectedMention extends BlockMention {
  /** `engine`: found by the detector; `reader`: a span the reader marked ("mark as mention"). */
  source: 'engine' | 'reader';
  /** For a reader's mention, the correction that added it. */
  correction?: Correction;
}

export interface SuppressedMention extends BlockMention {
  /** The correction that took it away ("not this one", "not here", or a mark over it). */
  correction: Correction;
}

/** What identifies one use of a name: its text and the words around it. */
interface Anchor {
  text: string;
  before: string[];
  after: string[];
}

/** Words for anchors: a run of letters and digits, or one Han character (Chinese has no spaces). */
const WORDS = /\p{Script=Han}|[\p{L}\p{N}]+/gu;
/** A character that continues a word in a script written with spaces (Chinese and Japanese have no such boundaries). */
const WORD_CHAR = /(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{N}_]/u;
const NEIGHBOURS = 3;

const words = (s: string) => (s.match(WORDS) ?? []).map((w) => w.toLowerCase());
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

function anchorAt(sentence: string, start: number, end: number): Anchor {
  return {
    text: flat(sentence.slice(start, end)),
    before: words(sentence.slice(0, start)).slice(-NEIGHBOURS),
    after: words(sentence.slice(end)).slice(0, NEIGHBOURS),
  };
}

function sameAnchor(a: Anchor, b: Anchor): boolean {
  if (a.text !== b.text) return false;
  const k = Math.min(a.before.length, b.before.length);
  const j = Math.min(a.after.length, b.after.length);
  for (let i = 1; i <= k; i++) if (a.before[a.before.length - i] !== b.before[b.before.length - i]) return false;
  for (let i = 0; i < j; i++) if (a.after[i] !== b.after[i]) return false;
  return true;
}

/** Whether the character before (side -1) or after (side 1) a span is a word character. */
function wordOn(text: string, start: number, end: number, side: -1 | 1): boolean {
  const ch = side < 0 ? text.charAt(start - 1) : text.charAt(end);
  return ch !== '' && WORD_CHAR.test(ch);
}

interface Mark {
  correction: Correction & { kind: 'mark' };
  anchor: Anchor;
  find: RegExp;
  wordBefore: boolean;
  wordAfter: boolean;
}

/** One site's corrections, prepared once for every block of a page (`correctionsForSite`). */
export interface SiteCorrections {
  readonly size: number;
  notHere: Map<string, Correction>;
  notThis: Map<string, { correction: Correction; anchor: Anchor }[]>;
  marks: Mark[];
}

const RE_SPECIAL = /[.*+?^${}()|[\]\\]/g;

/** The corrections that apply on `site` (see model.ts `siteOf`), prepared for `correctBlock`. */
export function correctionsForSite(all: Corrections | readonly Correction[], site: string): SiteCorrections {
  const items = ('items' in all ? all.items : all).filter((c) => c.site === site);
  const out: SiteCorrections = { size: items.length, notHere: new Map(), notThis: new Map(), marks: [] };
  for (const c of items) {
    if (c.kind === 'not-here') out.notHere.set(c.entity, c);
    else if (c.kind === 'not-this') {
      const list = out.notThis.get(c.entity) ?? [];
      list.push({ correction: c, anchor: anchorAt(c.sentence, c.start, c.end) });
      out.notThis.set(c.entity, list);
    } else {
      // The marked text wherever it stands, its spacing aside.
      const source = flat(c.text).replace(RE_SPECIAL, '\\$&').replace(/ /g, '\\s+');
      out.marks.push({
        correction: c,
        anchor: anchorAt(c.sentence, c.start, c.end),
        find: new RegExp(source, 'gu'),
        wordBefore: wordOn(c.sentence, c.start, c.end, -1),
        wordAfter: wordOn(c.sentence, c.start, c.end, 1),
      });
    }
  }
  return out;
}

const overlaps = (a: BlockMention, b: BlockMention) => a.start < b.end && b.start < a.end;

/** The spans of `text` the reader's marks point at (each mark wherever its text stands among its words). */
function markedSpans(text: string, marks: readonly Mark[]): CorrectedMention[] {
  const out: CorrectedMention[] = [];
  for (const mark of marks) {
    mark.find.lastIndex = 0;
    for (let m: RegExpExecArray | null; (m = mark.find.exec(text));) {
      const start = m.index;
      const end = start + m[0].length;
      if (end === start) {
        mark.find.lastIndex++;
        continue;
      }
      // Not a piece of a longer word unless the marked span was one.
      if (wordOn(text, start, end, -1) !== mark.wordBefore || wordOn(text, start, end, 1) !== mark.wordAfter) continue;
      const s = sentenceAround(text, start, end);
      const anchor = anchorAt(text.slice(s.start, s.end), start - s.start, end - s.start);
      if (!sameAnchor(anchor, mark.anchor)) continue;
      const span = { entity: mark.correction.entity, start, end };
      if (out.some((o) => overlaps(o, span))) continue;
      out.push({ ...span, source: 'reader', correction: mark.correction });
    }
  }
  return out;
}

/**
 * One block's mentions with the site's corrections applied: the detector's
 * mentions a correction takes away are `suppressed` (with the correction, so
 * that a card can undo it), the spans the reader marked are added
 * (`source: 'reader'`), and `mentions` is what remains, in text order.
 */
export function correctBlock(
  text: string,
  mentions: readonly BlockMention[],
  site: SiteCorrections,
): { mentions: CorrectedMention[]; suppressed: SuppressedMention[] } {
  if (site.size === 0) return { mentions: mentions.map((m) => ({ ...m, source: 'engine' })), suppressed: [] };
  const marked = site.marks.length ? markedSpans(text, site.marks) : [];
  const kept: CorrectedMention[] = [];
  const suppressed: SuppressedMention[] = [];
  for (const m of mentions) {
    const plain = { entity: m.entity, start: m.start, end: m.end };
    const mark = marked.find((r) => overlaps(r, m));
    if (mark) {
      // The reader's mark wins over what the detector found there; the same span of the same entity is kept as found.
      if (mark.entity === m.entity && mark.start === m.start && mark.end === m.end) {
        marked.splice(marked.indexOf(mark), 1);
        kept.push({ ...plain, source: 'engine' });
      } else suppressed.push({ ...plain, correction: mark.correction! });
      continue;
    }
    const off = site.notHere.get(m.entity);
    if (off) {
      suppressed.push({ ...plain, correction: off });
      continue;
    }
    const notThis = site.notThis.get(m.entity);
    if (notThis) {
      const s = sentenceAround(text, m.start, m.end);
      const anchor = anchorAt(text.slice(s.start, s.end), m.start - s.start, m.end - s.start);
      const hit = notThis.find((n) => sameAnchor(anchor, n.anchor));
      if (hit) {
        suppressed.push({ ...plain, correction: hit.correction });
        continue;
      }
    }
    kept.push({ ...plain, source: 'engine' });
  }
  const all = [...kept, ...marked].sort((a, b) => a.start - b.start || b.end - a.end);
  return { mentions: all, suppressed };
}
