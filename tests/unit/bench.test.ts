/** The bench's pure parts: names → RegExp, the generated page, trace attribution, medians, budgets, options. */
import { describe, expect, it } from 'vitest';
import { generateBigPage } from '../../scripts/bench/bigpage';
import { allSurfaceForms, combinedPattern } from '../../scripts/bench/names';
import { parseOptions } from '../../scripts/bench/options';
import { formatReport, type ReportInput } from '../../scripts/bench/report';
import {
  compromiseFigures,
  judgeBudgets,
  median,
  medianInterval,
  pairedDifferences,
  setupFigures,
  summarizeTraced,
  summarizeUntraced,
  type CompromiseFigures,
  type PageFigures,
  type Sample,
  type UntracedSummary,
} from '../../scripts/bench/summarize';
import { extensionCost, type TraceEvent } from '../../scripts/bench/trace';
import { PageStats } from '../../src/page/stats';

describe('names', () => {
  const re = new RegExp(combinedPattern(allSurfaceForms()), 'g');
  const all = (s: string) => [...s.matchAll(re)].map((m) => m[0]);

  it('prefers the longest form and respects Latin word boundaries', () => {
    expect(all('Windows 10 Mobile ran on the Mi 4, and Microsoft Azure too.')).toEqual([
      'Windows 10 Mobile',
      'Mi 4',
      'Microsoft Azure',
    ]);
    expect(all('Microsofty Azurescent Binge')).toEqual([]);
  });

  it('finds Chinese names inside unspaced text', () => {
    expect(all('据报道小米和微软将合作')).toEqual(['小米', '微软']);
  });

  it('rejects an empty vocabulary', () => {
    expect(() => combinedPattern([])).toThrow(/no names/);
  });
});

describe('generateBigPage', () => {
  it('builds at least the requested text, deterministically, with mentions', () => {
    const a = generateBigPage(200_000, 7);
    const b = generateBigPage(200_000, 7);
    expect(a.textBytes).toBeGreaterThanOrEqual(200_000);
    expect(a.html).toBe(b.html);
    const text = a.html.replace(/<[^>]+>/g, '');
    expect(Buffer.byteLength(text)).toBeGreaterThanOrEqual(200_000);
    expect(text.match(/Xiaomi/g)!.length).toBeGreaterThan(100);
  });

  it('rejects a non-positive size', () => {
    expect(() => generateBigPage(0)).toThrow(/positive/);
  });
});

describe('extensionCost', () => {
  const url = 'http://127.0.0.1:1/p.html';
  const base: TraceEvent[] = [
    { name: 'FrameCommittedInBrowser', ph: 'I', pid: 1, tid: 9, ts: 0, args: { data: { url, processId: 5 } } },
    { name: 'thread_name', ph: 'M', pid: 5, tid: 6, ts: 0, args: { name: 'CrRendererMain' } },
  ];
  const task = (ts: number, dur: number): TraceEvent => ({ name: 'RunTask', ph: 'X', pid: 5, tid: 6, ts, dur });
  const script = (name: string, ts: number, dur: number, u: string): TraceEvent => ({
    name,
    ph: 'X',
    pid: 5,
    tid: 6,
    ts,
    dur,
    args: { data: { url: u } },
  });

  it('attributes content-script evaluation and separates it from page scripts', () => {
    const events = [
      ...base,
      task(1000, 30_000),
      script('EvaluateScript', 1000, 29_000, 'chrome-extension://abc/content-scripts/content.js'),
      task(40_000, 60_000),
      script('EvaluateScript', 40_000, 60_000, url),
      // Another process's extension work (the service worker) is not the page's.
      { name: 'RunTask', ph: 'X', pid: 8, tid: 8, ts: 0, dur: 90_000 },
      {
        name: 'FunctionCall',
        ph: 'X',
        pid: 8,
        tid: 8,
        ts: 0,
        dur: 90_000,
        args: { data: { url: 'chrome-extension://abc/background.js' } },
      },
    ];
    const c = extensionCost(events, url);
    expect(c.extensionMs).toBeCloseTo(29);
    expect(c.longestTaskMs).toBeCloseTo(30);
    expect(c.tasks).toBe(1);
  });

  it('attributes continuations after await from profiler samples', () => {
    const nodes = [
      { id: 1, callFrame: { url: '' } },
      { id: 2, parent: 1, callFrame: { url: 'chrome-extension://abc/content-scripts/content.js' } },
      { id: 3, parent: 2, callFrame: { url: '' } },
      { id: 4, parent: 1, callFrame: { url: url } },
    ];
    // 20 samples 1 ms apart inside a RunYieldContinuation task: 10 in our code (node 3), 10 in the page's (node 4).
    const samples = [...Array(10).fill(3), ...Array(10).fill(4)];
    const events: TraceEvent[] = [
      ...base,
      { name: 'Profile', ph: 'P', pid: 5, tid: 6, ts: 0, id: '0x1', args: { data: { startTime: 100_000 } } },
      {
        name: 'ProfileChunk',
        ph: 'P',
        pid: 5,
        tid: 7,
        ts: 0,
        id: '0x1',
        args: { data: { cpuProfile: { nodes, samples }, timeDeltas: samples.map(() => 1000) } },
      },
      task(100_500, 25_000),
    ];
    const c = extensionCost(events, url);
    expect(c.extensionMs).toBeCloseTo(10, 0);
    expect(c.byScript['content-scripts/content.js']).toBeCloseTo(10, 0);
    // No page script entry point in that task: the task is ours, all of it.
    expect(c.longestTaskMs).toBeCloseTo(25, 0);
  });

  it('finds nothing without the page in the trace', () => {
    expect(extensionCost([], url)).toMatchObject({ extensionMs: 0, longestTaskMs: 0, tasks: 0 });
  });
});

