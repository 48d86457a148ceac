/**
 * Wires the page layer to the extension: settings (live), messages from the
 * popup/background, the bridge for the card bundle. Everything that can run
 * is wrapped by `guard`, so the page never sees an exception of ours.
 */
import type { BackgroundRequest, ClassifyResponse } from '../messages';
import type { Settings } from '../settings/schema';
import { isSiteEnabled } from '../settings/sites';
import { BRIDGE_KEY } from './bridge';
import { createPageDetector } from './detector';
import { needsRescan } from './filter';
import { guard, report, runGuarded } from './guard';
import { Lens } from './lens';
import { ext } from './native';
import { frameHosts, parseContentRequest } from './requests';
import { loadPageSettings, watchPageSettings } from './settings';
import { isGetStats, measuredDeps, pageStats } from './stats';

function send(msg: BackgroundRequest): Promise<unknown> {
  return ext.runtime.sendMessage(msg);
}

function siteEnabled(settings: Settings): boolean {
  const hosts = frameHosts(
    location.hostname,
    self.origin,
    location.ancestorOrigins ? [...location.ancestorOrigins] : [],
  );
  return hosts.every((h) => isSiteEnabled(settings.sites, h));
}

export function startPageLayer(signal: AbortSignal): void {
  let lens: Lens | null = null;
  let cardRequested = false;
  let settings: Settings | null = null;

  const requestCard = () => {
    if (cardRequested || signal.aborted) return;
    cardRequested = true;
    const load = guard(() => runGuarded(() => send({ type: 'loadCard' })));
    // At idle: the card bundle is not needed for the first paint.
    if (typeof requestIdleCallback === 'function') requestIdleCallback(load, { timeout: 2000 });
    else setTimeout(load, 200);
  };

  const onPointer = guard((e: PointerEvent) => {
    if (cardRequested || !lens) return;
    if (lens.mentionAt(e.clientX, e.clientY)) requestCard();
  });

  const stop = () => {
    lens?.destroy();
    lens = null;
    if (globalThis[BRIDGE_KEY]) globalThis[BRIDGE_KEY] = undefined;
    void send({ type: 'mentionCount', count: 0 }).catch(() => undefined);
  };

  const begin = (s: Settings) => {
    // measuredDeps: times scan/classify/paint for {type:'getStats'} (npm run bench).
    lens = new Lens(
      measuredDeps({
        doc: document,
        settings: s,
        detector: createPageDetector,
        classify: async (items, context) => {
          const res = (await send({ type: 'classify', items, context })) as ClassifyResponse | undefined;
          if (!res || !Array.isArray(res.decisions)) throw new Error('classify: no decisions in reply');
          return res.decisions;
        },
        onCount: (count) => runGuarded(() => send({ type: 'mentionCount', count })),
        wantCard: requestCard,
      }),
    );
    globalThis[BRIDGE_KEY] = lens.bridge;
    lens.start();
  };

  const apply = (next: Settings) => {
    const prev = settings;
    settings = next;
    const on = siteEnabled(next);
    if (!on) {
      if (lens) stop();
      return;
    }
    if (!lens) begin(next);
    else lens.updateSettings(next, prev ? needsRescan(prev, next) : false);
  };

  const answer = (msg: unknown): unknown => {
    const req = parseContentRequest(msg);
    if (!req) return undefined;
    switch (req.type) {
      case 'getMentions':
        return lens ? lens.getMentions() : { url: location.href, mentions: [] };
      case 'scrollToMention': {
        if (!lens) return { found: false, index: -1, total: 0 };
        const r = lens.scrollToMention(req.entity);
        // From the popup's list: the card opens on the mention just scrolled to (readers hook, see bridge.ts NavigateRequest).
        if (req.openCard && r.found) lens.navigate({ entity: req.entity, index: r.index });
        return r;
      }
      case 'navigateMention':
        lens?.navigate(req.direction);
        return { ok: !!lens };
    }
  };

  // sendResponse (not a returned promise): the one form native Chrome and Firefox both accept.
  const onMessage = (msg: unknown, sender: { id?: string }, sendResponse: (r: unknown) => void): boolean => {
    if (sender.id !== ext.runtime.id) return false;
    let reply: unknown;
    try {
      reply = isGetStats(msg) ? pageStats().snapshot(lens?.mentions().length ?? 0) : answer(msg);
    } catch (error) {
      report(error);
      reply = { error: 'failed' };
    }
    if (reply === undefined) return false;
    sendResponse(reply);
    return false;
  };

  ext.runtime.onMessage.addListener(onMessage as never);
  document.addEventListener('pointermove', onPointer, { passive: true, capture: true });
  const unwatch = watchPageSettings(guard(apply));
  signal.addEventListener('abort', () => {
    ext.runtime.onMessage.removeListener(onMessage as never);
    document.removeEventListener('pointermove', onPointer, { capture: true });
    unwatch();
    lens?.destroy();
    lens = null;
  });
  runGuarded(async () => {
    const s = await loadPageSettings();
    if (!signal.aborted && !settings) apply(s);
  });
}
