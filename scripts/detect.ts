/**
 * Command-line front of the detection engine (same engine and default rules as
 * the extension). Thin on purpose: the logic lives in src/detect.
 *
 *   npm run --silent detect -- --jsonl < in.jsonl > out.jsonl
 *   npm run --silent detect -- article.txt
 *   npm run --silent detect -- --plain article.txt
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { detect } from '../src/detect/index';
import type { DetectionMode, Mention } from '../src/detect/types';

const HELP = `Usage:
  npm run --silent detect -- --jsonl [--plain]     JSON lines on stdin → mentions on stdout
  npm run --silent detect -- [--plain] FILE        readable list of the mentions in a text file
  npm run --silent detect -- --help

--jsonl   Each input line is a JSON object with a string "text" (and usually an "id";
          other fields are ignored). Each non-empty line gets one output line, in order:
          {"id": …, "mentions": [{"entity", "start", "end", "text"}]}
          start/end are JavaScript string indices (UTF-16), end exclusive.
          A malformed line is reported on stderr with its line number; the other lines
          are still answered and the exit status is 1.
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

async function runJsonl(mode: DetectionMode): Promise<number> {
  let status = 0;
  let n = 0;
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    n++;
    if (!line.trim()) continue;
    let rec: unknown;
    try {
      rec = JSON.parse(line);
    } catch (e) {
      process.stderr.write(`line ${n}: not valid JSON (${(e as Error).message})\n`);
      status = 1;
      continue;
    }
    if (typeof rec !== 'object' || rec === null || typeof (rec as { text?: unknown }).text !== 'string') {
      process.stderr.write(`line ${n}: needs a JSON object with a string "text"\n`);
      status = 1;
      continue;
    }
    const { id, text } = rec as { id?: unknown; text: string };
    const mentions = detect(text, { mode }).map(({ entity, start, end, text: t }) => ({ entity, start, end, text: t }));
    process.stdout.write(JSON.stringify({ id: id ?? null, mentions }) + '\n');
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

function runFile(file: string, mode: DetectionMode): number {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    process.stderr.write(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return 2;
  }
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
  process.stdout.write(out.join('\n') + '\n');
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
