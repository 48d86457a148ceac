/** Command-line options of `npm run bench`. Pure. */
export interface BenchOptions {
  runs: number;
  quick: boolean;
  /** Folder of saved pages (*.html). */
  pagesDir: string;
  /** Only these page names (file names without .html); empty: all. */
  pages: string[];
  /** Size of the generated page's text in MB (0: no generated page). */
  bigMb: number;
  /** --big-mb was given: the generated page is measured even when --pages names only corpus pages. */
  bigMbGiven: boolean;
  /** An existing Chrome MV3 build to measure; otherwise the bench builds one into `buildDir`. */
  ext: string | null;
  buildDir: string;
  out: string;
  /** Per page load, seconds. */
  timeoutS: number;
  /** Traced runs per page and variant (attribution, longest task, card); 0: none. */
  tracedRuns: number;
  /** Another build of the extension measured beside `ext` in the untraced runs (variant "alt"), or null. */
  compare: string | null;
}

export const USAGE = `npm run bench -- [options]
  --quick            1 untraced and 1 traced run, a 1 MB generated page (for tests and development)
  --runs N           untraced alternating runs per page and variant (default 11)
  --traced-runs N    traced runs per page and variant, for attribution (default 1; 0 = none)
  --compare DIR      another Chrome MV3 build of the extension, measured beside it (variant "alt")
  --pages a,b        only these pages (file names without .html; "generated" for the generated page,
                     which is also measured whenever --big-mb is given; "deep" for the deep-thread page)
  --pages-dir DIR    folder of saved pages (default ../shared/corpus/pages)
  --big-mb N         text size of the generated page in MB (default 5; 0 = none)
  --ext DIR          measure this Chrome MV3 build instead of building one
  --build-dir DIR    where to build the extension (default .output/bench/build)
  --out FILE         JSON results (default .output/bench/results.json)
  --timeout S        per page load, seconds (default 180)`;

export function parseOptions(argv: readonly string[], defaults: { pagesDir: string }): BenchOptions {
  const o: BenchOptions = {
    runs: 11,
    tracedRuns: 1,
    compare: null,
    quick: false,
    pagesDir: defaults.pagesDir,
    pages: [],
    bigMb: 5,
    bigMbGiven: false,
    ext: null,
    buildDir: '.output/bench/build',
    out: '.output/bench/results.json',
    timeoutS: 180,
  };
  let runsGiven = false;
  let bigGiven = false;
  const num = (flag: string, v: string | undefined, min: number): number => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n) || n < min)
      throw new Error(`${flag} needs a number ≥ ${min}, got ${v ?? 'nothing'}\n\n${USAGE}`);
    return n;
  };
  const str = (flag: string, v: string | undefined): string => {
    if (!v || v.startsWith('--')) throw new Error(`${flag} needs a value\n\n${USAGE}`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    switch (a) {
      case '--quick':
        o.quick = true;
        break;
      case '--runs':
        o.runs = Math.floor(num(a, argv[++i], 1));
        runsGiven = true;
        break;
      case '--traced-runs':
        o.tracedRuns = Math.floor(num(a, argv[++i], 0));
        break;
      case '--compare':
        o.compare = str(a, argv[++i]);
        break;
      case '--pages':
        o.pages = str(a, argv[++i])
          .split(',')
          .map((s) => s.trim().replace(/\.html$/, ''))
          .filter(Boolean);
        break;
      case '--pages-dir':
        o.pagesDir = str(a, argv[++i]);
        break;
      case '--big-mb':
        o.bigMb = num(a, argv[++i], 0);
        bigGiven = true;
        break;
      case '--ext':
        o.ext = str(a, argv[++i]);
        break;
      case '--build-dir':
        o.buildDir = str(a, argv[++i]);
        break;
      case '--out':
        o.out = str(a, argv[++i]);
        break;
      case '--timeout':
        o.timeoutS = num(a, argv[++i], 1);
        break;
      case '--help':
      case '-h':
        throw new Error(USAGE);
      default:
        throw new Error(`unknown option ${a}\n\n${USAGE}`);
    }
  }
  o.bigMbGiven = bigGiven;
  if (o.quick) {
    if (!runsGiven) o.runs = 1;
    if (!bigGiven) o.bigMb = 1;
  }
  return o;
}
