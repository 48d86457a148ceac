/**
 * The reader's corrections as the page layer and the card's messages need them
 * (pure, for the background: src/background/corrections.ts):
 * - `correctionsSummary`, `mirrorChanges`: what the background mirrors per
 *   corrected site for the pages of that site (a revision that changes with the
 *   site's corrections, the texts the reader marked there), and which keys a
 *   change writes;
 * - `checkUndo`: an undo a card sends back, checked again and held to the
 *   sender's own site.
 */
import * as v from 'valibot';
import type { PageCorrections } from '../messages';
import { CorrectionSchema, correctionKey, type Change, type Correction, type Corrections } from './model';

/** FNV-1a of a string, in base 36: a revision that changes when the text does. */
function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/** What each corrected site's mirror carries (see PageCorrections), by site; sites without corrections are absent. */
export function correctionsSummary(c: Corrections): Map<string, PageCorrections> {
  const sites = new Map<string, Correction[]>();
  for (const item of c.items) {
    const list = sites.get(item.site);
    if (list) list.push(item);
    else sites.set(item.site, [item]);
  }
  const out = new Map<string, PageCorrections>();
  for (const [site, items] of sites) {
    const keys = items.map(correctionKey).sort();
    const marks = [...new Set(items.flatMap((i) => (i.kind === 'mark' ? [i.text] : [])))];
    out.set(site, { rev: `${items.length}.${hash(keys.join('\u0001'))}`, marks });
  }
  return out;
}

/**
 * The storage writes that bring the mirror from `before` to `after`: the sites whose summary changed
 * (set) and those that no longer have corrections (removed). Nothing for a site that did not change, so
 * its open pages are not read again.
 */
export function mirrorChanges(
  before: ReadonlyMap<string, PageCorrections>,
  after: ReadonlyMap<string, PageCorrections>,
): { set: Map<string, PageCorrections>; remove: string[] } {
  const set = new Map<string, PageCorrections>();
  for (const [site, now] of after) {
    const was = before.get(site);
    if (!was || was.rev !== now.rev || was.marks.join('\u0001') !== now.marks.join('\u0001')) set.set(site, now);
  }
  return { set, remove: [...before.keys()].filter((site) => !after.has(site)) };
}

/**
 * The undo of an earlier `correct`: each change is checked again (a correction by the model's schema) and
 * must be of the sender's own site, so a frame can only ever change its own site's corrections.
 */
export function checkUndo(undo: readonly unknown[], site: string): Change[] | null {
  const out: Change[] = [];
  for (const u of undo) {
    if (typeof u !== 'object' || u === null) return null;
    const c = u as { op?: unknown; key?: unknown; correction?: unknown };
    if (c.op === 'remove' && typeof c.key === 'string') {
      if (c.key.split('\u0000')[1] !== site) return null;
      out.push({ op: 'remove', key: c.key });
    } else if (c.op === 'add') {
      const r = v.safeParse(CorrectionSchema, c.correction);
      if (!r.success || r.output.site !== site) return null;
      out.push({ op: 'add', correction: r.output });
    } else return null;
  }
  return out;
}
