// `lectern pptx` as a user runs it (the built CLI, whole process): time and peak resident memory for
// the generated 60- and 600-slide lectures and for the course's lectures, against a bare `node -e 0`,
// in interleaved rounds. Figures, not assertions. Run alone with `npx tsx scripts/bench-pptx.ts`
// (after `npm run build`); scripts/bench.ts calls benchPptx().
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLecture } from './bench-lecture.js';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

// Loaded with -r into the measured process: prints its peak resident memory and the CPU time it used
// (user and system; on a loaded machine it moves far less than the wall time) when it ends.
const RSS_PROBE = `process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('peak-rss-kib=' + u.maxRSS + ' cpu-us=' + (u.userCPUTime + u.systemCPUTime) + '\\n'); });`;

export interface PptxFigure {
  name: string;
  /** Median wall time of the whole process, ms. */
  ms: number;
  /** Median peak resident memory, MiB. */
  peakMiB: number;
  /** Median CPU time of the process (user and system), ms. */
  cpuMs: number;
}

export interface PptxFigures {
  bare: number;
  lectures: PptxFigure[];
  /** Median of the paired ratios 600 ÷ 60 slides. */
  growth600over60: number;
  runs: number;
}

/** Measure `runs` interleaved rounds of every lecture. */
export function benchPptx(root: string, runs: number): PptxFigures {
  const work = mkdtempSync(join(tmpdir(), 'lectern-bench-pptx-'));
  try {
    writeFileSync(join(work, 'rss-probe.cjs'), RSS_PROBE);
    writeFileSync(join(work, 'bench-60.yaml'), generateLecture(60));
    writeFileSync(join(work, 'bench-600.yaml'), generateLecture(600));
    const course = join(root, 'content', 'cold-war');
    const courseFiles = readdirSync(course).filter((f) => f.endsWith('.yaml') && f !== 'course.yaml');
    for (const file of courseFiles) copyFileSync(join(course, file), join(work, file));
    // The lectures' own figures, which they name beside them.
    cpSync(join(course, 'figures'), join(work, 'figures'), { recursive: true });
    const files = ['bench-60.yaml', 'bench-600.yaml', ...courseFiles];
    const bin = join(root, 'bin', 'lectern.cjs');
    const run = (file: string) => {
      const start = process.hrtime.bigint();
      const result = spawnSync(
        process.execPath,
        ['-r', join(work, 'rss-probe.cjs'), bin, 'pptx', file, '--out', `${file}.pptx`],
        { cwd: work, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] },
      );
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (result.status !== 0) throw new Error(`lectern pptx ${file} failed: ${result.stderr}`);
      return {
        ms,
        peakMiB: Number(/peak-rss-kib=(\d+)/.exec(result.stderr)?.[1]) / 1024,
        cpuMs: Number(/cpu-us=(\d+)/.exec(result.stderr)?.[1]) / 1000,
      };
    };
    const bare = () => {
      const start = process.hrtime.bigint();
      spawnSync(process.execPath, ['-e', '0']);
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    for (const file of files) run(file); // the first runs fill the OS file cache and the CLI's code cache
    const samples = new Map(files.map((f) => [f, [] as { ms: number; peakMiB: number; cpuMs: number }[]]));
    const bares: number[] = [];
    for (let i = 0; i < runs; i++) {
      bares.push(bare());
      for (const file of i % 2 === 0 ? files : [...files].reverse()) samples.get(file)?.push(run(file));
    }
    const of = (file: string) => samples.get(file) ?? [];
    const growth = of('bench-600.yaml').map((s, i) => s.ms / (of('bench-60.yaml')[i]?.ms ?? Number.NaN));
    return {
      bare: median(bares),
      lectures: files.map((name) => ({
        name,
        ms: median(of(name).map((s) => s.ms)),
        peakMiB: median(of(name).map((s) => s.peakMiB)),
        cpuMs: median(of(name).map((s) => s.cpuMs)),
      })),
      growth600over60: median(growth),
      runs,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The report bench.ts prints. */
export function formatPptx(figures: PptxFigures): string {
  return [
    `median of ${figures.runs} interleaved rounds; node -e 0 ${figures.bare.toFixed(0)} ms`,
    ...figures.lectures.map(
      (l) =>
        `${l.name.padEnd(32)} ${l.ms.toFixed(0).padStart(6)} ms   CPU ${l.cpuMs.toFixed(0).padStart(5)} ms   peak RSS ${l.peakMiB.toFixed(0)} MiB`,
    ),
    `600 ÷ 60 slides, paired: ${figures.growth600over60.toFixed(2)}×`,
  ].join('\n');
}

if (import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const root = join(import.meta.dirname, '..');
  console.log(formatPptx(benchPptx(root, Number(process.env.LECTERN_BENCH_RUNS ?? 7))));
}
