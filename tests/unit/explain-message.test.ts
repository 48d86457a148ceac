/**
 * The card's "Why marked" path, the background half: an `explain` request is
 * parsed by the router's schema, answered by the same engine function and
 * formatter the command line uses, and the answer is what `detect --explain`
 * prints for the same sentence.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerExplain } from '../../src/background/explain';
import { scanContext, scannerFor } from '../../src/detect/index';
import { MAX_ALIAS_LENGTH, MAX_EXTRA_ALIASES } from '../../src/detect/scan';
import { BackgroundRequestSchema, ExplainReplySchema, parseMessage, type ExplainRequest } from '../../src/messages';

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const env = { ...process.env, PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH ?? ''}` };

function cli(args: string[], input: string): string {
  const r = spawnSync(TSX, ['scripts/detect.ts', ...args], {
    cwd: ROOT,
    env,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

const SENTENCES = [
  'Yesterday Microsoft launched the Surface in Beijing.',
  'Amazon, again.',
  'Xiaomi and Microsoft signed a memorandum of understanding.',
  '微软小娜将登陆小米的智能音箱。',
];

/** The request a card would send for the mention `written` of `sentence`, the sentence being the whole page. */
function request(sentence: string, written: string, entity: string, extra: Partial<ExplainRequest> = {}): unknown {
  const start = sentence.indexOf(written);
  return {
    type: 'explain',
    mention: { sentence, start, end: start + written.length, entity },
    context: scanContext(scannerFor().scan(sentence)),
    mode: 'context',
    ...extra,
  };
}

function parsed(msg: unknown): ExplainRequest {
  const r = parseMessage(BackgroundRequestSchema, msg);
  if (!r.ok) throw new Error(r.error);
  if (r.value.type !== 'explain') throw new Error(`parsed as ${r.value.type}`);
  return r.value;
}

describe('explain: the background answers what the command line prints', { timeout: 60_000 }, () => {
  it('the handler’s why and words equal `detect --jsonl --explain` and `detect --explain` for the same sentences', () => {
    const jsonl = cli(['--jsonl', '--explain'], SENTENCES.map((text, id) => JSON.stringify({ id, text })).join('\n'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { mentions: { entity: string; text: string; why: unknown }[] });
    let n = 0;
    SENTENCES.forEach((sentence, i) => {
      for (const m of jsonl[i]!.mentions) {
        const answer = answerExplain(parsed(request(sentence, m.text, m.entity)));
        expect(answer.why).toEqual(m.why);
        expect(parseMessage(ExplainReplySchema, answer).ok).toBe(true);
        n++;
      }
    });
    expect(n).toBeGreaterThanOrEqual(7);

    // The words: the readable output of the CLI holds the handler's lines.
    const readable = cli(['--explain', '-'], SENTENCES[0]!);
    const surface = answerExplain(parsed(request(SENTENCES[0]!, 'Surface', 'surface')));
    for (const line of [surface.words.found, surface.words.decision, surface.words.asked!])
      expect(readable).toContain(`  ${line}\n`);
    for (const c of surface.words.clues) expect(readable).toContain(`  ${c.weight}  ${c.text}\n`);
  });

  it('answers in the shape the card will parse', () => {
    const answer = answerExplain(parsed(request(SENTENCES[0]!, 'Surface', 'surface')));
    const r = parseMessage(ExplainReplySchema, answer);
    expect(r.ok).toBe(true);
    expect(answer.words.clues).toContainEqual({ text: 'capitalised in mid-sentence', weight: '+2.5' });
    // The reader's own alias and plain mode travel with the request.
    const own = answerExplain(
      parsed(request('Mi Corp said so.', 'Mi Corp', 'xiaomi', { extraAliases: { xiaomi: ['Mi Corp'] } })),
    );
    expect(own.why.alias).toEqual({ listed: 'Mi Corp', source: 'reader' });
    expect(own.words.found).toBe('Matched “Mi Corp”, your own alias (context-aware matching).');
    const plain = answerExplain(parsed(request('Xiaomi phones.', 'Xiaomi', 'xiaomi', { mode: 'plain' })));
    expect(plain.why.decision).toEqual({ by: 'scan-rule', rule: 'plain-as-listed' });
  });

  it('refuses a malformed request, saying what is wrong', () => {
    const error = (msg: unknown) => {
      const r = parseMessage(BackgroundRequestSchema, msg);
      return r.ok ? null : r.error;
    };
    const good = request(SENTENCES[0]!, 'Surface', 'surface') as Record<string, unknown>;
    expect(error(good)).toBeNull();
    expect(error({ ...good, mention: { sentence: 'abc', start: 1, end: 9, entity: 'xiaomi' } })).toMatch(
      /mention: must be a non-empty span inside its sentence/,
    );
    expect(error({ ...good, mode: 'fuzzy' })).toMatch(/^explain: mode: /);
    expect(error({ ...good, extraAliases: { xiaomi: ['x'.repeat(MAX_ALIAS_LENGTH + 1)] } })).toMatch(
      /extraAliases\.xiaomi\.0: an alias is at most 80 characters/,
    );
    const many = { xiaomi: Array.from({ length: MAX_EXTRA_ALIASES + 1 }, (_, i) => `alias ${i}`) };
    expect(error({ ...good, extraAliases: many })).toMatch(/extraAliases: at most 500 aliases in all/);
    expect(error({ ...good, context: ['Not An Id'] })).toMatch(/context\.0: must be an entity id/);
  });
});