describe('summaries and budgets', () => {
  const trace = (extensionMs: number, longestTaskMs = 5) => ({
    extensionMs,
    longestTaskMs,
    longestExtensionSliceMs: 0,
    tasks: 1,
    samples: 1,
    byScript: {},
  });
  const metrics = (taskMs: number, scriptMs = taskMs / 2) => ({ taskMs, scriptMs, styleMs: 0, layoutMs: 0 });
  const sample = (variant: Sample['variant'], run: number, taskMs: number, traced = false): Sample => ({
    variant,
    run,
    traced,
    metrics: metrics(taskMs),
    trace: traced ? trace(taskMs / 10, taskMs) : null,
    self: { ms: taskMs, mentions: 3 },
  });

  it('takes medians and pairs each run with the same run of another variant', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    const s = [
      sample('off', 1, 100),
      sample('off', 2, 200),
      sample('ext', 1, 110),
      sample('ext', 2, 204),
      sample('floor', 1, 103),
      sample('ext', 1001, 500, true),
    ];
    const v = summarizeUntraced(s, 'ext')!;
    expect(v.addedTaskMs).toBe(7);
    expect(v.addedScriptMs).toBe(3.5);
    expect(v.runs).toBe(2);
    expect(pairedDifferences(s, 'ext', 'floor', 'taskMs')).toEqual([7]);
    expect(summarizeUntraced(s, 'mark')).toBeNull();
    const t = summarizeTraced(s, 'ext')!;
    expect(t).toMatchObject({ runs: 1, extensionMs: 50, longestTaskMs: 500 });
  });

  it('gives the median an interval that assumes no distribution, only with enough runs', () => {
    const nine = [9, 1, 8, 2, 7, 3, 6, 4, 5];
    const i = medianInterval(nine);
    expect(i).toMatchObject({ median: 5, low: 2, high: 8, n: 9 });
    expect(i.level).toBeGreaterThanOrEqual(0.95);
    const fifteen = Array.from({ length: 15 }, (_, k) => k + 1);
    expect(medianInterval(fifteen)).toMatchObject({ median: 8, low: 4, high: 12 });
    const five = medianInterval([1, 2, 3, 4, 5]);
    expect(five.median).toBe(3);
    expect(Number.isNaN(five.low)).toBe(true);
  });

  const untraced = (addedTaskMs: number, addedScriptMs = addedTaskMs / 2): UntracedSummary => ({
    runs: 9,
    taskMs: 0,
    scriptMs: 0,
    styleMs: 0,
    layoutMs: 0,
    addedTaskMs,
    addedScriptMs,
    errors: [],
  });
  const nlp = (
    extMs: number,
    whole: { nlpMs: number | null; atLeastMs: number | null },
    complete = true,
  ): CompromiseFigures => ({
    ext: {
      runs: 1,
      nlpMs: extMs,
      classifierMs: extMs + 1,
      sentences: 4,
      chars: 400,
      cacheHits: 0,
      nlpCalls: 4,
      wallMs: 50,
      complete,
    },
    whole: { ...whole, parseMs: null, lookupMs: null },
    ratio: extMs / (whole.nlpMs ?? whole.atLeastMs!),
    ratioAgainstLowerBound: whole.nlpMs === null,
  });
  const around = (median: number, low: number, high: number) => ({ median, low, high, level: 0.96, n: 9 });
  const page = (
    name: string,
    ext: number,
    floor: number,
    mark: number,
    mentions: number,
    o: {
      longest?: number;
      compromise?: CompromiseFigures;
      diffTask?: [number, number, number];
      diffScript?: [number, number, number];
    } = {},
  ): PageFigures => ({
    page: name,
    kind: 'corpus',
    untraced: { ext: untraced(ext), floor: untraced(floor), mark: untraced(mark) },
    traced: {
      ext: { runs: 1, extensionMs: 1, longestTaskMs: o.longest ?? 5, byScript: {}, selfMs: null, mentions, errors: [] },
    },
    extMinusFloor: {
      taskMs: around(...(o.diffTask ?? [0.5, -2, 3])),
      scriptMs: around(...(o.diffScript ?? [0.4, -1, 2])),
    },
    extStats: { mentions, segments: 10, sieved: 1, secondStage: mentions > 0, findWallMs: 5, backgroundMs: 1 },
    compromise: o.compromise ?? nlp(5, { nlpMs: 100, atLeastMs: null }),
  });

  it('passes and misses each budget by its own rule', () => {
    const ok = judgeBudgets([page('a', 30, 20, 100, 4), page('b', 15, 14, 50, 0)], { latencyMs: 10 });
    expect(ok.map((b) => b.status)).toEqual(['PASS', 'PASS', 'PASS', 'PASS', 'PASS', 'PASS', 'PASS']);
    const bad = judgeBudgets(
      [
        page('a', 300, 20, 100, 4, { longest: 80 }),
        page('b', 50, 14, 50, 0, { diffTask: [4, 2, 6], diffScript: [3, 1, 5] }),
      ],
      { latencyMs: 40 },
    );
    expect(bad.map((b) => b.status)).toEqual(['MISS', 'MISS', 'MISS', 'MISS', 'MISS', 'PASS', 'MISS']);
    expect(bad[0]!.detail).toMatch(/b: 3\.00 \[1\.00, 5\.00\] ms/);
    expect(bad[2]!.detail).toMatch(/over by/);
    expect(bad[4]!.detail).toMatch(/80\.0 ms on a/);
    const none = judgeBudgets([], { latencyMs: null, reason: 'no card' });
    expect(none.every((b) => b.status === 'N/A')).toBe(true);
    expect(none.at(-1)!.detail).toMatch(/no card/);
  });

  it('judges compromise time on the CPU inside compromise, not the wall time', () => {
    const b = judgeBudgets([page('a', 30, 20, 100, 4)], { latencyMs: 10 })[5]!;
    expect(b.status).toBe('PASS');
    expect(b.detail).toMatch(/worst a: 5\.0%/);
    const miss = judgeBudgets([page('a', 30, 20, 100, 4, { compromise: nlp(12, { nlpMs: 100, atLeastMs: null }) })], {
      latencyMs: 10,
    })[5]!;
    expect(miss.status).toBe('MISS');
    expect(miss.detail).toMatch(/missed on a/);
  });

  it('judges a page whose whole-page compromise timed out against its lower bound, and says so', () => {
    const big = page('big', 30, 20, 100, 4, { compromise: nlp(9000, { nlpMs: null, atLeastMs: 176_000 }) });
    const b = judgeBudgets([page('a', 30, 20, 100, 4), big], { latencyMs: 10 })[5]!;
    expect(b.status).toBe('PASS');
    expect(b.detail).toMatch(/big against whole-page > 176 s \(a lower bound\)/);
  });

  it('does not judge a page whose classifier was still busy at the timeout (its figure would be too low)', () => {
    const busy = page('busy', 30, 20, 100, 4, { compromise: nlp(1, { nlpMs: 100, atLeastMs: null }, false) });
    const alone = judgeBudgets([busy], { latencyMs: 10 })[5]!;
    expect(alone.status).toBe('N/A');
    expect(alone.detail).toMatch(/not judged: busy/);
  });
});

