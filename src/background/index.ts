/**
 * The background's browser edges: one message router (sender checked, every
 * request parsed with its schema from src/messages.ts), the NLP classifier
 * (compromise lives only in this bundle), the toolbar badge, keyboard
 * commands, card-bundle injection and the settings mirror the pages read.
 *
 * Other features add handlers for their own message types through
 * `registerHandler` (getCard, openTimeline: src/background/card-messages.ts),
 * imported in entrypoints/background.ts.
 */
import { browser, type Browser } from 'wxt/browser';
import { classify } from '../detect/classify';
import { nlpRunCount, nlpTime } from '../detect/nlp';
import type { ClassifyItem } from '../detect/types';
import { t } from '../i18n';
import {
  BackgroundRequestSchema,
  PAGE_SETTINGS_KEY,
  parseMessage,
  type BackgroundRequest,
  type ClassifyResponse,
} from '../messages';
import { badgeText, commandDirection, FrameCounts } from './badge';
import { classifyCached, DecisionCache } from './classify-cache';
import { CLASSIFY_STATS_KEY, ClassifyStats, type NlpProbe } from './classify-stats';
import { getSettings, watchSettings } from '../settings/store';
import type { Settings } from '../settings/schema';

type Sender = Browser.runtime.MessageSender;
type Handler<T extends BackgroundRequest['type']> = (
  request: Extract<BackgroundRequest, { type: T }>,
  sender: Sender,
) => unknown;

type AnyHandler = (request: BackgroundRequest, sender: Sender) => unknown;
const handlers = new Map<string, AnyHandler>();

export function registerHandler<T extends BackgroundRequest['type']>(type: T, handler: Handler<T>): void {
  handlers.set(type, handler as unknown as AnyHandler);
}

const counts = new FrameCounts();
const cache = new DecisionCache();
/**
 * Per-tab classifier costs, for `npm run bench` (read through the worker's global, see startBackground);
 * only in benchmark builds (`__LENS_BENCH__`, src/build-flags.d.ts): the store build records nothing.
 */
const classifyStats = __LENS_BENCH__ ? new ClassifyStats() : null;
/** Frames the card bundle was injected into (`tabId:frameId`); cleared when the tab navigates. */
const cardFrames = new Set<string>();

function setBadge(tabId: number, count: number): void {
  // Every build is MV3 (wxt.config.ts), Firefox's too: the toolbar button is `browser.action`.
  browser.action.setBadgeText({ tabId, text: badgeText(count) }).catch(() => undefined);
  // The toolbar button's tooltip says what the number is, in the UI language.
  browser.action.setTitle({ tabId, title: count > 0 ? t('badgeTitle', count) : t('extName') }).catch(() => undefined);
}

const nlpProbe = (): NlpProbe => ({ runs: nlpRunCount(), ...nlpTime() });

export function handleClassify(
  items: readonly ClassifyItem[],
  context: readonly string[],
  tabId?: number,
): ClassifyResponse {
  if (!classifyStats) return { decisions: classifyCached(cache, items, context, classify) };
  const before = nlpProbe();
  const t0 = performance.now();
  let classified = 0;
  const decisions = classifyCached(cache, items, context, (i, c) => {
    classified += i.length;
    return classify(i, c);
  });
  const handlerMs = performance.now() - t0;
  const chars = items.reduce((n, i) => n + i.sentence.length, 0);
  classifyStats.record(tabId, {
    sentences: items.length,
    chars,
    cacheHits: items.length - classified,
    handlerMs,
    before,
    after: nlpProbe(),
  });
  return { decisions };
}

registerHandler('classify', (req, sender) => handleClassify(req.items, req.context, sender.tab?.id));

registerHandler('mentionCount', (req, sender) => {
  const tabId = sender.tab?.id;
  if (tabId === undefined) return { ok: false };
  setBadge(tabId, counts.set(tabId, sender.frameId ?? 0, req.count));
  return { ok: true };
});

registerHandler('loadCard', async (_req, sender) => {
  const tabId = sender.tab?.id;
  const frameId = sender.frameId ?? 0;
  if (tabId === undefined) return { ok: false };
  const key = `${tabId}:${frameId}`;
  if (cardFrames.has(key)) return { ok: true };
  cardFrames.add(key);
  try {
    await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: ['/card.js'] });
    return { ok: true };
  } catch (error) {
    // The frame went away (or navigated), or the browser will not inject into it: the page keeps its
    // highlights without cards, and the next request tries again.
    cardFrames.delete(key);
    return { ok: false, error: String(error) };
  }
});

/** Mirrors validated settings where every page can read them cheaply (see src/page/settings.ts). */
function mirrorSettings(s: Settings): Promise<void> {
  return browser.storage.local.set({ [PAGE_SETTINGS_KEY]: s });
}

registerHandler('getSettings', async () => {
  const s = await getSettings();
  await mirrorSettings(s).catch(() => undefined);
  return s;
});

async function onCommand(command: string, tab?: Browser.tabs.Tab): Promise<void> {
  const direction = commandDirection(command);
  if (!direction) return;
  const tabId = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (tabId === undefined) return;
  await browser.tabs.sendMessage(tabId, { type: 'navigateMention', direction }, { frameId: 0 }).catch(() => undefined);
}

/** The tab navigated or closed: its frames will need the card bundle again. */
function forgetCardFrames(tabId: number): void {
  // Deleting while iterating a Set is safe: entries not yet visited are still visited once.
  for (const k of cardFrames) if (k.startsWith(`${tabId}:`)) cardFrames.delete(k);
}

export function startBackground(): void {
  if (classifyStats) {
    // The worker's clock starts with the worker: this is how long compiling and evaluating the bundle took.
    classifyStats.workerReady(performance.now());
    // Readable by code running in this worker only (the bench's service-worker evaluate); no message answers it.
    (globalThis as Record<string, unknown>)[CLASSIFY_STATS_KEY] = () => classifyStats.snapshot();
  }
  getSettings()
    .then(mirrorSettings)
    .catch(() => undefined);
  watchSettings((s) => {
    mirrorSettings(s).catch(() => undefined);
  });

  // A returned promise is the reply (webextension-polyfill's form of sendResponse).
  // oxlint-disable-next-line typescript/no-misused-promises
  browser.runtime.onMessage.addListener((msg: unknown, sender: Sender) => {
    // Only our own contexts: web pages (externally_connectable is not declared) and other extensions are refused.
    if (sender.id !== browser.runtime.id) return undefined;
    const parsed = parseMessage(BackgroundRequestSchema, msg);
    if (!parsed.ok) return Promise.resolve({ error: parsed.error });
    const handler = handlers.get(parsed.value.type);
    // Every request type has a handler once entrypoints/background.ts has imported the feature modules.
    if (!handler) return undefined;
    try {
      return Promise.resolve(handler(parsed.value, sender)).catch((error: unknown) => ({ error: String(error) }));
    } catch (error) {
      return Promise.resolve({ error: String(error) });
    }
  });

  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status !== 'loading') return;
    counts.clear(tabId);
    classifyStats?.clear(tabId);
    forgetCardFrames(tabId);
    setBadge(tabId, 0);
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    counts.clear(tabId);
    classifyStats?.clear(tabId);
    forgetCardFrames(tabId);
  });
  browser.commands?.onCommand.addListener((command, tab) => {
    onCommand(command, tab).catch(() => undefined);
  });
}
