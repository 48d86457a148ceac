/**
 * /first-stage.js: the page layer's first stage (the careful walk, the mention
 * requests, the store), injected by the background into a frame once its gate
 * (content.js) has found a candidate there. Never declared as a content script:
 * frames whose text has no candidate never load it. It stops with the gate's
 * signal (a newer copy of the content script, the extension going away).
 */
import { fromWorld, GATE_KEY } from '../src/page/bridge';
import { report } from '../src/page/guard';
import { startPageLayer } from '../src/page/main';
import type { PageStats } from '../src/page/stats';

const isGate = (v: unknown): v is { signal: AbortSignal; stats: PageStats | null } =>
  typeof v === 'object' && v !== null && (v as { signal?: unknown }).signal instanceof AbortSignal;

export default defineUnlistedScript(() => {
  try {
    const gate = fromWorld(GATE_KEY, isGate);
    if (gate && !gate.signal.aborted) startPageLayer(gate.signal, gate.stats);
  } catch (error) {
    report(error);
  }
});