describe('compromise figures', () => {
  const ext = (run: number, nlpMs: number, more: Record<string, number> = {}): Sample => ({
    variant: 'ext',
    run,
    traced: false,
    metrics: { taskMs: 1, scriptMs: 1, styleMs: 0, layoutMs: 0 },
    trace: null,
    self: {
      ms: 1,
      nlpMs,
      classifierMs: nlpMs + 1,
      sentences: 6,
      chars: 600,
      cacheHits: 1,
      nlpCalls: 5,
      classifyWallMs: 10 * nlpMs,
      complete: 1,
      workerReadyMs: 150,
      workerFirstUseMs: 40,
      ...more,
    },
  });
  const whole = (run: number, self: Record<string, number> | null, error?: string): Sample => ({
    variant: 'compromise',
    run,
    traced: true,
    metrics: { taskMs: NaN, scriptMs: NaN, styleMs: NaN, layoutMs: NaN },
    trace: null,
    self,
    ...(error ? { error } : {}),
  });

  it('takes medians of both sides and their ratio, the wall time beside it', () => {
    const c = compromiseFigures([
      ext(1, 4),
      ext(2, 6),
      ext(3, 5),
      whole(1, { nlpMs: 100, parseMs: 90, lookupMs: 10, loadMs: 80, firstUseMs: 30 }),
      whole(2, { nlpMs: 120, parseMs: 100, lookupMs: 20, loadMs: 70, firstUseMs: 50 }),
    ]);
    expect(c.ext).toEqual({
      runs: 3,
      nlpMs: 5,
      classifierMs: 6,
      sentences: 6,
      chars: 600,
      cacheHits: 1,
      nlpCalls: 5,
      wallMs: 50,
      complete: true,
    });
    expect(c.whole).toEqual({ nlpMs: 110, atLeastMs: null, parseMs: 95, lookupMs: 15 });
    expect(c.ratio).toBeCloseTo(5 / 110);
    expect(c.ratioAgainstLowerBound).toBe(false);
  });

  it('uses how long a timed-out whole-page run was inside nlp() as a lower bound when no run finished', () => {
    const c = compromiseFigures([
      ext(1, 9000),
      whole(
        1,
        { started: 1, loadMs: 80, firstUseMs: 30, nlpAtLeastMs: 170_000 },
        'page.goto: Timeout 180000ms exceeded.',
      ),
      whole(
        2,
        { started: 1, loadMs: 80, firstUseMs: 30, nlpAtLeastMs: 176_000 },
        'page.goto: Timeout 180000ms exceeded.',
      ),
    ]);
    expect(c.whole).toMatchObject({ nlpMs: null, atLeastMs: 176_000 });
    expect(c.ratio).toBeCloseTo(9000 / 176_000);
    expect(c.ratioAgainstLowerBound).toBe(true);
  });

  it('prefers a finished whole-page run over a lower bound, and has no ratio without both sides', () => {
    const c = compromiseFigures([ext(1, 5), whole(1, { nlpMs: 200 }), whole(2, { nlpAtLeastMs: 500 }, 'Timeout')]);
    expect(c.whole).toMatchObject({ nlpMs: 200, atLeastMs: null });
    expect(c.ratioAgainstLowerBound).toBe(false);
    expect(compromiseFigures([ext(1, 5)]).ratio).toBeNull();
    expect(compromiseFigures([whole(1, { nlpMs: 200 })])).toMatchObject({ ext: null, ratio: null });
  });

  it('marks the extension incomplete when any run read the classifier while it was busy', () => {
    expect(compromiseFigures([ext(1, 5), ext(2, 5, { complete: 0 })]).ext!.complete).toBe(false);
  });

  it('reports the set-up of each side apart: worker start and first call vs module evaluation and first call', () => {
    expect(
      setupFigures([
        ext(1, 5),
        ext(2, 5, { workerReadyMs: 170, workerFirstUseMs: 60 }),
        whole(1, { nlpMs: 1, loadMs: 80, firstUseMs: 30 }),
        whole(2, { loadMs: 90, firstUseMs: 40, nlpAtLeastMs: 9 }, 'Timeout'),
      ]),
    ).toEqual({
      extWorkerReadyMs: 160,
      extFirstUseMs: 50,
      wholeLoadMs: 85,
      wholeFirstUseMs: 35,
    });
  });
});

