/**
 * Command-line front of the detection engine (same engine and default rules as
 * the extension). Thin on purpose: the logic lives in src/detect.
 *
 *   npm run --silent detect -- --jsonl < in.jsonl > out.jsonl
 *   npm run --silent detect -- article.txt
 *   npm run --silent detect -- --plain article.txt
 *   npm run --silent detect -- --explain article.txt
 *   npm run --silent detect -- --score gold.jsonl --min-p 0.9 --min-r 0.9
 */
import { readFileSync } from 'node:fs';
import { detect } from '../src/detect/index';
import type { DetectionMode, Mention } from '../src/detect/types';
import { explainText } from '../src/detect/why';
import type { WhyLanguage } from '../src/detect/why-words';
import { decodeUtf8 } from '../src/text/utf8';
import { cliLanguage, snippet, whyLines } from './detect-format';
import { scoreReport, VOCABULARIES, type VocabularyName } from './detect-score';

const HELP = `Usage:
  npm run --silent detect -- --jsonl [--plain] [--explain]     JSON lines on stdin → mentions on stdout
  npm run --silent detect -- [--plain] [--explain] FILE        readable list of the mentions in a text file
  npm run --silent detect -- --score GOLD.jsonl [--plain] [--explain] [--min-p X] [--min-r Y]
  npm run --silent detect -- --help

--jsonl   Each input line is a JSON object with a string "text" (and usually an "id";
          other fields are ignored). Each non-empty line gets one output line, in order:
          {"id": …, "mentions": [{"entity", "start", "end", "text"}]}
          start/end are JavaScript string indices (UTF-16), end exclusive.
          Lines end at \n or \r\n only (U+2028 and U+2029 are characters of a JSON
          string, not line ends); a UTF-8 byte-order mark before the first line is
          ignored. A malformed line (not UTF-8, not JSON, no "text") is reported on
          stderr with its line number; the other lines are still answered and the
          exit status is 1.
--plain   Plain name matching: every alias, case-sensitive, as written in the dataset,
          with no context rules (the extension's "plain" detection mode).
FILE      Prints each mention as line:column, entity, text and a short context,
          then the number of mentions per entity. "-" reads stdin.
--explain Why each mention was marked: the alias that matched (built-in, Chinese or
          your own), the mode, and how it was decided (an unambiguous name, a rule of
          the scan, or the classifier with its clues, score and confidence). Readable
          under each mention of FILE (--lang zh for Chinese); with --jsonl, each
          mention gets a "why" object (README: "For researchers").
--score GOLD.jsonl
          Scores the engine on labelled sentences ({"id","text","mentions":[{entity,
          start,end}]} a line, as ../shared/corpus/mentions-dev.jsonl): precision,
          recall and F1, then every false positive and false negative. A malformed
          line is named with its line number and nothing is scored (exit 2).
--min-p X, --min-r Y
          With --score: exit 1 when precision is under X or recall under Y (0 to 1).
--vocabulary corpus|dataset
          With --score: the entities scored. corpus (default): the 28 of the corpus
          README; dataset: every entity of the extension. Predicted and labelled
          mentions of other entities are set aside alike.
--lang en|zh
          The language of --explain's words (default en).
`;

