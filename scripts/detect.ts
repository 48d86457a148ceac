/**
 * Command-line front of the detection engine (same engine and default rules as
 * the extension). Thin on purpose: the logic lives in src/detect.
 *
 *   npm run --silent detect -- --jsonl < in.jsonl > out.jsonl
 *   npm run --silent detect -- article.txt
 *   npm run --silent detect -- --plain article.txt
 */
import { readFileSync } from 'node:fs';
import { detect } from '../src/detect/index';
import type { DetectionMode, Mention } from '../src/detect/types';
import { decodeUtf8 } from '../src/text/utf8';

const HELP = `Usage:
  npm run --silent detect -- --jsonl [--plain]     JSON lines on stdin → mentions on stdout
  npm run --silent detect -- [--plain] FILE        readable list of the mentions in a text file
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
`;

interface Args {
  jsonl: boolean;
  mode: DetectionMode;
  file?: string;
  help: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { jsonl: false, mode: 'context', help: false };
  for (const arg of argv) {
    if (arg === '--jsonl') a.jsonl = true;
    else if (arg === '--plain') a.mode = 'plain';
    else if (arg === '--help' || arg === '-h') a.help = true;
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg} (see --help)`);
    else if (a.file !== undefined) throw new Error(`one file at a time: got ${a.file} and ${arg}`);
    else a.file = arg;
  }
  if (a.jsonl && a.file !== undefined) throw new Error('--jsonl reads stdin: give no file');
  return a;
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

async function runJsonl(mode: DetectionMode): Promise<number> {
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
    const mentions = detect(text, { mode }).map(({ entity, start, end, text: t }) => ({ entity, start, end, text: t }));
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

function snippet(text: string, m: Mention): string {
  const flat = (s: string) => s.replace(/\s+/g, ' ');
  const before = flat(text.slice(Math.max(0, m.start - 30), m.start)).trimStart();
  const after = flat(text.slice(m.end, m.end + 30)).trimEnd();
  return `${m.start > 30 ? '…' : ''}${before}[${flat(m.text)}]${after}${m.end + 30 < text.length ? '…' : ''}`;
}

async function runFile(file: string, mode: DetectionMode): Promise<number> {
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
  const text = decoded.text;
  const mentions = detect(text, { mode });
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
  for (const r of rows) out.push(`${r[0].padEnd(w0)}  ${r[1].padEnd(w1)}  ${r[2].padEnd(w2)}  ${r[3]}`);
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
  if (args.jsonl) return runJsonl(args.mode);
  if (args.file === undefined) {
    process.stderr.write('detect: give a FILE or --jsonl (see --help)\n');
    return 2;
  }
  return runFile(args.file, args.mode);
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
