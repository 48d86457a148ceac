/**
 * The page's mentions as CSV and JSON, for researchers who take them into a
 * spreadsheet or a script. Pure: the popup turns the strings into downloads.
 */
import type { PageMention } from '../messages';

export interface MentionRow {
  /** Entity id from the dataset (stable across languages and releases). */
  entity: string;
  /** The entity's display name. */
  name: string;
  /** The mention as written on the page. */
  text: string;
  /** The sentence around it. */
  sentence: string;
  /** The page it was found on (the tab's top page). */
  url: string;
  /** The document it is in: the page itself, or the iframe's URL for a mention inside a frame. */
  frame: string;
}

export const CSV_COLUMNS = [
  'entity',
  'name',
  'text',
  'sentence',
  'url',
  'frame',
] as const satisfies readonly (keyof MentionRow)[];

/**
 * One row per mention, in document order (the top page's, then each frame's); an unknown entity id
 * is kept, named by its id. A mention without `frameUrl` is in the page itself.
 */
export function mentionRows(
  page: { url: string; mentions: readonly (PageMention & { frameUrl?: string })[] },
  nameOf: (id: string) => string | undefined,
): MentionRow[] {
  return page.mentions.map((m) => ({
    entity: m.entity,
    name: nameOf(m.entity) ?? m.entity,
    text: m.text,
    sentence: m.sentence,
    url: page.url,
    frame: m.frameUrl ?? page.url,
  }));
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, line break or
 * edge space, inner quotes doubled. Page text is untrusted, so a field that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
 * apostrophe, the OWASP-recommended defuse, and is then quoted.
 */
export function csvField(value: string): string {
  let s = value;
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  if (/[",\r\n]|^\s|\s$/.test(s) || s !== value) return '"' + s.replace(/"/g, '""') + '"';
  return s;
}

/**
 * The rows as CSV: header line, CRLF line ends (RFC 4180), and a UTF-8 byte
 * order mark so that Excel reads Chinese names as UTF-8 rather than ANSI.
 */
export function toCsv(rows: readonly MentionRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) lines.push(CSV_COLUMNS.map((c) => csvField(r[c])).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

export interface MentionsJson {
  url: string;
  /** ISO timestamp of the export. */
  exportedAt: string;
  count: number;
  mentions: MentionRow[];
}

export function toJson(rows: readonly MentionRow[], url: string, now: Date): string {
  const doc: MentionsJson = { url, exportedAt: now.toISOString(), count: rows.length, mentions: [...rows] };
  return JSON.stringify(doc, null, 2) + '\n';
}

/** `partnership-lens-mentions-example.com-2024-05-01.csv`: the host, the day, nothing a file system rejects. */
export function exportFileName(url: string, now: Date, ext: 'csv' | 'json'): string {
  let host = 'page';
  try {
    host = new URL(url).hostname || 'page';
  } catch {
    /* keep "page" */
  }
  host = host.replace(/[^a-z0-9.-]/gi, '_');
  return `partnership-lens-mentions-${host}-${now.toISOString().slice(0, 10)}.${ext}`;
}
