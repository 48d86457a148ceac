/**
 * The background's browser edges: one message router (sender checked, shape
 * validated), the NLP classifier (compromise lives only in this bundle), the
 * toolbar badge, keyboard commands and card-bundle injection.
 *
 * Other features add handlers for their own message types through
 * `registerHandler` (getCard, openTimeline) from their own module, imported
 * in entrypoints/background.ts.
 */
import { browser, type Browser } from 'wxt/browser';
import { classify, nlpRunCount, nlpTime } from '../detect/classify';
import { t } from '../i18n';
import { PAGE_SETTINGS_KEY, type BackgroundRequest, type ClassifyResponse } from '../messages';
import { badgeText, commandDirection, FrameCounts } from './badge';
import { classifyCached, DecisionCache } from './classify-cache';
import { CLASSIFY_STATS_KEY, ClassifyStats, type NlpProbe } from './classify-stats';
import { parseBackgroundRequest } from './validate';
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
/** Per-tab classifier costs, for `npm run bench` (read through the worker's global, see startBackground). */
const classifyStats = new ClassifyStats();
/** Frames the card bundle was injected into (`tabId:frameId`); cleared when the tab navigates. */
const cardFrames = new Set<string>();

function action() {
  // MV3 (Chrome) has `action`; Firefox's MV2 build has `browserAction`.
  return browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
}

function setBadge(tabId: number, count: number): void {
  const a = action();
  if (!a) return;
  a.setBadgeText({ tabId, text: badgeText(count) }).catch(() => undefined);
  // The toolbar button's tooltip says what the number is, in the UI language.
  a.setTitle({ tabId, title: count > 0 ? t('badgeTitle', count) : t('extName') }).catch(() => undefined);
}

const nlpProbe = (): NlpProbe => ({ runs: nlpRunCount(), ...nlpTime() });

export function handleClassify(
  items: Parameters<typeof classify>[0],
  context: readonly string[],
  tabId?: number,
): ClassifyResponse {
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
    // No card bundle yet, or the frame went away: the page keeps its highlights without cards.
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
  // The worker's clock starts with the worker: this is how long compiling and evaluating the bundle took.
  classifyStats.workerReady(performance.now());
  // Readable by code running in this worker only (the bench's service-worker evaluate); no message answers it.
  (globalThis as Record<string, unknown>)[CLASSIFY_STATS_KEY] = () => classifyStats.snapshot();
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
    const parsed = parseBackgroundRequest(msg);
    if (!parsed.ok) return Promise.resolve({ error: parsed.error });
    const handler = handlers.get(parsed.request.type);
    if (!handler) return undefined; // Another listener (or nobody) answers it.
    try {
      return Promise.resolve(handler(parsed.request, sender)).catch((error: unknown) => ({ error: String(error) }));
    } catch (error) {
      return Promise.resolve({ error: String(error) });
    }
  });

  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status !== 'loading') return;
    counts.clear(tabId);
    classifyStats.clear(tabId);
    forgetCardFrames(tabId);
    setBadge(tabId, 0);
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    counts.clear(tabId);
    classifyStats.clear(tabId);
    forgetCardFrames(tabId);
  });
  browser.commands?.onCommand.addListener((command, tab) => {
    onCommand(command, tab).catch(() => undefined);
  });
}
