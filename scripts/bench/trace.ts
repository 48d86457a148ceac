/**
 * What a Chromium timeline trace says about an extension's cost on one page.
 *
 * Why a trace: a content script runs on the page's main thread, so the Long
 * Tasks API and CDP `Performance.getMetrics` see its work but cannot tell it
 * from the page's own. The trace can: every event carries a process and
 * thread, `EvaluateScript`/`FunctionCall` carry the script URL
 * (chrome-extension://… for an extension), and the V8 sampling profiler in
 * the same trace gives a call stack every ~0.1–1 ms. Work an extension does
 * after `await` (a scheduler.yield continuation, a message reply) shows up
 * only as `RunYieldContinuation` or `RunMicrotasks` with no URL, so time is
 * attributed from the samples: a sample whose stack holds an extension frame
 * is extension time (including layout or style work its code forced).
 *
 * Pure: takes the parsed trace events, returns numbers.
 */

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  id?: string;
  args?: Record<string, unknown>;
}

export interface TraceCost {
  /** Main-thread time attributed to extension code (ms). */
  extensionMs: number;
  /** The longest main-thread task in which extension code did most of the sampled work (ms), or 0. */
  longestTaskMs: number;
  /** The most extension time inside any one task (ms), whoever's task it was. */
  longestExtensionSliceMs: number;
  /** Tasks that ran extension code. */
  tasks: number;
  /** Number of profiler samples on the page's main thread (0 means attribution fell back to events only). */
  samples: number;
  /** Sampled extension time by script (the innermost extension frame's file, e.g. content-scripts/content.js, card.js), ms. */
  byScript: Record<string, number>;
}

interface CpuNode {
  id: number;
  parent?: number;
  callFrame?: { url?: string; functionName?: string };
}

const EXT = 'chrome-extension://';

function data(e: TraceEvent): Record<string, unknown> {
  return (e.args?.data ?? {}) as Record<string, unknown>;
}

/** The renderer process and main thread that showed `pageUrl`. */
export function pageMainThread(events: readonly TraceEvent[], pageUrl: string): { pid: number; tid: number } | null {
  let pid: number | undefined;
  for (const e of events) {
    if (e.name === 'FrameCommittedInBrowser') {
      const d = data(e);
      if (d.url === pageUrl && typeof d.processId === 'number') pid = d.processId;
    }
  }
  if (pid === undefined) {
    const parse = events.find(
      (e) => e.name === 'ParseHTML' && (e.args?.beginData as { url?: string } | undefined)?.url === pageUrl,
    );
    pid = parse?.pid;
  }
  if (pid === undefined) return null;
  const main = events.find(
    (e) =>
      e.ph === 'M' &&
      e.name === 'thread_name' &&
      e.pid === pid &&
      (e.args as { name?: string })?.name === 'CrRendererMain',
  );
  return { pid, tid: main?.tid ?? pid };
}

/** Sample intervals [start, end) in trace microseconds whose stack holds an extension frame, plus the sample count. */
export function extensionSamples(
  events: readonly TraceEvent[],
  pid: number,
  tid: number,
): { spans: [number, number][]; samples: number; byScript: Record<string, number> } {
  const profile = events.find((e) => e.name === 'Profile' && e.pid === pid && e.tid === tid);
  if (!profile || profile.id === undefined) return { spans: [], samples: 0, byScript: {} };
  let t = (data(profile).startTime as number | undefined) ?? profile.ts;
  const nodes = new Map<number, CpuNode>();
  const times: number[] = [];
  const ids: number[] = [];
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.pid !== pid || e.id !== profile.id) continue;
    const d = data(e) as { cpuProfile?: { nodes?: CpuNode[]; samples?: number[] }; timeDeltas?: number[] };
    for (const n of d.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
    const samples = d.cpuProfile?.samples ?? [];
    const deltas = d.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i++) {
      t += deltas[i] ?? 0;
      times.push(t);
      ids.push(samples[i]!);
    }
  }
  // The innermost extension script on a node's stack ('' when none). Parents are listed before children.
  const extUrl = new Map<number, string>();
  const scriptOf = (id: number): string => {
    const known = extUrl.get(id);
    if (known !== undefined) return known;
    const n = nodes.get(id);
    const url = n?.callFrame?.url ?? '';
    const v = url.startsWith(EXT)
      ? url.replace(/^chrome-extension:\/\/[^/]+\//, '')
      : n?.parent !== undefined
        ? scriptOf(n.parent)
        : '';
    extUrl.set(id, v);
    return v;
  };
  const byScript: Record<string, number> = {};
  // Typical sampling interval: a gap much longer than it means the thread was idle or unsampled.
  const gaps = times
    .slice(1)
    .map((x, i) => x - times[i]!)
    .filter((g) => g > 0)
    .sort((a, b) => a - b);
  const typical = gaps.length ? gaps[Math.floor(gaps.length / 2)]! : 1000;
  const spans: [number, number][] = [];
  for (let i = 0; i < times.length; i++) {
    const script = scriptOf(ids[i]!);
    if (!script) continue;
    const start = times[i]!;
    const next = times[i + 1] ?? start + typical;
    const end = Math.min(next, start + 4 * typical);
    spans.push([start, end]);
    byScript[script] = (byScript[script] ?? 0) + (end - start) / 1000;
  }
  return { spans, samples: times.length, byScript };
}