describe('formatReport', () => {
  it('prints the compromise table with the lower bound, the set-up line, and the intervals', () => {
    const c = compromiseFigures([
      {
        variant: 'ext',
        run: 1,
        traced: false,
        metrics: { taskMs: 1, scriptMs: 1, styleMs: 0, layoutMs: 0 },
        trace: null,
        self: {
          ms: 1,
          nlpMs: 9000,
          classifierMs: 9500,
          sentences: 11_000,
          chars: 900_000,
          cacheHits: 300,
          nlpCalls: 10_500,
          classifyWallMs: 45_000,
          complete: 1,
        },
      },
      {
        variant: 'compromise',
        run: 1001,
        traced: true,
        metrics: { taskMs: NaN, scriptMs: NaN, styleMs: NaN, layoutMs: NaN },
        trace: null,
        self: { nlpAtLeastMs: 176_400 },
        error: 'Timeout',
      },
    ]);
    const input: ReportInput = {
      runs: 9,
      tracedRuns: 1,
      command: 'npm run bench',
      machine: { cpus: 2, loadBefore: [1, 1, 1], loadAfter: [2, 1, 1] },
      sizes: [],
      setup: { extWorkerReadyMs: 150, extFirstUseMs: 40, wholeLoadMs: 80, wholeFirstUseMs: 30 },
      pages: [
        {
          page: 'big',
          kind: 'big',
          untraced: {},
          traced: {},
          extMinusFloor: {
            taskMs: { median: 1, low: -2, high: 3, level: 0.96, n: 9 },
            scriptMs: { median: 0.5, low: 0, high: 1, level: 0.96, n: 9 },
          },
          extStats: null,
          compromise: c,
        },
      ],
      card: { latencyMs: null, reason: 'none' },
      budgets: [],
      warnings: [],
    };
    const text = formatReport(input);
    const row = text.split('\n').find((l) => l.startsWith('big') && l.includes('> 176 s'))!;
    expect(row).toBeDefined();
    expect(row).toMatch(/< 5\.1%/);
    expect(text).toMatch(/1\.00 \[-2\.00, 3\.00\]/);
    expect(text).toMatch(/load average 1\.00 1\.00 1\.00 before, 2\.00 1\.00 1\.00 after/);
    const tiny = formatReport({ ...input, pages: [{ ...input.pages[0]!, compromise: { ...c, ratio: 16 / 179_000 } }] });
    expect(tiny).toMatch(/< 0\.009%/);
    expect(text).toMatch(/150\.0 worker start → background script run \(whole bundle\) \+ 40\.0 first call/);
  });
});

