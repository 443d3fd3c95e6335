// Whole processes, as a user meets them: `lectern render` against a bare `node -e 0` and against
// pandoc (when installed) on the same lecture, in interleaved pairs so that load on the machine
// falls on both sides alike; ratios are medians of the per-pair ratios. The Node processes also
// report the CPU time they used, which a loaded machine stretches far less than their wall time.
// Figures, never assertions.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLecture, generateMarkdown } from './bench-lecture.js';

export interface ProcessFigures {
  /** Median wall time of each command, ms. */
  bare: number;
  render60: number;
  render600: number;
  pandoc60?: number;
  pandoc600?: number;
  /** Median CPU time (user + system) of `node -e 0` and of `lectern render` of 60 slides, ms. */
  bareCpu: number;
  render60Cpu: number;
  /** Medians of per-pair ratios. */
  renderOverBare: number;
  renderOverBareCpu: number;
  renderOverPandoc60?: number;
  renderOverPandoc600?: number;
  growth600over60: number;
  /** Peak resident memory of `lectern render` of 600 slides, MiB (median of 3). */
  peakRss600: number;
  runs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

// CPU time of the last run of a Node process started with the CPU probe, ms.
let lastCpu = Number.NaN;

function timed(command: string, args: string[], cwd: string): number {
  const start = process.hrtime.bigint();
  const run = spawnSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${run.stderr}`);
  lastCpu = Number(/cpu-us=(\d+)/.exec(run.stderr)?.[1]) / 1000;
  return ms;
}

function hasPandoc(): boolean {
  return spawnSync('pandoc', ['--version'], { stdio: 'ignore' }).status === 0;
}

// Loaded with -r into the measured process: prints its peak resident memory when it ends.
const RSS_PROBE = `process.on('exit', () => process.stderr.write('peak-rss-kib=' + process.resourceUsage().maxRSS + '\\n'));`;
// Loaded with -r into both sides of the lectern ÷ node comparison: the CPU time the process used, as it ends.
const CPU_PROBE = `process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write('cpu-us=' + (u.user + u.system) + '\\n'); });`;

/** Measure; `runs` pairs of each comparison. */
export function benchProcesses(root: string, runs: number): ProcessFigures {
  const work = mkdtempSync(join(tmpdir(), 'lectern-bench-process-'));
  try {
    const lecture = (n: number) => {
      writeFileSync(join(work, `bench-${n}.yaml`), generateLecture(n));
      writeFileSync(join(work, `bench-${n}.md`), generateMarkdown(n));
    };
    writeFileSync(join(work, 'rss-probe.cjs'), RSS_PROBE);
    writeFileSync(join(work, 'cpu-probe.cjs'), CPU_PROBE);
    const cpuProbe = ['-r', join(work, 'cpu-probe.cjs')];
    lecture(60);
    lecture(600);
    const bin = join(root, 'bin', 'lectern.cjs');
    const node = process.execPath;
    const pandoc = hasPandoc();
    const commands: Record<string, () => number> = {
      bare: () => timed(node, [...cpuProbe, '-e', '0'], work),
      render60: () =>
        timed(node, [...cpuProbe, bin, 'render', 'bench-60.yaml', '--out', 'out', '--quiet'], work),
      render600: () => timed(node, [bin, 'render', 'bench-600.yaml', '--out', 'out', '--quiet'], work),
      ...(pandoc && {
        pandoc60: () => timed('pandoc', ['-t', 'revealjs', '-s', '-o', 'p60.html', 'bench-60.md'], work),
        pandoc600: () => timed('pandoc', ['-t', 'revealjs', '-s', '-o', 'p600.html', 'bench-600.md'], work),
      }),
    };
    const names = Object.keys(commands);
    for (const name of names) commands[name]?.(); // first runs fill the OS file cache and the CLI's code cache
    const samples: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
    const cpu: Record<string, number[]> = { bare: [], render60: [] };
    for (let i = 0; i < runs; i++) {
      // Interleaved, the order reversed every other round.
      for (const name of i % 2 === 0 ? names : [...names].reverse()) {
        samples[name]?.push(commands[name]?.() ?? 0);
        cpu[name]?.push(lastCpu);
      }
    }
    const s = (name: string) => samples[name] ?? [];
    const pairRatio = (a: string, b: string) =>
      median(s(a).map((value, i) => value / (s(b)[i] ?? Number.NaN)));
    const peaks = [0, 1, 2].map(() => {
      const run = spawnSync(
        node,
        ['-r', join(work, 'rss-probe.cjs'), bin, 'render', 'bench-600.yaml', '--out', 'out', '--quiet'],
        {
          cwd: work,
          encoding: 'utf8',
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      return Number(/peak-rss-kib=(\d+)/.exec(run.stderr)?.[1]) / 1024;
    });
    return {
      bare: median(s('bare')),
      render60: median(s('render60')),
      render600: median(s('render600')),
      ...(pandoc && {
        pandoc60: median(s('pandoc60')),
        pandoc600: median(s('pandoc600')),
        renderOverPandoc60: pairRatio('render60', 'pandoc60'),
        renderOverPandoc600: pairRatio('render600', 'pandoc600'),
      }),
      bareCpu: median(cpu.bare ?? []),
      render60Cpu: median(cpu.render60 ?? []),
      renderOverBare: pairRatio('render60', 'bare'),
      renderOverBareCpu: median(
        (cpu.render60 ?? []).map((value, i) => value / (cpu.bare?.[i] ?? Number.NaN)),
      ),
      growth600over60: pairRatio('render600', 'render60'),
      peakRss600: median(peaks),
      runs,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The machine's load, to read the figures against. */
export function loadNote(): string {
  const [one, five] = loadavg();
  return `load average ${one?.toFixed(1)} (1 min), ${five?.toFixed(1)} (5 min) on this machine`;
}
