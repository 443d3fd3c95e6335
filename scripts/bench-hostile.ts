// Worst-case inputs under the 1 MiB body limit (scripts/hostile-lectures.ts): the CPU time and peak
// memory each costs `lectern validate` and `lectern render` (whole processes), and the local server
// (dist/server.mjs) per request, read from /proc. Figures, never assertions. Run alone with
// `npx tsx scripts/bench-hostile.ts` (after `npm run build`), or as part of `npm run bench`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostileLectures } from './hostile-lectures.js';

export interface HostileFigures {
  name: string;
  kib: number;
  /** CPU ms and peak RSS MiB of the whole process (median CPU of the runs). */
  cliValidate: { cpu: number; rss: number };
  cliRender: { cpu: number; rss: number };
  /** The server's CPU ms for the request and its peak RSS MiB while answering it. */
  serverValidate: { cpu: number; rss: number; status: number };
  serverPublish: { cpu: number; rss: number; status: number };
  /** The server's CPU ms and peak RSS MiB for the new version's exports, made after the publish answered. */
  serverExports: { cpu: number; rss: number; status: number };
}

// Loaded with -r into each measured process: prints its CPU time and peak RSS as it ends.
const PROBE = `process.on('exit', () => { const r = process.resourceUsage(); process.stderr.write('\\nbench-cpu-us=' + (r.userCPUTime + r.systemCPUTime) + ' bench-rss-kib=' + r.maxRSS + '\\n'); });`;
const TOKEN = 'bench-hostile-token-0123456789';
const TICK_MS = 1000 / 100; // USER_HZ on Linux

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function measureCli(root: string, probe: string, args: string[], runs: number): { cpu: number; rss: number } {
  const cpu: number[] = [];
  let rss = 0;
  for (let i = 0; i < runs; i++) {
    const run = spawnSync(process.execPath, ['-r', probe, join(root, 'bin', 'lectern.cjs'), ...args], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const found = /bench-cpu-us=(\d+) bench-rss-kib=(\d+)/.exec(run.stderr);
    if (!found) throw new Error(`lectern ${args.join(' ')}: no figures\n${run.stderr.slice(-2000)}`);
    cpu.push(Number(found[1]) / 1000);
    rss = Math.max(rss, Number(found[2]) / 1024);
  }
  return { cpu: median(cpu), rss };
}

/** A process's CPU ticks so far (user and system, 10 ms each), from /proc. */
export function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of the line)
}

function peakRssMib(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
}

/** Reset the process's peak RSS, so the next reading is this request's (Linux ≥ 4.0). */
function resetPeak(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // Not allowed here: the reading is then the peak so far.
  }
}

