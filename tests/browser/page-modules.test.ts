/**
 * The page layer's DOM collaborators, each tested directly in a real browser:
 * the modules are bundled as they are (esbuild) into a plain page of the test's
 * own, without the extension, and driven from there. The walk (read-text.ts),
 * what a change makes read again (rescan.ts), the mention store
 * (mention-store.ts), what is painted when (render.ts, with a painter that
 * records), and hit-testing (hit-test.ts).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForPage, launchChromium, startServer, type Launched, type StaticServer } from './harness';

let browser: Launched;
let server: StaticServer;
let page: Page;

const ENTRY = `
import { SegmentWalk } from './src/page/read-text';
import { rescanRootFor } from './src/page/rescan';
import { MentionStore } from './src/page/mention-store';
import { Render } from './src/page/render';
import { mentionAt } from './src/page/hit-test';
import { withoutInvisible } from './src/detect/invisible';
import { TextSweep, blocksToRead, CHUNK_CHARS } from './src/page/sweep';
import { Sieve, sieveSpec } from './src/detect/sieve';
import { ENTITY_NAMES } from './src/dataset/names';
import { Gate } from './src/page/gate';
import { FirstStage } from './src/page/first-stage';
const sieve = new Sieve(sieveSpec(ENTITY_NAMES, {}));
const SITES = { allow: [], block: [], defaultOn: true };
const PUSHED_SIEVE = 'pushed-sieve';
/**
 * A gate over this document and the first stage it hands over to, wired to stubs (no extension): the
 * gate's one request for the first stage runs whileAsking(gate) (the page changing, a pushed sieve),
 * then the first stage takes over. Resolves, once the first stage has settled, with how often the first
 * stage was asked for and the texts it sent to be decided.
 */
