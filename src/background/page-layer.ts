/**
 * The background's side of the page layer, registered with the message router
 * on import (entrypoints/background.ts imports this module):
 *
 * - the sieve every page runs (src/detect/sieve.ts), built from the names and
 *   the reader's detection settings, mirrored with the site rules into
 *   storage.local where every frame's gate reads it (`getPageSieve`
 *   answers where the mirror is missing);
 * - `findMentions`: the blocks of text a page's sieve let through → the
 *   mentions in each, decided as `detect()` decides (src/detect/find.ts), the
 *   classifier's answers cached and counted per tab as before;
 * - `loadFirstStage`: injects the first stage (/first-stage.js) into the frame
 *   whose gate (content.js) found a candidate;
 * - `loadPageLayer`: injects the second stage (/page-layer.js) into the frame
 *   that found mentions;
 * - `paintStyle`: inserts the `::highlight()` rules for that frame's own
 *   highlight names into that frame only (`scripting.insertCSS`), replacing the
 *   previous ones: no stylesheet in any frame without a mention, and no reader
 *   setting in the page's DOM.
 */
import { browser, type Browser } from 'wxt/browser';
import { correctBlock } from '../corrections/apply';
import { ENTITY_NAMES } from '../dataset/names';
import { findMentions, type FoundMention } from '../detect/find';
import { sentenceAround } from '../detect/sentences';
import { scannerFor } from '../detect/index';
import { Sieve, sieveSpec, type SieveSpec } from '../detect/sieve';
import { highlightCss } from '../highlights/css';
import { PAGE_CORRECTIONS_PREFIX, PAGE_SIEVE_KEY, type FoundInText, type PageSieve } from '../messages';
import { FIRST_STAGE_SYMBOL } from '../page/bridge';
import type { Settings } from '../settings/schema';
import { getSettings, watchSettings } from '../settings/store';
import { senderSite, siteCorrections } from './corrections';
import { handleClassify, registerHandler } from './index';
import { PAGE_LAYER_STATS_KEY, type PageLayerTabStats } from './page-layer-stats';

type Sender = Browser.runtime.MessageSender;

const KINDS = new Map<string, Settings['disabledKinds'][number]>(ENTITY_NAMES.map((n) => [n.id, n.kind]));

let settings: Promise<Settings> | null = null;
const current = (): Promise<Settings> => (settings ??= getSettings());

const sieves = new Map<string, SieveSpec | null>();

/** The sieve for these detection settings (the built-in names' when the reader's aliases do not compile). */
export function pageSieve(s: Settings): PageSieve {
  const key = JSON.stringify(s.detection);
  let spec = sieves.get(key);
  if (spec === undefined) {
    spec = sieveSpec(ENTITY_NAMES, { mode: s.detection.mode, extraAliases: s.detection.extraAliases });
    try {
      // oxlint-disable-next-line no-new -- built only to learn whether its RegExp compiles
      if (spec) new Sieve(spec);
    } catch {
      spec = sieveSpec(ENTITY_NAMES, { mode: s.detection.mode });
    }
    if (sieves.size > 8) sieves.clear();
    sieves.set(key, spec);
  }
  return { spec, sites: s.sites };
}

function mirror(s: Settings): Promise<void> {
  return browser.storage.local.set({ [PAGE_SIEVE_KEY]: pageSieve(s) });
}

/** Where a frame's scripts and styles go: that document if the browser says which (Chrome), else that frame. */
type Target = { tabId: number; frameIds: number[] } | { tabId: number; documentIds: string[] };

function targetOf(sender: Sender): Target | null {
  const tabId = sender.tab?.id;
  if (tabId === undefined) return null;
  const documentId = (sender as { documentId?: string }).documentId;
  return documentId ? { tabId, documentIds: [documentId] } : { tabId, frameIds: [sender.frameId ?? 0] };
}

registerHandler('getPageSieve', async () => {
  const s = await current();
  await mirror(s).catch(() => undefined);
  return pageSieve(s);
});

/** Benchmark counters (page-layer-stats.ts), behind the build flag. */
const perTab = new Map<number, PageLayerTabStats>();
if (__LENS_BENCH__) (globalThis as Record<string, unknown>)[PAGE_LAYER_STATS_KEY] = () => Object.fromEntries(perTab);

registerHandler('findMentions', async (req, sender) => {
  const s = await current();
  const t0 = __LENS_BENCH__ ? performance.now() : 0;
  const scanner = scannerFor({ mode: s.detection.mode, extraAliases: s.detection.extraAliases });
  const tabId = sender.tab?.id;
  const found = findMentions(
    req.texts,
    scanner,
    (items, context) => handleClassify(items, context, tabId).decisions,
    req.context,
  );
  if (__LENS_BENCH__ && tabId !== undefined) {
    const st = perTab.get(tabId) ?? { requests: 0, texts: 0, chars: 0, ms: 0 };
    st.requests++;
    st.texts += req.texts.length;
    st.chars += req.texts.reduce((n, t) => n + t.length, 0);
    st.ms += performance.now() - t0;
    perTab.set(tabId, st);
  }
  const corrections = await siteCorrections(senderSite(sender));
  return { found: found.map((list, i) => answerFor(req.texts[i]!, list, corrections)) };
});

