// `npm run bench`: figures, never assertions. Render speed (warm, in process), CLI start-up cost against a bare
// Node start, and growth with slide count; then the local server under load, the Lambda's cold start
// and its bundle size.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { buildDeck } from '../lambdas/core/pipeline.js';
import { renderDeck } from '../lambdas/core/render/index.js';
import { lectureSchema } from '../lambdas/core/schema.js';
import { loadTemplates } from '../lambdas/node/templates-fs.js';
import { ASSETS_BASE } from '../lambdas/site/layout.js';
import { benchBundle, formatBundleSize } from './bench-bundle.js';
import { benchColdStart } from './bench-cold-start.js';
import { generateLecture } from './bench-lecture.js';
import { benchServer } from './bench-server.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'lectern-bench-'));
const templates = loadTemplates();

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function timeMany(fn: () => void, runs: number): number {
  for (let i = 0; i < Math.min(50, runs); i++) fn(); // warm up: JIT and template caches
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}

console.log('# Render (warm, in process, median)');
const sizes = [60, 600];
for (const slides of sizes) {
  const text = generateLecture(slides);
  const lecture = lectureSchema.parse(parse(text));
  const options = { assetsBase: ASSETS_BASE.output, generatedAt: new Date(0).toISOString() };
  const runs = slides > 100 ? 200 : 2000;
  const render = timeMany(() => renderDeck(lecture, templates, { ...options, warnings: [] }), runs);
  const whole = timeMany(() => buildDeck(text, { templates, ...options }), runs);
  console.log(
    `${String(slides).padStart(4)} slides: render ${render.toFixed(3)} ms   whole pipeline ${whole.toFixed(3)} ms   (${((render / slides) * 1000).toFixed(1)} µs/slide render)`,
  );
}

// The generated lecture writes its notes as long double-quoted YAML strings, about twice as slow to
// parse as the block scalars instructors write; the course's own lectures show the usual case.
console.log('\n# The course in content/ (warm, in process, median): whole pipeline');
const courseDir = join(root, 'content', 'cold-war');
for (const name of readdirSync(courseDir).filter((f) => f.endsWith('.yaml') && f !== 'course.yaml')) {
  const text = readFileSync(join(courseDir, name), 'utf8');
  const options = { assetsBase: ASSETS_BASE.output, generatedAt: new Date(0).toISOString() };
  const whole = timeMany(() => buildDeck(text, { templates, ...options }), 500);
  console.log(
    `${name.padEnd(32)} ${(text.length / 1024).toFixed(0).padStart(3)} KB   ${whole.toFixed(3)} ms`,
  );
}

console.log('\n# Whole process: `lectern render` of one 60-slide file vs `node -e 0` (median of 15)');
execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root });
const file = join(work, 'bench-60.yaml');
writeFileSync(file, generateLecture(60));
function wall(args: string[]): number {
  const samples: number[] = [];
  for (let i = 0; i < 15; i++) {
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, args, { cwd: work });
    if (run.status !== 0) throw new Error(`${args.join(' ')} failed: ${run.stderr}`);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}
const bare = wall(['-e', '0']);
const cli = wall([join(root, 'bin', 'lectern.mjs'), 'render', file, '--out', join(work, 'out'), '--quiet']);
console.log(
  `node -e 0: ${bare.toFixed(0)} ms   lectern render: ${cli.toFixed(0)} ms   ratio ${(cli / bare).toFixed(2)}× (target < 2×)`,
);

console.log('\n# Local server under load (autocannon from this process, loopback only)');
await benchServer(root);

console.log(
  '\n# API Lambda cold start (bundled handler, AWS SDK from node_modules as the runtime provides it)',
);
await benchColdStart(root);

console.log('\n# API Lambda bundle size (esbuild as the stack bundles it)');
console.log(formatBundleSize(await benchBundle()));