interface Args extends ResearchArgs {
  jsonl: boolean;
  mode: DetectionMode;
  file?: string;
  help: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { jsonl: false, mode: 'context', help: false, explain: false, lang: 'en', vocabulary: 'corpus' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--jsonl') a.jsonl = true;
    else if (arg === '--plain') a.mode = 'plain';
    else if (arg === '--help' || arg === '-h') a.help = true;
    else if (researchOption(a, arg, () => argv[++i])) continue;
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg} (see --help)`);
    else if (a.file !== undefined) throw new Error(`one file at a time: got ${a.file} and ${arg}`);
    else a.file = arg;
  }
  if (a.jsonl && a.file !== undefined) throw new Error('--jsonl reads stdin: give no file');
  checkResearchArgs(a);
  return a;
}

// --- the researchers' options: --explain, --score and what goes with them --------------------

interface ResearchArgs {
  explain: boolean;
  lang: 'en' | 'zh';
  score?: string;
  minP?: number;
  minR?: number;
  vocabulary: VocabularyName;
}

/** Takes `arg` (and its value, from `next`) if it is one of the researchers' options. */
function researchOption(a: ResearchArgs, arg: string, next: () => string | undefined): boolean {
  const value = () => {
    const v = next();
    if (v === undefined || v.startsWith('--')) throw new Error(`${arg} needs a value (see --help)`);
    return v;
  };
  const fraction = () => {
    const raw = value();
    const x = Number(raw);
    if (!/^\s*[\d.]+\s*$/.test(raw) || !(x >= 0 && x <= 1))
      throw new Error(`${arg} needs a number from 0 to 1, got ${raw}`);
    return x;
  };
  if (arg === '--explain') a.explain = true;
  else if (arg === '--score') a.score = value();
  else if (arg === '--min-p') a.minP = fraction();
  else if (arg === '--min-r') a.minR = fraction();
  else if (arg === '--lang') {
    const v = value();
    if (v !== 'en' && v !== 'zh') throw new Error(`--lang is en or zh, got ${v}`);
    a.lang = v;
  } else if (arg === '--vocabulary') {
    const v = value();
    if (!(v in VOCABULARIES)) throw new Error(`--vocabulary is corpus or dataset, got ${v}`);
    a.vocabulary = v as VocabularyName;
  } else return false;
  return true;
}

function checkResearchArgs(a: Args): void {
  if (a.score !== undefined && (a.jsonl || a.file !== undefined))
    throw new Error('--score reads its own file: give no --jsonl or FILE');
  if (a.score === undefined && (a.minP !== undefined || a.minR !== undefined || a.vocabulary !== 'corpus'))
    throw new Error('--min-p, --min-r and --vocabulary go with --score');
  if (a.lang !== 'en' && !a.explain) throw new Error('--lang is the language of --explain: give --explain too');
}

async function runScore(args: Args): Promise<number> {
  const file = args.score!;
  const read = readTextFile(file);
  // A gold file that cannot be read cannot be scored: the same status as a malformed one.
  if (typeof read === 'number') return 2;
  const r = scoreReport(read, file, {
    mode: args.mode,
    vocabulary: args.vocabulary,
    explain: args.explain ? cliLanguage(args.lang) : undefined,
    minP: args.minP,
    minR: args.minR,
  });
  if (r.out.length) await write(r.out.join('\n') + '\n');
  if (r.err.length) process.stderr.write(r.err.join('\n') + '\n');
  return r.status;
}

/** A --jsonl answer's mentions, each with its "why" under --explain (without it, exactly as before). */
function jsonlMentions(text: string, mode: DetectionMode, explain: boolean) {
  if (explain)
    return explainText(text, { mode }).map(({ entity, start, end, text: t, why }) => ({
      entity,
      start,
      end,
      text: t,
      why,
    }));
  return detect(text, { mode }).map(({ entity, start, end, text: t }) => ({ entity, start, end, text: t }));
}

/** FILE's mentions, and under --explain the lines of each one's why (indented by `indent`). */
function fileMentions(
  text: string,
  mode: DetectionMode,
  explain: WhyLanguage | undefined,
): { mentions: Mention[]; whyOf: (i: number, indent: string) => string[] } {
  if (!explain) return { mentions: detect(text, { mode }), whyOf: () => [] };
  const explained = explainText(text, { mode });
  return { mentions: explained, whyOf: (i, indent) => whyLines(explained[i]!.why, explain, indent) };
}

/**
 * stdout, written with back-pressure. A reader that goes away (`| head -1`
 * closes the pipe) ends the program quietly with status 0: nobody is left to
 * read what would follow, and that is not an error of the input.
 */
function onClosedOutput(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await new Promise((resolve) => process.stdout.once('drain', resolve));
}

/** stdin's lines as bytes, split at \n only (a \r before it dropped), as they arrive. */
async function* byteLines(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const withoutCr = (b: Buffer) => (b.length && b[b.length - 1] === 0x0d ? b.subarray(0, -1) : b);
  // The pieces of a line not ended yet: joined once it ends, so that a long line costs its length once.
  let parts: Buffer[] = [];
  for await (const chunk of input) {
    let start = 0;
    for (let nl = chunk.indexOf(0x0a); nl >= 0; nl = chunk.indexOf(0x0a, start)) {
      parts.push(chunk.subarray(start, nl));
      yield withoutCr(Buffer.concat(parts));
      parts = [];
      start = nl + 1;
    }
    if (start < chunk.length) parts.push(chunk.subarray(start));
  }
  if (parts.length) yield withoutCr(Buffer.concat(parts));
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

async function runJsonl(mode: DetectionMode, explain = false): Promise<number> {
  let status = 0;
  let n = 0;
  const fail = (message: string) => {
    process.stderr.write(`line ${n}: ${message}\n`);
    status = 1;
  };
  for await (let bytes of byteLines(process.stdin)) {
    n++;
    if (n === 1 && bytes.subarray(0, 3).equals(BOM)) bytes = bytes.subarray(3);
    // Strict: a line that is not UTF-8 is reported, never read with U+FFFD in place of what it said.
    const decoded = decodeUtf8(bytes, { keepBom: true });
    if (!decoded.ok) {
      fail(`not valid UTF-8 (byte ${decoded.offset + 1} of the line)`);
      continue;
    }
    const line = decoded.text;
    if (!line.trim()) continue;
    let rec: unknown;
    try {
      rec = JSON.parse(line);
    } catch (e) {
      fail(`not valid JSON (${(e as Error).message})`);
      continue;
    }
    if (typeof rec !== 'object' || rec === null || typeof (rec as { text?: unknown }).text !== 'string') {
      fail('needs a JSON object with a string "text"');
      continue;
    }
    const { id, text } = rec as { id?: unknown; text: string };
    const mentions = jsonlMentions(text, mode, explain);
    await write(JSON.stringify({ id: id ?? null, mentions }) + '\n');
  }
  return status;
}

/** 1-based line and column (in UTF-16 units, as editors and JS count) of an offset. */
function lineCol(lineStarts: number[], offset: number): [number, number] {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return [lo + 1, offset - lineStarts[lo]! + 1];
}

/**
 * A text file as strict UTF-8 ("-": stdin), or the exit status after saying
 * on stderr why it cannot be read: 2 when it cannot be opened, 1 when it is
 * not UTF-8 (the line and byte named).
 */
function readTextFile(file: string): string | number {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file === '-' ? 0 : file);
  } catch (e) {
    process.stderr.write(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return 2;
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    const lineStart = decoded.offset === 0 ? 0 : bytes.lastIndexOf(0x0a, decoded.offset - 1) + 1;
    let line = 1;
    for (let i = bytes.indexOf(0x0a); i >= 0 && i < lineStart; i = bytes.indexOf(0x0a, i + 1)) line++;
    process.stderr.write(
      `${file}: not valid UTF-8 (line ${line}, byte ${decoded.offset - lineStart + 1} of the line)\n`,
    );
    return 1;
  }
  return decoded.text;
}

async function runFile(file: string, mode: DetectionMode, explain?: WhyLanguage): Promise<number> {
  const text = readTextFile(file);
  if (typeof text === 'number') return text;
  const { mentions, whyOf } = fileMentions(text, mode, explain);
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const rows = mentions.map((m) => {
    const [l, c] = lineCol(lineStarts, m.start);
    return [`${l}:${c}`, m.entity, m.text.replace(/\s+/g, ' '), snippet(text, m)] as const;
  });
  const w0 = Math.max(0, ...rows.map((r) => r[0].length));
  const w1 = Math.max(0, ...rows.map((r) => r[1].length));
  const w2 = Math.min(30, Math.max(0, ...rows.map((r) => r[2].length)));
  const out: string[] = [];
  rows.forEach((r, i) => {
    out.push(`${r[0].padEnd(w0)}  ${r[1].padEnd(w1)}  ${r[2].padEnd(w2)}  ${r[3]}`);
    out.push(...whyOf(i, ' '.repeat(w0 + 2)));
  });
  const counts = new Map<string, number>();
  for (const m of mentions) counts.set(m.entity, (counts.get(m.entity) ?? 0) + 1);
  out.push('');
  out.push(
    `${mentions.length} mention${mentions.length === 1 ? '' : 's'} of ${counts.size} entit${counts.size === 1 ? 'y' : 'ies'} (${mode} mode)`,
  );
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const wc = Math.max(0, ...sorted.map(([e]) => e.length));
  for (const [e, n] of sorted) out.push(`  ${e.padEnd(wc)}  ${n}`);
  await write(out.join('\n') + '\n');
  return 0;
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`detect: ${(e as Error).message}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(HELP);
    return 0;
  }
  onClosedOutput();
  if (args.score !== undefined) return runScore(args);
  if (args.jsonl) return runJsonl(args.mode, args.explain);
  if (args.file === undefined) {
    process.stderr.write('detect: give a FILE, --jsonl or --score (see --help)\n');
    return 2;
  }
  return runFile(args.file, args.mode, args.explain ? cliLanguage(args.lang) : undefined);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`detect: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  },
);
