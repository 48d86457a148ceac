/** Per-tab classifier statistics (src/background/classify-stats.ts) and compromise's clock in the classifier. */
import { describe, expect, it } from 'vitest';
import { ClassifyStats, type NlpProbe } from '../../src/background/classify-stats';
import { classify } from '../../src/detect/classify';
import { nlpRunCount, nlpTime } from '../../src/detect/nlp';

const probe = (runs: number, ms: number, firstMs: number | null): NlpProbe => ({ runs, ms, firstMs });

describe('ClassifyStats', () => {
  it('keeps compromise’s first call out of the page that happened to make it, and reports it apart', () => {
    const s = new ClassifyStats();
    s.workerReady(180);
    // Tab 7's first request: two sentences, compromise called twice, the first call (40 ms) set compromise up.
    s.record(7, {
      sentences: 2,
      chars: 200,
      cacheHits: 0,
      handlerMs: 46,
      before: probe(0, 0, null),
      after: probe(2, 43, 40),
    });
    // A later request: one cache hit, one sentence analysed in 2 ms.
    s.record(7, {
      sentences: 2,
      chars: 200,
      cacheHits: 1,
      handlerMs: 2.5,
      before: probe(2, 43, 40),
      after: probe(3, 45, 40),
    });
    s.record(9, {
      sentences: 1,
      chars: 100,
      cacheHits: 0,
      handlerMs: 1.5,
      before: probe(3, 45, 40),
      after: probe(4, 46, 40),
    });

    expect(s.tab(7)).toEqual({
      requests: 2,
      sentences: 4,
      chars: 400,
      cacheHits: 1,
      nlpCalls: 3,
      nlpMs: 5,
      classifyMs: 8.5,
      firstUseMs: 40,
    });
    expect(s.tab(9)).toEqual({
      requests: 1,
      sentences: 1,
      chars: 100,
      cacheHits: 0,
      nlpCalls: 1,
      nlpMs: 1,
      classifyMs: 1.5,
      firstUseMs: 0,
    });
    expect(s.snapshot().worker).toEqual({ readyMs: 180, firstUseMs: 40, firstUseTab: 7 });
  });

  it('counts a request answered wholly from the cache as no compromise time', () => {
    const s = new ClassifyStats();
    s.record(3, {
      sentences: 5,
      chars: 500,
      cacheHits: 5,
      handlerMs: 0.2,
      before: probe(8, 30, 20),
      after: probe(8, 30, 20),
    });
    expect(s.tab(3)).toMatchObject({ requests: 1, sentences: 5, cacheHits: 5, nlpCalls: 0, nlpMs: 0, firstUseMs: 0 });
    expect(s.snapshot().worker.firstUseMs).toBeNull();
  });

  it('starts a tab from zero after it navigates or closes, and keeps the other tabs', () => {
    const s = new ClassifyStats();
    s.record(1, {
      sentences: 1,
      chars: 100,
      cacheHits: 0,
      handlerMs: 3,
      before: probe(0, 0, 2),
      after: probe(1, 2, 2),
    });
    s.record(2, {
      sentences: 1,
      chars: 100,
      cacheHits: 0,
      handlerMs: 3,
      before: probe(1, 2, 2),
      after: probe(2, 4, 2),
    });
    s.clear(1);
    expect(s.tab(1)).toBeNull();
    expect(Object.keys(s.snapshot().tabs)).toEqual(['2']);
  });

  it('records the worker’s first use even for a sender without a tab, without inventing a tab', () => {
    const s = new ClassifyStats();
    s.record(undefined, {
      sentences: 1,
      chars: 100,
      cacheHits: 0,
      handlerMs: 30,
      before: probe(0, 0, null),
      after: probe(1, 28, 28),
    });
    expect(s.snapshot()).toEqual({ worker: { readyMs: null, firstUseMs: 28, firstUseTab: null }, tabs: {} });
  });

  it('keeps the first ready time (the worker starts once)', () => {
    const s = new ClassifyStats();
    s.workerReady(120);
    s.workerReady(5000);
    expect(s.snapshot().worker.readyMs).toBe(120);
  });

  it('hands out copies: a reader cannot change the counters', () => {
    const s = new ClassifyStats();
    s.record(4, {
      sentences: 1,
      chars: 100,
      cacheHits: 0,
      handlerMs: 1,
      before: probe(0, 0, 1),
      after: probe(1, 1, 1),
    });
    s.tab(4)!.sentences = 99;
    s.snapshot().tabs[4]!.sentences = 99;
    expect(s.tab(4)!.sentences).toBe(1);
  });
});

describe('compromise’s clock in the classifier', () => {
  it('adds the time of every compromise call and keeps the first call’s time', () => {
    const before = { runs: nlpRunCount(), ...nlpTime() };
    classify(
      [
        {
          sentence: 'The surface of the lake was calm when the clock test ran.',
          candidates: [{ entity: 'surface', start: 4, end: 11 }],
        },
      ],
      [],
    );
    const after = { runs: nlpRunCount(), ...nlpTime() };
    expect(after.runs).toBe(before.runs + 1);
    expect(after.ms).toBeGreaterThan(before.ms);
    expect(after.firstMs).not.toBeNull();
    expect(after.firstMs!).toBeGreaterThan(0);
    // The same sentence again is an analysis-cache hit: no compromise call, no time.
    classify(
      [
        {
          sentence: 'The surface of the lake was calm when the clock test ran.',
          candidates: [{ entity: 'surface', start: 4, end: 11 }],
        },
      ],
      [],
    );
    expect(nlpTime().ms).toBe(after.ms);
    expect(nlpTime().firstMs).toBe(after.firstMs);
  });
});

describe('compromise’s counters are benchmark instrumentation', () => {
  it('count nothing where __LENS_BENCH__ is false (the store build), and decide the same', () => {
    const flags = globalThis as { __LENS_BENCH__?: boolean };
    const item = {
      sentence: 'The surface of the pond froze while the counters were off.',
      candidates: [{ entity: 'surface', start: 4, end: 11 }],
    };
    const before = { runs: nlpRunCount(), ...nlpTime() };
    flags.__LENS_BENCH__ = false;
    try {
      expect(classify([item], [])).toEqual([[false]]);
    } finally {
      flags.__LENS_BENCH__ = true;
    }
    expect({ runs: nlpRunCount(), ...nlpTime() }).toEqual(before);
  });
});