async function handOver(whileAsking) {
  const abort = new AbortController();
  const sent = [];
  let asked = 0;
  let stage = null;
  const stub = { hosts: () => ['127.0.0.1'], pushedKind: (key, value) => (key === PUSHED_SIEVE ? { sieve: value } : null) };
  const gate = new Gate({
    ...stub,
    doc: document,
    signal: abort.signal,
    load: async () => ({ sieve: { spec: sieveSpec(ENTITY_NAMES, {}), sites: SITES }, corrections: undefined }),
    send: async (msg) => {
      if (msg.type !== 'loadFirstStage') return undefined;
      asked++;
      whileAsking?.(gate);
      // The background's round trip: the page's changes meanwhile reach the gate's observers.
      await new Promise((r) => setTimeout(r, 20));
      stage = new FirstStage({
        ...stub,
        doc: document,
        signal: abort.signal,
        handoff: gate.takeOver(),
        send: async (m) => {
          if (m.type !== 'findMentions') return { ok: true };
          sent.push(...m.texts.map((t) => t.trim()));
          return { found: m.texts.map(() => []) };
        },
        watchSieve: () => () => {},
        watchCorrections: () => () => {},
        listen: () => () => {},
      });
      stage.start();
      return { ok: true };
    },
  });
  gate.start();
  for (let i = 0; i < 300 && !(stage && stage.settled); i++) await new Promise((r) => setTimeout(r, 10));
  const settled = !!stage?.settled;
  abort.abort();
  return { asked, settled, sent: sent.sort() };
}
/** The sweep with the real sieve, run to its end: the ids (or text) of the blocks it picks. */
function sweepBlocks(root, sliced = false) {
  const sweep = new TextSweep(root, (t) => sieve.hits(t), {});
  let n = 0;
  while (!sweep.done) sweep.step(() => sliced && ++n % 2 === 0, true);
  return blocksToRead(sweep.hitNodes(), root).map((b) => b.id || b.textContent.trim().slice(0, 30));
}
window.lens = {
  SegmentWalk, rescanRootFor, MentionStore, Render, mentionAt, withoutInvisible, sweepBlocks, CHUNK_CHARS,
  handOver, Sieve, sieveSpec, ENTITY_NAMES, SITES, PUSHED_SIEVE,
};
`;

beforeAll(async () => {
  server = await startServer();
  const js = await bundleForPage(ENTRY);
  server.add('/modules.js', Buffer.from(js), 'text/javascript');
  server.add(
    '/modules.html',
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Modules</title><script src="/modules.js"></script></head><body></body></html>',
    'text/html',
  );
  browser = await launchChromium({ extension: false });
  page = await browser.context.newPage();
  await page.goto(server.url('/modules.html'));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Runs `body` in the page with `lens` (the bundled modules) and `root` (a fresh div holding `markup`). */
function run<T>(markup: string, body: string): Promise<T> {
  return page.evaluate(
    ({ markup, body }) => {
      const root = document.createElement('div');
      root.innerHTML = markup;
      document.body.replaceChildren(root);
      // eslint-disable-next-line @typescript-eslint/no-implied-eval
      return new Function('lens', 'root', `return (async () => { ${body} })()`)(
        (window as unknown as { lens: unknown }).lens,
        root,
      ) as T;
    },
    { markup, body },
  );
}

/** The segments' texts, white space at their ends trimmed, blank ones left out. */
const SEGMENTS = `const w = new lens.SegmentWalk(root, {}); const out = []; for (let s = w.next(); s; s = w.next()) if (s.text.trim()) out.push(s.text.trim()); return out;`;

describe('read-text: the walk', () => {
  it('joins inline elements into one segment per block, a <br> as a line break', async () => {
    expect(
      await run<string[]>('<p>Microsoft <b>Azure</b> runs<br>here.</p><div>Block <span>two</span></div>', SEGMENTS),
    ).toEqual(['Microsoft Azure runs\nhere.', 'Block two']);
  });

  it('never reads code, editors, form fields, hidden text or the extension’s own UI', async () => {
    expect(
      await run<string[]>(
        `<p>Keep <code>code</code> this.</p><pre>pre</pre><textarea>ta</textarea><p hidden>hidden</p>
         <p aria-hidden="true">aria</p><div contenteditable>edit</div><div role="textbox">box</div>
         <div data-partnership-lens>ours</div><p>end</p>`,
        SEGMENTS,
      ),
    ).toEqual(['Keep  this.', 'end']);
  });

  it('reads an XHTML document by local names: its code and pre are skipped too', async () => {
    const xhtml = `<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Xiaomi</p><pre>pre</pre><p><code>code</code>!</p><textarea>t</textarea></body></html>`;
    expect(
      await run<string[]>(
        '',
        `const doc = new DOMParser().parseFromString(${JSON.stringify(xhtml)}, 'application/xhtml+xml');
         const w = new lens.SegmentWalk(doc.documentElement, {}); const out = []; for (let s = w.next(); s; s = w.next()) out.push(s.text); return out;`,
      ),
    ).toEqual(['Xiaomi', '!']);
  });

  it('puts a line break between words CSS lays out apart, never inside a word split by inline markup', async () => {
    expect(
      await run<string[]>(
        `<a href="#"><span>learn how</span><span style="display:block">Microsoft Store</span></a>
         <p>Micro<b>soft</b> and <span style="display:inline-block">Xiao</span>mi</p>`,
        SEGMENTS,
      ),
    ).toEqual(['learn how\nMicrosoft Store', 'Microsoft and Xiao\nmi']);
  });

  it('hands over every open shadow root it meets', async () => {
    expect(
      await run<number>(
        '<div id="h"></div><my-widget id="w"></my-widget><p id="p"></p>',
        `for (const id of ['h', 'w', 'p']) root.querySelector('#' + id).attachShadow({ mode: 'open' });
         const roots = []; const w = new lens.SegmentWalk(root, { onShadowRoot: (r) => roots.push(r) });
         while (w.next()); return roots.length;`,
      ),
    ).toBe(3);
  });

  it('reads a form whose fields shadow its own properties (localName, nodeType, parentNode…)', async () => {
    expect(
      await run<string[]>(
        '<form><input name="localName"><input name="nodeType"><input name="parentNode"><input name="shadowRoot"><p>Xiaomi in a form</p></form><p>after</p>',
        SEGMENTS,
      ),
    ).toEqual(['Xiaomi in a form', 'after']);
  });
});

describe('sweep: which blocks may hold a name', () => {
  it('picks the blocks a name is in, the outermost when they nest, and none for a page without a name', async () => {
    expect(
      await run<string[]>(
        `<div id="a"><p id="b">Xiaomi and <b>Microsoft</b></p><p id="c">nothing here</p></div>
         <section id="d"><div id="e">Cortana</div><div id="f">the surface of a lake</div></section>
         <script>Microsoft</script><code>Azure</code><p hidden>Xiaomi</p><p aria-hidden="true">Azure</p>`,
        'return lens.sweepBlocks(root)',
      ),
    ).toEqual(['b', 'e']);
    expect(await run<string[]>('<p>The surface of a lake, and a window.</p>', 'return lens.sweepBlocks(root)')).toEqual(
      [],
    );
  });

  it('finds a name glued to a word CSS lays out apart, after a <br>, and across invisible characters', async () => {
    expect(
      await run<string[]>(
        `<div id="card"><a href="#"><span>learn how</span><span style="display:block">Microsoft Store</span></a></div>
         <p id="br">see<br>Cortana</p><p id="soft">Micro\u00ADsoft</p><p id="ends">Xiaomi<span style="display:block">rocks</span></p>`,
        'return lens.sweepBlocks(root)',
      ),
    ).toEqual(['card', 'br', 'soft', 'ends']);
  });

  it('finds a name across the seam of two chunks, and in a sweep cut into many slices', async () => {
    const filler = 'lorem ipsum dolor sit amet ';
    expect(
      await run<string[]>(
        '',
        `const pad = ${JSON.stringify(filler)}.repeat(Math.ceil(lens.CHUNK_CHARS / ${filler.length}));
         const at = lens.CHUNK_CHARS - 3;
         root.innerHTML = '<p id="seam"></p>' + Array.from({ length: 300 }, (_, i) => '<p id="p' + i + '">w' + i + '</p>').join('') + '<p id="last">Xiaomi</p>';
         // The seam: 'Microsoft' split over two text nodes, the chunk ending inside it.
         root.querySelector('#seam').append(pad.slice(0, at - 4) + ' Mic', 'rosoft ' + pad);
         return lens.sweepBlocks(root, true);`,
      ),
    ).toEqual(['seam', 'last']);
  });
});

describe('gate → first stage: the page is swept once', () => {
  it('the first stage reads the blocks the gate found, and what the page added before it took over', async () => {
    const r = await run<{ asked: number; settled: boolean; sent: string[] }>(
      '<p>Xiaomi and Microsoft</p><p>nothing to see</p><p>Cortana, <b>again</b></p>',
      `return lens.handOver(() => { const p = document.createElement('p'); p.textContent = 'Azure later'; root.append(p); });`,
    );
    expect(r).toEqual({ asked: 1, settled: true, sent: ['Azure later', 'Cortana, again', 'Xiaomi and Microsoft'] });
  });

  it('a sieve pushed before the first stage took over: it reads the whole page with the new one', async () => {
    const r = await run<{ asked: number; settled: boolean; sent: string[] }>(
      '<p>Xiaomi phones</p><p>Fooble phones</p><p>nothing to see</p>',
      `return lens.handOver((gate) =>
        gate.pushed(lens.PUSHED_SIEVE, {
          spec: lens.sieveSpec(lens.ENTITY_NAMES, { extraAliases: { xiaomi: ['Fooble'] } }),
          sites: lens.SITES,
        }),
      );`,
    );
    expect(r).toEqual({ asked: 1, settled: true, sent: ['Fooble phones', 'Xiaomi phones'] });
  });
});

describe('rescan: what a change makes read again', () => {
  it('a change in a block reads that block; one inside a region just made hidden reads the block around it', async () => {
    expect(
      await run<string[]>(
        '<section><p id="a">one <b id="b">bold</b></p><div id="box"><div id="hid" hidden><p id="in">x</p></div></div></section>',
        `const id = (n) => n.id || n.nodeName;
         return [lens.rescanRootFor(root.querySelector('#b')), lens.rescanRootFor(root.querySelector('#in').firstChild),
                 lens.rescanRootFor(root.querySelector('#hid'))].map(id);`,
      ),
    ).toEqual(['a', 'box', 'box']);
  });
});

/** A store with one block read and answered: `found` as the background would answer (offsets in the segment). */
const STORE = `
  const store = new lens.MentionStore();
  const read = (block, pass) => {
    const w = new lens.SegmentWalk(block, {}); const segs = [];
    for (let s = w.next(); s; s = w.next()) {
      const v = lens.withoutInvisible(s.text);
      segs.push(Object.assign(s, { visible: v.text, removed: v.removed, pass }));
    }
    return segs;
  };
  const at = (seg, word, entity, kind = 'company') => {
    const start = seg.visible.indexOf(word);
    return { entity, kind, start, end: start + word.length, viaNlp: false, sentenceStart: 0, sentenceEnd: seg.visible.length };
  };
