/** The detect CLI's researchers' options (--explain, --score), run as a user would: a child process. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainText } from '../../src/detect/why';

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
// The project's Node 24 first on PATH, as npm scripts have it.
const env = { ...process.env, PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH ?? ''}` };

function run(args: string[], input?: string) {
  const r = spawnSync(TSX, ['scripts/detect.ts', ...args], {
    cwd: ROOT,
    env,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'detect-research-')), name);
  writeFileSync(path, content);
  return path;
}

const ARTICLE = 'Xiaomi and Microsoft met.\nYesterday Microsoft launched the Surface in Beijing.\n';

describe('detect --explain', { timeout: 60_000 }, () => {
  it('FILE: each mention is followed by why it was marked, in English or Chinese', () => {
    const path = file('a.txt', ARTICLE);
    const r = run(['--explain', path]);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^1:1\s+xiaomi\s+Xiaomi\s/);
    expect(lines[1]).toBe('      Matched “Xiaomi”, a built-in name (context-aware matching).');
    expect(lines[2]).toBe('      Marked: the name is not ambiguous, so it counts however it is written.');
    const surface = lines.findIndex((l) => /^2:34\s+surface\s/.test(l));
    expect(lines.slice(surface + 1, surface + 4)).toEqual([
      '      Matched “Surface”, a built-in name (context-aware matching).',
      expect.stringMatching(/^ {6}Marked by the classifier, confidence (medium|high) \(score \+[\d.]+\)\.$/),
      '      “Surface” is also a common word or another name, so its sentence decides.',
    ]);
    expect(r.stdout).toMatch(/^ {8}\+2\.5 {2}capitalised in mid-sentence$/m);
    expect(r.stdout).toMatch(/^ {10}\+2 {2}Microsoft is named in the same sentence$/m);
    // The summary is unchanged.
    expect(r.stdout).toMatch(/4 mentions of 3 entities \(context mode\)/);

    const zh = run(['--explain', '--lang', 'zh', path]);
    expect(zh.status).toBe(0);
    expect(zh.stdout).toContain('      匹配到“Surface”，内置名称（结合上下文识别）。');
    expect(zh.stdout).toContain('在句中首字母大写');
    expect(zh.stdout).toContain('同一句中提到了微软');
  });

  it('--jsonl: each mention carries "why" only under --explain, the engine’s own why', () => {
    const input = [
      JSON.stringify({ id: 'a', text: 'Yesterday Microsoft launched the Surface in Beijing.' }),
      JSON.stringify({ id: 'b', text: 'She wiped the surface of the table.' }),
    ].join('\n');
    const plain = run(['--jsonl'], input + '\n');
    const explained = run(['--jsonl', '--explain'], input + '\n');
    expect([plain.status, explained.status]).toEqual([0, 0]);
    const a = plain.stdout.trim().split('\n');
    const b = explained.stdout.trim().split('\n');
    expect(a[0]).not.toContain('"why"');
    const withWhy = JSON.parse(b[0]!) as { id: string; mentions: unknown[] };
    expect(withWhy).toEqual({ id: 'a', mentions: explainText('Yesterday Microsoft launched the Surface in Beijing.') });
    // The same mentions, in the same order, with and without.
    const strip = (line: string) =>
      (JSON.parse(line) as { mentions: Record<string, unknown>[] }).mentions.map((m) => {
        const { entity, start, end, text } = m;
        return { entity, start, end, text };
      });
    expect(b.map(strip)).toEqual(a.map(strip));
    expect(b[1]).toBe('{"id":"b","mentions":[]}');
  });

  it('refuses options that do not go together, with a message', () => {
    expect(run(['--min-p', '0.5', 'x.txt'])).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/go with --score/),
    });
    expect(run(['--score', 'g.jsonl', '--jsonl'])).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/--score/),
    });
    expect(run(['--score', 'g.jsonl', '--min-r', '1.5'])).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/--min-r needs a number from 0 to 1, got 1\.5/),
    });
    expect(run(['--lang', 'zh', 'x.txt'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/--explain/) });
  });
});

const GOLD = [
  {
    id: 'g1',
    text: 'Xiaomi and Microsoft signed a deal.',
    mentions: [
      { entity: 'xiaomi', start: 0, end: 6 },
      { entity: 'microsoft', start: 11, end: 20 },
    ],
  },
  // Labelled as a trap: the engine marks Surface here (a false positive).
  { id: 'g2', text: 'Yesterday Microsoft launched the Surface in Beijing.', mentions: [] },
  // Labelled with a name the engine leaves (lower case): a false negative.
  { id: 'g3', text: 'we tried the new surface laptop', mentions: [{ entity: 'surface', start: 17, end: 24 }] },
];
const goldFile = () => file('gold.jsonl', GOLD.map((g) => JSON.stringify(g)).join('\n') + '\n');

describe('detect --score', { timeout: 60_000 }, () => {
  it('prints precision, recall and F1 with every false positive and false negative', () => {
    const r = run(['--score', goldFile()]);
    expect(r.status).toBe(0);
    const out = r.stdout.split('\n');
    expect(out[0]).toMatch(
      /gold\.jsonl: 3 sentences, 3 labelled mentions \(context mode, corpus vocabulary of 28 entities\)$/,
    );
    // g2 has two FPs (Microsoft and Surface: labelled as having no mention at all).
    expect(out[1]).toBe('precision 0.500  recall 0.667  F1 0.571  (tp 2, fp 2, fn 1)');
    expect(r.stdout).toContain('False positives (2):');
    expect(r.stdout).toMatch(
      /^ {2}g2 {2}microsoft {2}10–19 {2}Yesterday \[Microsoft\] launched the Surface in Beiji…$/m,
    );
    expect(r.stdout).toMatch(
      /^ {2}g2 {2}surface {4}33–40 {2}…terday Microsoft launched the \[Surface\] in Beijing\.$/m,
    );
    expect(r.stdout).toContain('False negatives (1):');
    expect(r.stdout).toMatch(/^ {2}g3 {2}surface {2}17–24 {2}we tried the new \[surface\] laptop$/m);
    expect(r.stderr).toBe('');
  });

  it('--explain says why each error was marked or left', () => {
    const r = run(['--score', goldFile(), '--explain']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('    “Surface” is also a common word or another name, so its sentence decides.');
    // The false negative: lower-case "surface laptop" went to the classifier, which left it.
    expect(r.stdout).toMatch(
      /g3 .*\n {4}Matched “Surface Laptop”, a built-in name \(context-aware matching\)\.\n {4}Not marked by the classifier/,
    );
  });

  it('exits 1 under --min-p / --min-r, naming the threshold; 0 at or over them', () => {
    const gold = goldFile();
    const under = run(['--score', gold, '--min-p', '0.9', '--min-r', '0.5']);
    expect(under.status).toBe(1);
    expect(under.stderr.trim()).toBe('precision 0.500 is under --min-p 0.9');
    const both = run(['--score', gold, '--min-p', '0.9', '--min-r', '0.9']);
    expect(both.stderr.trim().split('\n')).toEqual([
      'precision 0.500 is under --min-p 0.9',
      'recall 0.667 is under --min-r 0.9',
    ]);
    expect(run(['--score', gold, '--min-p', '0.5', '--min-r', '0.6']).status).toBe(0);
  });

  it('--plain scores plain name matching', () => {
    const r = run(['--score', goldFile(), '--plain']);
    expect(r.stdout.split('\n')[0]).toMatch(/\(plain mode, corpus vocabulary/);
    expect(r.status).toBe(0);
  });

  it('a malformed gold line is named with its line number, and nothing is scored', () => {
    const bad = file(
      'bad.jsonl',
      [
        JSON.stringify(GOLD[0]),
        '{"id":"x","text":"abc","mentions":[{"entity":"xiaomi","start":2,"end":9}]}',
        'not json',
      ].join('\n'),
    );
    const r = run(['--score', bad]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /bad\.jsonl: line 2: mentions\.0: 2–9 is not a non-empty span of the text \(3 characters\)/,
    );
    expect(r.stderr).toMatch(/bad\.jsonl: line 3: not valid JSON/);
    expect(r.stderr).toMatch(/2 malformed lines, nothing scored/);
    expect(run(['--score', join(tmpdir(), 'no-such-gold.jsonl')])).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/cannot read .*: ENOENT/),
    });
  });
});