describe('parseOptions', () => {
  const d = { pagesDir: '/pages' };
  it('defaults to 11 untraced runs, 1 traced and a 5 MB page; --quick to 1 run and 1 MB', () => {
    expect(parseOptions([], d)).toMatchObject({ runs: 11, tracedRuns: 1, bigMb: 5, quick: false, pagesDir: '/pages' });
    expect(parseOptions(['--traced-runs', '0', '--compare', '/b'], d)).toMatchObject({ tracedRuns: 0, compare: '/b' });
    expect(parseOptions(['--quick'], d)).toMatchObject({ runs: 1, bigMb: 1 });
    expect(parseOptions(['--quick', '--runs', '3', '--big-mb', '0', '--pages', 'cnet.html,qq'], d)).toMatchObject({
      runs: 3,
      bigMb: 0,
      pages: ['cnet', 'qq'],
    });
    // An explicit --big-mb asks for the generated page, whatever --pages says; --quick's default does not.
    expect(parseOptions(['--pages', 'cnet', '--big-mb', '1'], d)).toMatchObject({ bigMb: 1, bigMbGiven: true });
    expect(parseOptions(['--quick', '--pages', 'cnet'], d)).toMatchObject({ bigMb: 1, bigMbGiven: false });
  });
  it('says what is wrong with bad input', () => {
    expect(() => parseOptions(['--runs', '0'], d)).toThrow(/--runs needs a number ≥ 1/);
    expect(() => parseOptions(['--ext'], d)).toThrow(/--ext needs a value/);
    expect(() => parseOptions(['--fast'], d)).toThrow(/unknown option --fast/);
  });
});

describe('PageStats (getStats)', () => {
  it('sums slices, turns and paints, counts text and sieved segments, and merges overlapping requests', () => {
    let t = 0;
    const stats = new PageStats(() => t);
    stats.readSlice(4);
    stats.swept(150);
    stats.segment(false);
    stats.segment(true);
    stats.turn(() => {
      t += 3;
    }, 'paint');
    const a = stats.requestStarted();
    const b = stats.requestStarted();
    expect(stats.snapshot(0, true).findPending).toBe(2);
    t += 20;
    stats.requestEnded(a);
    stats.requestEnded(b);
    t += 100;
    const s = stats.snapshot(3, false);
    expect(s.stages).toEqual({ read: 4, find: 20, paint: 3, total: 7 });
    expect(s).toMatchObject({
      textChars: 150,
      segments: 2,
      sieved: 1,
      mentions: 3,
      findRoundTrips: 2,
      findPending: 0,
      tasks: 2,
      longestTaskMs: 4,
      idleMs: 100,
    });
  });
});
