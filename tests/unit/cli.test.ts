/** Runs the real CLI (tsx on the project's Node) as a user would. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
// The project's Node 24 first on PATH, as npm scripts have it.
const env = { ...process.env, PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH ?? ''}` };

const HOSTILE = join(ROOT, 'tests/fixtures/hostile/cli');

function run(args: string[], input?: string | Buffer) {
  const r = spawnSync(TSX, ['scripts/detect.ts', ...args], {
    cwd: ROOT,
    env,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('detect CLI', { timeout: 60_000 }, () => {
  it('--jsonl answers every non-empty line in order; a malformed line gets a numbered error and exit 1', () => {
    const input = [
      JSON.stringify({ id: 'a', text: 'Xiaomi’s speaker runs Cortana.', lang: 'en' }),
      'not json',
      '',
      JSON.stringify({ id: 7, text: 'She wiped the surface of the table.' }),
      JSON.stringify({ id: 'no-text' }),
      JSON.stringify({ id: 'b', text: '🎉 Microsoft\n  Azure' }),
    ].join('\n');
    const r = run(['--jsonl'], input + '\n');
    expect(r.status).toBe(1);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      {
        id: 'a',
        mentions: [
          { entity: 'xiaomi', start: 0, end: 6, text: 'Xiaomi' },
          { entity: 'cortana', start: 22, end: 29, text: 'Cortana' },
        ],
      },
      { id: 7, mentions: [] },
      { id: 'b', mentions: [{ entity: 'azure', start: 3, end: 20, text: 'Microsoft\n  Azure' }] },
    ]);
    expect(r.stderr).toMatch(/line 2: not valid JSON/);
    expect(r.stderr).toMatch(/line 5: .*string "text"/);
    expect(r.stderr).not.toMatch(/line [136]:/);
  });

  it('--jsonl exits 0 when every line is good, and prints nothing else on stdout', () => {
    const r = run(['--jsonl'], JSON.stringify({ id: 1, text: 'Surface Pro' }) + '\n');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('{"id":1,"mentions":[{"entity":"surface","start":0,"end":11,"text":"Surface Pro"}]}\n');
    expect(r.stderr).toBe('');
  });

  it('FILE prints line:col, entity, text and context, then counts per entity', () => {
    const dir = mkdtempSync(join(tmpdir(), 'detect-cli-'));
    const file = join(dir, 'a.txt');
    writeFileSync(file, 'Title line\nXiaomi and Microsoft met.\nThe surface of the lake. Xiaomi again.\n');
    const r = run([file]);
    expect(r.status).toBe(0);
    const rows = r.stdout.split('\n');
    expect(rows[0]).toMatch(/^2:1\s+xiaomi\s+Xiaomi\s+.*\[Xiaomi\] and Microsoft/);
    expect(rows[1]).toMatch(/^2:12\s+microsoft\s+Microsoft\s/);
    expect(rows[2]).toMatch(/^3:26\s+xiaomi\s+Xiaomi\s/);
    expect(r.stdout).toMatch(/3 mentions of 2 entities \(context mode\)/);
    expect(r.stdout).toMatch(/^\s+xiaomi\s+2$/m);
    expect(r.stdout).toMatch(/^\s+microsoft\s+1$/m);
    expect(r.stdout).not.toMatch(/^\S+\s+surface\s/m);
  });

  it('--plain switches to plain name matching', () => {
    const dir = mkdtempSync(join(tmpdir(), 'detect-cli-'));
    const file = join(dir, 'b.txt');
    writeFileSync(file, 'Surface tension is strong.\n');
    expect(run([file]).stdout).toMatch(/0 mentions/);
    const r = run(['--plain', file]);
    expect(r.stdout).toMatch(/1:1\s+surface\s+Surface/);
    expect(r.stdout).toMatch(/\(plain mode\)/);
  });

  it('--help prints usage; bad usage and a missing file are clear errors', () => {
    const h = run(['--help']);
    expect(h.status).toBe(0);
    expect(h.stdout).toMatch(/--jsonl/);
    const bad = run(['--frobnicate']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unknown option --frobnicate/);
    const missing = run(['/nonexistent/file.txt']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read \/nonexistent\/file.txt: ENOENT/);
  });

  describe('hostile input (tests/fixtures/hostile/cli)', () => {
    const jsonl = (name: string) => {
      const r = run(['--jsonl'], readFileSync(join(HOSTILE, name)));
      const out = r.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { id: unknown; mentions: { entity: string }[] });
      return { ...r, out, ids: out.map((o) => o.id), entities: out.map((o) => o.mentions.map((m) => m.entity)) };
    };

    it('a UTF-8 byte-order mark before the first line is not part of it', () => {
      const r = jsonl('bom.jsonl');
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.entities).toEqual([['xiaomi', 'microsoft'], ['cortana']]);
    });

    it('U+2028 and U+2029 inside a JSON string do not end the line, so later line numbers stay right', () => {
      const r = jsonl('line-separators.jsonl');
      expect(r.ids).toEqual(['a', 'c']);
      expect(r.entities[0]).toEqual(['xiaomi', 'microsoft', 'cortana']);
      expect(r.stderr).toMatch(/^line 2: not valid JSON/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.status).toBe(1);
    });

    it('reads Windows line ends (CRLF)', () => {
      const r = jsonl('crlf.jsonl');
      expect([r.status, r.stderr, r.ids]).toEqual([0, '', [1, 2]]);
    });

    it('refuses a line that is not UTF-8, naming it, answers the others, and exits 1', () => {
      const r = jsonl('invalid-utf8.jsonl');
      expect(r.ids).toEqual([1, 3]);
      expect(r.stderr).toBe('line 2: not valid UTF-8 (byte 23 of the line)\n');
      expect(r.status).toBe(1);
      // No replacement character reaches the output.
      expect(r.stdout).not.toContain('\uFFFD');
    });

    it('FILE: a file that is not UTF-8 is refused with the line it breaks on', () => {
      const dir = mkdtempSync(join(tmpdir(), 'detect-cli-'));
      const file = join(dir, 'latin1.txt');
      writeFileSync(
        file,
        Buffer.concat([Buffer.from('Xiaomi\nCaf'), Buffer.from([0xe9]), Buffer.from(' Microsoft\n')]),
      );
      const r = run([file]);
      expect(r.status).toBe(1);
      expect(r.stderr).toBe(`${file}: not valid UTF-8 (line 2, byte 4 of the line)\n`);
      expect(r.stdout).toBe('');
    });

    it('a closed output pipe (| head -1) ends it quietly, without an EPIPE stack', () => {
      // Enough output to fill the pipe after head has gone (~400 KB).
      const input = Array.from({ length: 5000 }, (_, i) =>
        JSON.stringify({ id: i, text: 'Xiaomi and Microsoft' }),
      ).join('\n');
      const r = spawnSync(
        'bash',
        ['-c', `"${TSX}" scripts/detect.ts --jsonl | head -1; echo "exit=\${PIPESTATUS[0]}" >&2`],
        { cwd: ROOT, env, input, encoding: 'utf8', timeout: 60_000 },
      );
      expect(r.stdout).toBe(
        '{"id":0,"mentions":[{"entity":"xiaomi","start":0,"end":6,"text":"Xiaomi"},{"entity":"microsoft","start":11,"end":20,"text":"Microsoft"}]}\n',
      );
      expect(r.stderr).toBe('exit=0\n');
    });
  });
});