function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

/** The extension's cost on the page's main thread, from one trace of one page load. */
export function extensionCost(events: readonly TraceEvent[], pageUrl: string): TraceCost {
  const none: TraceCost = {
    extensionMs: 0,
    longestTaskMs: 0,
    longestExtensionSliceMs: 0,
    tasks: 0,
    samples: 0,
    byScript: {},
  };
  const main = pageMainThread(events, pageUrl);
  if (!main) return none;
  const { pid, tid } = main;
  const onMain = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X');
  const tasks = onMain.filter((e) => e.name === 'RunTask' && (e.dur ?? 0) > 0).sort((a, b) => a.ts - b.ts);
  // Exactly timed extension entry points (content script evaluation, its callbacks).
  const extEvents = onMain.filter(
    (e) =>
      (e.name === 'EvaluateScript' || e.name === 'FunctionCall') &&
      typeof data(e).url === 'string' &&
      (data(e).url as string).startsWith(EXT),
  );
  // Every script entry point, to tell whose task it is when the sampler missed it.
  const scriptEvents = onMain
    .filter((e) => e.name === 'EvaluateScript' || e.name === 'FunctionCall' || e.name === 'v8.evaluateModule')
    .sort((a, b) => a.ts - b.ts);
  const isExtEvent = new Set(extEvents);
  const { spans, samples, byScript } = extensionSamples(events, pid, tid);

  let extensionMs = 0;
  let longestTaskMs = 0;
  let longestSlice = 0;
  let count = 0;
  let si = 0;
  let ei = 0;
  for (const task of tasks) {
    const t0 = task.ts;
    const t1 = task.ts + task.dur!;
    let sampled = 0;
    while (si < spans.length && spans[si]![1] <= t0) si++;
    for (let j = si; j < spans.length && spans[j]![0] < t1; j++) sampled += overlap(spans[j]![0], spans[j]![1], t0, t1);
    let evented = 0;
    let pageScript = 0;
    while (ei < scriptEvents.length && scriptEvents[ei]!.ts < t0) ei++;
    for (let j = ei; j < scriptEvents.length && scriptEvents[j]!.ts < t1; j++) {
      const e = scriptEvents[j]!;
      if (isExtEvent.has(e)) evented += e.dur ?? 0;
      else pageScript += e.dur ?? 0;
    }
    // Nested entry points would count twice; sampling and events measure the same time, so take the larger.
    const ext = Math.min(task.dur!, Math.max(sampled, evented));
    if (ext <= 0) continue;
    count++;
    extensionMs += ext;
    longestSlice = Math.max(longestSlice, ext);
    // The task is the extension's when its code did more of it than the page's scripts did.
    if (ext >= pageScript) longestTaskMs = Math.max(longestTaskMs, task.dur!);
  }
  return {
    extensionMs: extensionMs / 1000,
    longestTaskMs: longestTaskMs / 1000,
    longestExtensionSliceMs: longestSlice / 1000,
    tasks: count,
    samples,
    byScript,
  };
}
