/**
 * The extension i18n message format (`public/_locales/<locale>/messages.json`),
 * as browsers read it: `$NAME$` in a message stands for the placeholder
 * `name` (case-insensitive), whose `content` holds `$1`…`$9` for the
 * substitutions; `$$` is a literal `$`. Pure, so Node (unit tests, tools)
 * can render messages exactly as `i18n.getMessage` does in the browser.
 */

export interface MessageEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

export type MessageCatalogue = Record<string, MessageEntry>;

const NAMED = /\$([A-Za-z0-9_@]+)\$/g;

/** The placeholder names a message uses, lower-cased, in order of first use. */
export function placeholdersUsed(message: string): string[] {
  const out: string[] = [];
  for (const m of message.matchAll(NAMED)) {
    const name = m[1]!.toLowerCase();
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

/** Renders one entry with positional substitutions ($1 = subs[0]). */
export function formatMessage(entry: MessageEntry, subs: readonly string[] = []): string {
  const placeholders = Object.fromEntries(
    Object.entries(entry.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]),
  );
  const positional = (s: string) => s.replace(/\$(\d)/g, (_, d: string) => subs[Number(d) - 1] ?? '');
  // `$$` first becomes a private-use mark so that it cannot start a `$NAME$`.
  const DOLLAR = '\uE001';
  return entry.message
    .replace(/\$\$/g, DOLLAR)
    .replace(NAMED, (whole, name: string) => {
      const content = placeholders[name.toLowerCase()];
      return content === undefined ? whole : positional(content);
    })
    .replaceAll(DOLLAR, '$');
}

/**
 * `getMessage` over a catalogue, as the browser renders it: for Node, where
 * there is no i18n API (the command line, tests). An unknown key gives ''.
 */
export function catalogueGetMessage(catalogue: MessageCatalogue): (name: string, subs?: string | string[]) => string {
  return (name, subs) => {
    const entry = catalogue[name];
    return entry ? formatMessage(entry, subs === undefined ? [] : Array.isArray(subs) ? subs : [subs]) : '';
  };
}
