/** Runs the real CLI (tsx on the project's Node) as a user would. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

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
});
