/**
 * Sentence spans around a candidate, so that only that sentence goes to the
 * NLP classifier (in the background). Pure and light: the content script uses it.
 */

export interface Span {
  start: number;
  end: number;
}

/** Longest stretch sent to the classifier on either side of a candidate (unpunctuated text, tables…). */
export const MAX_SIDE = 400;

/** Abbreviations whose full stop does not end a sentence ("Dr. Harry Shum", "Xiaomi Inc. said"). */
const ABBREVIATIONS = new Set([
  'dr',
  'mr',
  'mrs',
  'ms',
  'prof',
  'st',
  'sr',
  'jr',
  'inc',
  'corp',
  'co',
  'ltd',
  'vs',
  'etc',
  'e.g',
  'i.e',
  'u.s',
  'u.k',
  'no',
  'fig',
  'gen',
  'gov',
  'rep',
  'sen',
  'mt',
  'approx',
  'dept',
  'est',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
]);

const TERMINATORS = '.!?…';
const CJK_TERMINATORS = '。！？';
const CLOSERS = `"'”’)]»`;

/** Whether a sentence ends right after `text[i]` (a terminator). */
function endsAt(text: string, i: number): boolean {
  const ch = text[i]!;
  if (CJK_TERMINATORS.includes(ch)) return true;
  if (!TERMINATORS.includes(ch)) return false;
  let j = i + 1;
  while (j < text.length && CLOSERS.includes(text[j]!)) j++;
  if (j < text.length && !/\s/.test(text[j]!)) return false; // "3.5", "Amazon.com", "e.g."
  if (ch === '.') {
    const word = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, i - 12), i))?.[1] ?? '';
    if (ABBREVIATIONS.has(word.toLowerCase())) return false;
    if (/^\p{Lu}$/u.test(word)) return false; // an initial: "J. Smith"
    // The next word starting lower-case means the sentence goes on ("approx. ten").
    const next = /\S/.exec(text.slice(j))?.[0];
    if (next && /\p{Ll}/u.test(next)) return false;
  }
  return true;
}

/**
 * Whether a line break at `i` ends a sentence: a blank line always does; a
 * single one does after a short unpunctuated line (a heading) when the next
 * line starts with a capital, but not inside wrapped prose or a name broken
 * across lines ("Microsoft\n  Azure" inside one candidate is never split,
 * because the span is grown outward from the candidate).
 */
function breakAt(text: string, i: number): boolean {
  if (text[i] !== '\n') return false;
  const rest = /^[ \t\r]*(\n)?[ \t\r]*(\S)?/.exec(text.slice(i + 1, i + 200));
  if (!rest || !rest[2]) return true; // end of text or only spaces follow
  if (rest[1]) return true; // blank line
  if (!/[\p{Lu}\p{N}]/u.test(rest[2])) return false;
  const lineStart = text.lastIndexOf('\n', i - 1) + 1;
  const line = text.slice(lineStart, i).trim();
  if (!line) return true;
  const words = line.split(/\s+/).length;
  return words <= 8 && !/[,;:]$/.test(line);
}

/** The span of the sentence holding text[start, end), trimmed of surrounding space. */
export function sentenceAround(text: string, start: number, end: number): Span {
  let s = start;
  const minS = Math.max(0, start - MAX_SIDE);
  while (s > minS) {
    const i = s - 1;
    if (endsAt(text, i) || breakAt(text, i)) break;
    s--;
  }
  let e = end;
  const maxE = Math.min(text.length, end + MAX_SIDE);
  while (e < maxE) {
    if (text[e] === '\n' && breakAt(text, e)) break;
    if (endsAt(text, e)) {
      e++;
      while (e < text.length && CLOSERS.includes(text[e]!)) e++;
      break;
    }
    e++;
  }
  // Cut at the limit on a space rather than mid-word, when there is one nearby.
  if (s === minS && s > 0) {
    const sp = text.indexOf(' ', s);
    if (sp >= 0 && sp < start) s = sp + 1;
  }
  if (e === maxE && e < text.length) {
    const sp = text.lastIndexOf(' ', e);
    if (sp > end) e = sp;
  }
  while (s < start && /\s/.test(text[s]!)) s++;
  while (e > end && /\s/.test(text[e - 1]!)) e--;
  return { start: s, end: e };
}