/** One text's answer: its mentions with the site's corrections applied, in text order. */
function answerFor(
  text: string,
  list: readonly FoundMention[],
  corrections: Awaited<ReturnType<typeof siteCorrections>>,
): FoundInText[] {
  const out: FoundInText[] = [];
  const push = (
    m: { entity: string; start: number; end: number },
    viaNlp: boolean,
    sentence: { start: number; end: number },
    flag?: { reader: true } | { suppressed: true },
  ) => {
    const kind = KINDS.get(m.entity);
    if (kind)
      out.push({
        entity: m.entity,
        kind,
        start: m.start,
        end: m.end,
        viaNlp,
        sentenceStart: sentence.start,
        sentenceEnd: sentence.end,
        ...flag,
      });
  };
  if (corrections.size === 0) {
    for (const m of list) push(m, m.viaNlp, m.sentence);
    return out;
  }
  const byKey = new Map(list.map((m) => [`${m.start}:${m.end}:${m.entity}`, m]));
  const { mentions, suppressed } = correctBlock(text, list, corrections);
  for (const c of mentions) {
    const engine = c.source === 'engine' ? byKey.get(`${c.start}:${c.end}:${c.entity}`) : undefined;
    if (engine) push(engine, engine.viaNlp, engine.sentence);
    else push(c, false, sentenceAround(text, c.start, c.end), { reader: true });
  }
  // The detector's mentions the corrections took away go along, flagged: the page keeps them unpainted, for the
  // labelled-sentences export (a reader's mark that gave way is no detector's mention: it is left out).
  for (const c of suppressed) {
    const engine = byKey.get(`${c.start}:${c.end}:${c.entity}`);
    if (engine) push(engine, engine.viaNlp, engine.sentence, { suppressed: true });
  }
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  return out;
}

/** Injects one of the page layer's bundles into the sending frame. */
async function inject(
  sender: Sender,
  file: '/first-stage.js' | '/page-layer.js',
): Promise<{ ok: boolean; error?: string }> {
  const target = targetOf(sender);
  if (!target) return { ok: false };
  try {
    await browser.scripting.executeScript({ target, files: [file] });
    return { ok: true };
  } catch (error) {
    // The frame went away (or the bundle is missing): the page keeps its text, unmarked.
    return { ok: false, error: String(error) };
  }
}

registerHandler('loadFirstStage', (_req, sender) => inject(sender, '/first-stage.js'));
registerHandler('loadPageLayer', (_req, sender) => inject(sender, '/page-layer.js'));

registerHandler('paintStyle', async (req, sender) => {
  const target = targetOf(sender);
  if (!target) return { ok: false };
  // The new rules first, then the old ones out: the marks never go unstyled in between.
  if (req.style) await browser.scripting.insertCSS({ target, css: highlightCss(req.style, req.names) });
  if (req.previous)
    await browser.scripting.removeCSS({ target, css: highlightCss(req.previous, req.names) }).catch(() => undefined);
  return { ok: true };
});

/** The storage keys whose changes every page's gate or first stage follows (the sieve, a site's corrections). */
export function isPageMirrorKey(key: string): boolean {
  return key === PAGE_SIEVE_KEY || key.startsWith(PAGE_CORRECTIONS_PREFIX);
}

/**
 * Hands a changed mirror value to the gate or first stage of every frame of every tab, by a function run in
 * the content scripts' isolated world (the page cannot reach it). A frame whose text had no candidate
 * registers no storage listener, so that a page pays for none (src/page/gate.ts): this
 * is how it learns of a new alias or a site switched back on. Frames without our script ignore it.
 */
async function pushToPages(key: string, value: unknown): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs.map((tab) =>
      tab.id === undefined
        ? Promise.resolve()
        : browser.scripting
            .executeScript({
              target: { tabId: tab.id, allFrames: true },
              args: [FIRST_STAGE_SYMBOL, key, value ?? null],
              func: (symbol: string, k: string, v: unknown) => {
                const stage = (globalThis as Record<symbol, unknown>)[Symbol.for(symbol)] as
                  { pushed?: (key: string, value: unknown) => void } | undefined;
                if (typeof stage?.pushed === 'function') stage.pushed(k, v ?? undefined);
              },
            })
            .catch(() => undefined),
    ),
  );
}

/** Keeps the mirror current: at start-up and whenever the settings change; and the pages told of its changes. */
export function startPageLayerSupport(): void {
  current()
    .then(mirror)
    .catch(() => undefined);
  watchSettings((s) => {
    settings = Promise.resolve(s);
    mirror(s).catch(() => undefined);
  });
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    for (const [key, change] of Object.entries(changes)) {
      // Written again unchanged (every worker start writes the sieve): nothing to tell.
      if (!isPageMirrorKey(key) || JSON.stringify(change.oldValue) === JSON.stringify(change.newValue)) continue;
      pushToPages(key, change.newValue).catch(() => undefined);
    }
  });
}