`;

describe('mention-store', () => {
  it('keeps a block’s mentions until every answer of its pass is in, and their ids while their text stays', async () => {
    expect(
      await run<unknown>(
        '<p id="p">Xiaomi and Microsoft.</p>',
        `${STORE}
         const p = root.querySelector('#p');
         const [seg] = read(p, 1);
         store.read(seg, true);
         store.rootDone(p, 1);
         const before = store.count;
         store.answer(seg, [at(seg, 'Xiaomi', 'xiaomi'), at(seg, 'Microsoft', 'microsoft')]);
         const first = store.mentions().map((m) => [m.text, m.id]);
         // Read again (an unrelated change): same text, same ids, same ranges.
         const [again] = read(p, 2);
         store.read(again, true);
         store.rootDone(p, 2);
         const during = store.mentions().length;
         store.answer(again, [at(again, 'Xiaomi', 'xiaomi'), at(again, 'Microsoft', 'microsoft')]);
         return { before, first, during, second: store.mentions().map((m) => [m.text, m.id]), context: store.context() };`,
      ),
    ).toEqual({
      before: 0,
      first: [
        ['Xiaomi', 1],
        ['Microsoft', 2],
      ],
      during: 2,
      second: [
        ['Xiaomi', 1],
        ['Microsoft', 2],
      ],
      context: ['xiaomi', 'microsoft'],
    });
  });

  it('drops an answer quietly when its text changed since it was read, and keeps the rest of the batch', async () => {
    expect(
      await run<unknown>(
        '<p id="a">Xiaomi said so.</p><p id="b">Microsoft too.</p>',
        `${STORE}
         const [a] = read(root.querySelector('#a'), 1);
         const [b] = read(root.querySelector('#b'), 1);
         store.read(a, true); store.read(b, true); store.rootDone(root, 1);
         // The page rewrites the first paragraph (shorter) before the answer arrives.
         root.querySelector('#a').firstChild.data = 'Gone.';
         store.answer(a, [at(a, 'Xiaomi', 'xiaomi')]);
         store.answer(b, [at(b, 'Microsoft', 'microsoft')]);
         // Same length, other words: still not what was read.
         const [c] = read(root.querySelector('#b'), 2);
         store.read(c, true); store.rootDone(root.querySelector('#b'), 2);
         root.querySelector('#b').firstChild.data = 'Microsofx too.';
         store.answer(c, [at(c, 'Microsoft', 'microsoft')]);
         return store.mentions().map((m) => m.text);`,
      ),
    ).toEqual([]);
  });

  it('an answer for an older pass is dropped; a block no longer read loses its mentions; blocks stay in document order', async () => {
    expect(
      await run<unknown>(
        '<p id="a">Xiaomi</p><p id="b">Cortana</p>',
        `${STORE}
         const pa = root.querySelector('#a'), pb = root.querySelector('#b');
         const [b1] = read(pb, 1); store.read(b1, true); store.rootDone(pb, 1);
         const [a1] = read(pa, 1); store.read(a1, true); store.rootDone(pa, 1);
         store.answer(b1, [at(b1, 'Cortana', 'cortana', 'product')]);
         const [a2] = read(pa, 2); store.read(a2, true); store.rootDone(pa, 2);
         store.answer(a1, [at(a1, 'Xiaomi', 'xiaomi')]); // pass 1: dropped
         const stale = store.mentions().map((m) => m.text);
         store.answer(a2, [at(a2, 'Xiaomi', 'xiaomi')]);
         const ordered = store.mentions().map((m) => m.text);
         // The second paragraph goes; the next pass (over the first) forgets it.
         pb.remove();
         const [a3] = read(pa, 3); store.read(a3, true); store.rootDone(pa, 3);
         store.answer(a3, [at(a3, 'Xiaomi', 'xiaomi')]);
         return { stale, ordered, after: store.mentions().map((m) => m.text), changes: store.takeChanges().dropped.size };`,
      ),
    ).toEqual({ stale: ['Cortana'], ordered: ['Xiaomi', 'Cortana'], after: ['Xiaomi'], changes: 1 });
  });

  it('makes no mention of hidden text or text the reader edits', async () => {
    expect(
      await run<unknown>(
        '<p id="p">Xiaomi <span style="display:none">Cortana</span> <span style="-webkit-user-modify:read-write">Skype</span></p>',
        `${STORE}
         const p = root.querySelector('#p');
         const [s] = read(p, 1); store.read(s, true); store.rootDone(p, 1);
         store.answer(s, [at(s, 'Xiaomi', 'xiaomi'), at(s, 'Cortana', 'cortana', 'product'), at(s, 'Skype', 'skype', 'product')]);
         return store.mentions().map((m) => m.text);`,
      ),
    ).toEqual(['Xiaomi']);
  });
});

describe('render and hit-test', () => {
  it('paints what changed in the next frame, follows the settings, and finds the mention under a point', async () => {
    const r = await run<{ first: string[]; calls: string[]; off: string[]; hit: string | null; miss: string | null }>(
      '<p id="p" style="font:20px sans-serif">Xiaomi and Cortana.</p>',
      `${STORE}
       const p = root.querySelector('#p');
       const [s] = read(p, 1); store.read(s, true); store.rootDone(p, 1);
       const calls = [];
       const painter = {
         paint: (list) => calls.push('paint ' + list.map((m) => m.text).join(',')),
         update: (added, removed) => calls.push('update +' + added.map((m) => m.text).join(',') + ' -' + removed.map((m) => m.text).join(',')),
         setActive: () => {}, restore: () => {},
       };
       let settings = { disabledEntities: [], disabledKinds: [], style: { firstOnly: false } };
       const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
       const render = new lens.Render({ doc: document, store, painter, settings: () => settings, onCount: () => {}, onRepaint: () => {} });
       store.onChange(() => render.changed());
       render.full();
       await frame();
       store.answer(s, [at(s, 'Xiaomi', 'xiaomi'), at(s, 'Cortana', 'cortana', 'product')]);
       await frame();
       const first = render.shown().map((m) => m.text);
       settings = { ...settings, disabledEntities: ['cortana'] };
       render.full();
       await frame();
       const off = render.shown().map((m) => m.text);
       const box = render.shown()[0].range.getBoundingClientRect();
       const deps = { doc: document, shadowRoots: () => [], at: (n) => store.at(n), shown: (m) => render.shownById(m.id) === m };
       const hit = lens.mentionAt(deps, box.left + 3, box.top + box.height / 2)?.text ?? null;
       const miss = lens.mentionAt(deps, box.right + 400, box.top + box.height / 2)?.text ?? null;
       render.destroy();
       return { first, calls, off, hit, miss };`,
    );
    expect(r.first).toEqual(['Xiaomi', 'Cortana']);
    expect(r.calls).toEqual(['paint ', 'update +Xiaomi,Cortana -', 'paint Xiaomi']);
    expect(r.off).toEqual(['Xiaomi']);
    expect(r.hit).toBe('Xiaomi');
    expect(r.miss).toBeNull();
  });
});
