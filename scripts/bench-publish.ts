// `lectern publish` of a whole course against the local site, as an instructor runs it: the site is
// `node dist/server.mjs` over a fresh embedded store, the CLI a whole process. Each round times the
// first publish into the empty site (cold: every figure uploaded, every deck rendered and stored)
// and a second, unchanged one (nothing uploaded, every deck answered 200). Figures, never assertions.
// Usage: npx tsx scripts/bench-publish.ts [course.yaml] [rounds]   (run `npm run build` first)
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const course = resolve(process.argv[2] ?? join(root, 'content/cold-war/course.yaml'));
const rounds = Number(process.argv[3] ?? 5);
const TOKEN = 'bench-publish-token-0123456789';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function startSite(dataDir: string): Promise<{ url: string; process: ChildProcess }> {
  const child = spawn(process.execPath, [join(root, 'dist/server.mjs')], {
    env: { ...process.env, LECTERN_TOKEN: TOKEN, LECTERN_DATA_DIR: dataDir, LECTERN_SEED: 'none', PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((done, fail) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const found = /serving on (http:\/\/[^\s/]+)\//.exec(seen);
      if (found?.[1]) done(found[1]);
    });
    child.once('exit', (code) => fail(new Error(`the site stopped (${code}) before serving`)));
  });
  return { url, process: child };
}

function publish(site: string): { ms: number; summary: string } {
  const start = process.hrtime.bigint();
  const run = spawnSync(
    process.execPath,
    [join(root, 'bin/lectern.cjs'), 'publish', course, '--site', site],
    {
      env: { ...process.env, LECTERN_TOKEN: TOKEN },
      encoding: 'utf8',
    },
  );
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`lectern publish failed:\n${run.stderr}`);
  return { ms, summary: run.stderr.trim().split('\n').pop() ?? '' };
}

const cold: number[] = [];
const unchanged: number[] = [];
let summaries: string[] = [];
for (let round = 0; round < rounds; round++) {
  const dataDir = mkdtempSync(join(tmpdir(), 'lectern-bench-publish-'));
  const site = await startSite(dataDir);
  try {
    const first = publish(site.url);
    const second = publish(site.url);
    cold.push(first.ms);
    unchanged.push(second.ms);
    summaries = [first.summary, second.summary];
  } finally {
    // The server makes the new versions' exports after answering: let it exit before its folder goes.
    const exited = new Promise((resolve) => site.process.once('exit', resolve));
    site.process.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}
const ratio = median(unchanged.map((ms, i) => ms / (cold[i] ?? Number.NaN)));
console.log(
  `lectern publish ${course} against the local site, ${rounds} rounds (load ${loadavg()[0]?.toFixed(2)})`,
);
console.log(
  `  cold (empty site):  median ${median(cold).toFixed(0)} ms  [${cold.map((ms) => ms.toFixed(0)).join(', ')}]`,
);
console.log(
  `  unchanged (again):  median ${median(unchanged).toFixed(0)} ms  [${unchanged.map((ms) => ms.toFixed(0)).join(', ')}]`,
);
console.log(`  unchanged / cold:   median ${ratio.toFixed(2)}`);
console.log(`  last round: "${summaries[0]}" then "${summaries[1]}"`);