async function startServer(root: string, dataDir: string) {
  const child = spawn(process.execPath, [join(root, 'dist', 'server.mjs')], {
    env: {
      ...process.env,
      PORT: '0',
      LECTERN_TOKEN: TOKEN,
      LECTERN_SEED: 'none',
      LECTERN_DATA_DIR: dataDir,
      POWERTOOLS_LOG_LEVEL: 'ERROR',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const read = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /serving on (http:\/\/[^/\s]+)\//.exec(seen);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${seen}`)));
  });
  return { url, pid: child.pid ?? 0, stop: () => child.kill('SIGKILL') };
}

async function measureRequest(
  server: { url: string; pid: number },
  path: string,
  text: string,
  format: 'yaml' | 'json',
): Promise<{ cpu: number; rss: number; status: number }> {
  resetPeak(server.pid);
  const before = cpuTicks(server.pid);
  const status = await new Promise<number>((resolve, reject) => {
    const body = Buffer.from(text);
    const req = request(
      new URL(path, server.url),
      {
        method: path.startsWith('/api/decks/') ? 'PUT' : 'POST',
        // A fresh connection each time: the server closes an idle one while the CLI runs are measured.
        agent: false,
        headers: {
          authorization: `Bearer ${TOKEN}`,
          'content-type': format === 'json' ? 'application/json' : 'application/yaml',
          'content-length': String(body.byteLength),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', (error) => reject(new Error(`${path}: ${error.message}`, { cause: error })));
    req.end(body);
  });
  return {
    cpu: (cpuTicks(server.pid) - before) * TICK_MS,
    rss: peakRssMib(server.pid),
    status,
  };
}

/** The exports of the deck just published, from the publish's answer until its PowerPoint file can be fetched. */
async function measureExports(server: { url: string; pid: number }, id: string) {
  const before = cpuTicks(server.pid);
  const answer = await fetch(new URL(`/decks/${id}/deck.pptx`, server.url));
  await answer.arrayBuffer();
  return {
    cpu: (cpuTicks(server.pid) - before) * TICK_MS,
    rss: peakRssMib(server.pid),
    status: answer.status,
  };
}

/** Every hostile case through the CLI and the server; prints a table and answers the figures. */
export async function benchHostile(root: string, runs = 3): Promise<HostileFigures[]> {
  const work = mkdtempSync(join(tmpdir(), 'lectern-bench-hostile-'));
  const probe = join(work, 'probe.cjs');
  writeFileSync(probe, PROBE);
  const server = await startServer(root, join(work, 'data'));
  try {
    const tinyFile = join(work, 'tiny.yaml');
    const tiny = 'id: tiny\ntitle: T\nsections:\n  - title: A\n    slides:\n      - points: [a]\n';
    writeFileSync(tinyFile, tiny);
    const base = measureCli(root, probe, ['validate', tinyFile], runs);
    // The server's first requests pay for compiling its code: warm both routes on a small lecture.
    for (let i = 0; i < 3; i++) {
      await measureRequest(server, '/api/validate', tiny, 'yaml');
      await measureRequest(server, '/api/decks/tiny', tiny.replace('title: T', `title: T${i}`), 'yaml');
    }
    console.log(
      `CPU ms (whole process: median of ${runs}; server: this request, 10 ms ticks) and peak RSS MiB. ` +
        `A one-slide lecture: lectern validate ${base.cpu.toFixed(0)} ms, ${base.rss.toFixed(0)} MiB.`,
    );
    const figures: HostileFigures[] = [];
    for (const lecture of hostileLectures()) {
      const file = join(work, `hostile.${lecture.format}`);
      writeFileSync(file, lecture.text);
      figures.push({
        name: lecture.name,
        kib: Buffer.byteLength(lecture.text) / 1024,
        cliValidate: measureCli(root, probe, ['validate', file], runs),
        cliRender: measureCli(root, probe, ['render', file, '--out', join(work, 'out')], runs),
        serverValidate: await measureRequest(server, '/api/validate', lecture.text, lecture.format),
        serverPublish: await measureRequest(server, '/api/decks/hostile', lecture.text, lecture.format),
        serverExports: await measureExports(server, 'hostile'),
      });
    }
    const cell = ({ cpu, rss }: { cpu: number; rss: number }) =>
      `${cpu.toFixed(0).padStart(5)} ms ${rss.toFixed(0).padStart(4)} MiB`;
    const width = Math.max(...figures.map((f) => f.name.length));
    console.log(
      `${'case'.padEnd(width)}    KiB  ${'validate (CLI)'.padEnd(17)}  ${'render (CLI)'.padEnd(17)}  ${'validate (server)'.padEnd(23)}  ${'publish (server)'.padEnd(23)}  exports (server, after the answer)`,
    );
    for (const f of figures) {
      console.log(
        `${f.name.padEnd(width)}  ${f.kib.toFixed(0).padStart(5)}  ${cell(f.cliValidate)}  ${cell(f.cliRender)}  ${cell(f.serverValidate)} ${f.serverValidate.status}  ${cell(f.serverPublish)} ${f.serverPublish.status}  ${cell(f.serverExports)} ${f.serverExports.status}`,
      );
    }
    return figures;
  } finally {
    server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = join(import.meta.dirname, '..');
  await benchHostile(root, Number(process.env.LECTERN_BENCH_RUNS ?? 3));
}
