/**
 * Lints a Firefox build with Mozilla's addons-linter (through web-ext) and judges the
 * result the way addons.mozilla.org would, plus one rule of ours: every warning must be
 * one we have looked at and explained below. Errors and unexplained warnings fail.
 *
 *   npm run lint:firefox              builds (wxt build -b firefox), then lints
 *   tsx scripts/lint-firefox.ts DIR   lints an existing unpacked build
 *
 * Without DIR it lints `${LENS_OUT_DIR ?? '.output'}/firefox-mv3`.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const ROOT = resolve(import.meta.dirname, '..');

export interface LintFinding {
  code: string;
  message: string;
  description?: string;
  file?: string;
  line?: number;
  column?: number;
}

export interface LintReport {
  errors: LintFinding[];
  warnings: LintFinding[];
  notices: LintFinding[];
}

export interface KnownWarning {
  code: string;
  /** Why the warning is acceptable, printed with it. */
  why: string;
  /** Whether this finding is the case `why` describes (reads the flagged code). */
  applies(finding: LintFinding, buildDir: string): boolean;
}

/** The flagged code around a finding's position (minified bundles are one long line). */
export function codeAround(buildDir: string, finding: LintFinding, radius = 80): string {
  if (!finding.file || finding.line === undefined) return '';
  const path = join(buildDir, finding.file);
  if (!existsSync(path)) return '';
  const line = readFileSync(path, 'utf8').split('\n')[finding.line - 1] ?? '';
  const col = finding.column ?? 0;
  return line.slice(Math.max(0, col - radius), col + radius);
}

/** Source files of ours (not node_modules) that use a string, to back an explanation. */
function sourcesUsing(needle: string): string[] {
  const hits: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|tsx|js|jsx)$/.test(name) && readFileSync(path, 'utf8').includes(needle)) hits.push(path);
    }
  };
  for (const dir of ['entrypoints', 'src']) walk(join(ROOT, dir));
  return hits;
}

export const KNOWN_WARNINGS: KnownWarning[] = [
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    why:
      "Preact's renderer assigns innerHTML only for the dangerouslySetInnerHTML prop, which no " +
      'component of ours uses; everything we render goes through text nodes.',
    applies: (finding, buildDir) =>
      /\.innerHTML\s*=\s*[\w$]+\.__html\b/.test(codeAround(buildDir, finding)) &&
      sourcesUsing('dangerouslySetInnerHTML').length === 0,
  },
];

export interface Judgement {
  ok: boolean;
  errors: LintFinding[];
  explained: { finding: LintFinding; why: string }[];
  unexplained: LintFinding[];
  notices: LintFinding[];
}

export function judgeLint(report: LintReport, buildDir: string, known: KnownWarning[] = KNOWN_WARNINGS): Judgement {
  const explained: Judgement['explained'] = [];
  const unexplained: LintFinding[] = [];
  for (const finding of report.warnings) {
    const match = known.find((k) => k.code === finding.code && k.applies(finding, buildDir));
    if (match) explained.push({ finding, why: match.why });
    else unexplained.push(finding);
  }
  return {
    ok: report.errors.length === 0 && unexplained.length === 0,
    errors: report.errors,
    explained,
    unexplained,
    notices: report.notices,
  };
}

/** Runs `web-ext lint --output=json` on an unpacked build. */
export async function lintFirefoxBuild(buildDir: string): Promise<LintReport> {
  if (!existsSync(join(buildDir, 'manifest.json'))) {
    throw new Error(`${buildDir} has no manifest.json: build first (npm run build:firefox)`);
  }
  const webExt = join(ROOT, 'node_modules/.bin/web-ext');
  let stdout: string;
  try {
    ({ stdout } = await promisify(execFile)(
      webExt,
      ['lint', '--source-dir', buildDir, '--output=json', '--no-config-discovery'],
      {
        cwd: ROOT,
        maxBuffer: 64 * 1024 * 1024,
      },
    ));
  } catch (error) {
    // web-ext exits non-zero when the linter reports errors; the JSON is still on stdout.
    const e = error as { stdout?: string; stderr?: string };
    if (!e.stdout?.trim().startsWith('{'))
      throw new Error(`web-ext lint failed: ${e.stderr ?? String(error)}`, { cause: error });
    stdout = e.stdout;
  }
  const json = JSON.parse(stdout) as Partial<LintReport>;
  return { errors: json.errors ?? [], warnings: json.warnings ?? [], notices: json.notices ?? [] };
}

function describe(f: LintFinding): string {
  const where = f.file ? ` (${f.file}${f.line !== undefined ? `:${f.line}:${f.column ?? 0}` : ''})` : '';
  return `${f.code}: ${f.message}${where}`;
}

export function formatJudgement(j: Judgement): string {
  const out: string[] = [];
  for (const f of j.errors) out.push(`error    ${describe(f)}`);
  for (const f of j.unexplained)
    out.push(
      `warning  ${describe(f)}\n         not explained: look at it, fix it or add it to KNOWN_WARNINGS with a reason`,
    );
  for (const { finding, why } of j.explained) out.push(`warning  ${describe(finding)}\n         accepted: ${why}`);
  for (const f of j.notices) out.push(`notice   ${describe(f)}`);
  out.push(
    `${j.errors.length} errors, ${j.unexplained.length + j.explained.length} warnings ` +
      `(${j.unexplained.length} unexplained), ${j.notices.length} notices: ${j.ok ? 'OK' : 'FAILED'}`,
  );
  return out.join('\n');
}

async function main() {
  const dir = resolve(process.argv[2] ?? join(ROOT, process.env.LENS_OUT_DIR ?? '.output', 'firefox-mv3'));
  const judgement = judgeLint(await lintFirefoxBuild(dir), dir);
  console.log(`web-ext lint ${dir}\n${formatJudgement(judgement)}`);
  process.exitCode = judgement.ok ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
