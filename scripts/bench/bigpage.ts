/**
 * The very large page: several megabytes of article-like text with many
 * mentions, generated deterministically at run time (never committed). It is
 * the worst case a reader can meet (a huge single-page archive or log), where
 * any per-page cost that grows with text shows.
 */

/** Sentences with unambiguous mentions, ambiguous names that need the classifier, and traps. */
const SENTENCES = [
  'Xiaomi and Microsoft signed a strategic partnership covering cloud computing, laptops and artificial intelligence.',
  'Under the agreement, Xiaomi will store user data on Microsoft Azure and use its AI services.',
  'The Mi 4 running Windows 10 was shown to developers before the Windows 10 Mobile preview shipped.',
  'Harry Shum said conversational AI and computer vision would reach millions of Xiaomi devices.',
  'Cortana will answer questions on Xiaomi laptops, and Office 365 will come preinstalled.',
  'Bing powers search while Skype and SwiftKey are bundled on Xiaomi phones sold in China.',
  'Wang Xiang, a senior vice president at Xiaomi, spoke about natural language processing in speakers.',
  'Analysts compared the Invoke speaker from Harman Kardon with the Amazon Echo and the Google Home.',
  'Apple answered with the HomePod, while Microsoft Translator gained offline language packs.',
  'The Surface Pro and the Surface Book competed with the Mi Notebook Air in several markets.',
  '小米和微软宣布在云计算、笔记本电脑和人工智能领域展开合作，小米将使用微软云服务。',
  '沈向洋表示，微软小娜和必应将在小米设备上提供对话式人工智能和计算机视觉能力。',
  // Ambiguous names in ordinary senses: the classifier must reject them.
  'The post office on the corner closed early, and the surface of the lake was calm as glass.',
  'An echo rolled across the valley while apple trees bloomed along the Amazon river.',
  'She opened the windows to let the air in, then went back to the office to invoke a quick vote.',
  'The azure sky over the harbour turned grey as the storm came in from the sea.',
  // Filler without any name.
  'Markets opened higher on Monday as investors weighed new data on inflation and employment.',
  'The committee will meet again next month to review the budget and the new transport plan.',
  'Local volunteers planted three hundred trees along the river path over the weekend.',
  'Researchers published the results after two years of fieldwork in remote mountain villages.',
];

/** A small deterministic PRNG (mulberry32), so every run builds the same page. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BigPage {
  html: string;
  /** UTF-8 bytes of the visible text (what the budget's "5 MB of text" counts). */
  textBytes: number;
}

/**
 * Builds a page of at least `minTextBytes` of text: sections of headings,
 * paragraphs of 3–7 sentences, lists and tables, like a long archive page.
 */
export function generateBigPage(minTextBytes = 5 * 1024 * 1024, seed = 42): BigPage {
  if (!(minTextBytes > 0)) throw new Error(`generateBigPage: minTextBytes must be positive, got ${minTextBytes}`);
  const rnd = prng(seed);
  const pick = () => SENTENCES[Math.floor(rnd() * SENTENCES.length)]!;
  const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');
  const parts: string[] = [];
  let textBytes = 0;
  let section = 0;
  while (textBytes < minTextBytes) {
    section++;
    const title = `Section ${section}: partnership notes`;
    parts.push(`<section><h2>${title}</h2>`);
    textBytes += utf8(title);
    for (let p = 0; p < 6; p++) {
      const n = 3 + Math.floor(rnd() * 5);
      const sentences: string[] = [];
      for (let i = 0; i < n; i++) sentences.push(pick());
      const text = sentences.join(' ');
      textBytes += utf8(text);
      // Some names inside inline markup, as real pages have them.
      parts.push(`<p>${text.replace('Microsoft Azure', '<a href="#azure">Microsoft <b>Azure</b></a>')}</p>`);
    }
    if (section % 5 === 0) {
      const items = [pick(), pick(), pick()];
      textBytes += utf8(items.join(''));
      parts.push(`<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`);
    }
    if (section % 7 === 0) {
      const cells = [pick(), pick()];
      textBytes += utf8(cells.join(''));
      parts.push(`<table><tr><td>${cells[0]}</td><td>${cells[1]}</td></tr></table>`);
    }
    parts.push('</section>');
  }
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partnership archive (generated)</title></head>' +
    `<body><main>${parts.join('\n')}</main></body></html>`;
  return { html, textBytes };
}

/**
 * A page that, once loaded, inserts a 2,000-deep nested subtree at once (a
 * comment thread or a generated document several thousand levels deep): the
 * page layer must read it as one change, in slices, without a long task.
 * Names sit at several depths, so the text is read down to the bottom.
 */
export function generateDeepPage(depth = 2000): string {
  const script = `
window.addEventListener('load', () => setTimeout(() => {
  const root = document.createElement('div');
  let at = root;
  for (let i = 0; i < ${depth}; i++) {
    const d = document.createElement('div');
    const line = i % 100 === 0
      ? 'Level ' + i + ': Xiaomi and Microsoft signed the memorandum; Cortana came to Xiaomi laptops.'
      : 'Level ' + i + ': a reply in the thread, with nothing to mark in it.';
    d.appendChild(document.createTextNode(line));
    at.appendChild(d);
    at = d;
  }
  document.getElementById('thread').appendChild(root);
}, 200));`;
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Deep thread (generated)</title></head>' +
    `<body><h1>A deep thread</h1><p>Replies load below.</p><div id="thread"></div><script>${script}</script></body></html>`
  );
}
