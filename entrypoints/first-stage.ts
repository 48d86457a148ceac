/**
 * /first-stage.js: the page layer's first stage (the careful walk, the mention
 * requests, the store), injected by the background into a frame once its gate
 * (content.js) has found a candidate there; it takes over the gate's sweep. Never declared as a content script:
 * frames whose text has no candidate never load it. It stops with the gate's
 * signal (a newer copy of the content script, the extension going away).
 */
import { fromWorld, GATE_KEY } from '../src/page/bridge';
import type { Gate } from '../src/page/gate';
import { report } from '../src/page/guard';
import { startPageLayer } from '../src/page/main';

const isGate = (v: unknown): v is Pick<Gate, 'signal' | 'stats' | 'takeOver'> =>
  typeof v === 'object' && v !== null && typeof (v as { takeOver?: unknown }).takeOver === 'function';

export default defineUnlistedScript(() => {
  try {
    const gate = fromWorld(GATE_KEY, isGate);
    // Null: nothing to take over (injected twice, or the gate stopped).
    const handoff = gate?.takeOver();
    if (gate && handoff) startPageLayer(gate.signal, handoff, gate.stats);
  } catch (error) {
    report(error);
  }
});
