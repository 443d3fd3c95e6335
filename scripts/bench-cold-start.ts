// The API Lambda's cold start, as near as this machine can show it: write the code folder the way the
// stack does (infra/write-api-bundle.ts: the handler, templates/, the packages loaded on demand), then
// in fresh Node processes import it and serve one publish (PUT /api/decks/{id} of a course lecture)
// against a real S3-protocol server on loopback. Each process publishes a new draft of the lecture (its
// title changed), as a cold start after an edit would: the first creates the deck, each later one adds
// a version (owner check, the version's files, the pointer, the history, the export job). Apart from
// that, the pipeline alone (parse, check, render; no store, no exports), bundled the same way into the same folder, imported and run once in
// fresh processes: the part of a first publish that is the lecture's own.
import { execFile, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import S3rver from 's3rver';
import { apiBuildOptions, PROJECT_ROOT } from '../infra/api-bundle.js';
import { writeApiBundle } from '../infra/write-api-bundle.js';
import { ENV } from '../lambdas/site/env-names.js';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

// Runs in the fresh process: time from process start (performance.now() counts from it) to the
// end of module import, and to the end of the first request.
const PROBE = `
const [bundle, lecture] = process.argv.slice(1);
const body = (await import('node:fs')).readFileSync(lecture, 'utf8');
const before = performance.now();
const cpuBefore = process.cpuUsage();
const { handler } = await import(bundle);
const imported = performance.now();
const cpuImported = process.cpuUsage(cpuBefore);
const path = '/api/decks/' + /^id: *(\\S+)/m.exec(body)[1];
const event = {
  version: '2.0', routeKey: '$default', rawPath: path, rawQueryString: '', body,
  headers: { accept: 'application/json', 'content-type': 'application/yaml', host: 'bench' },
  requestContext: { http: { method: 'PUT', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
    requestId: 'bench', routeKey: '$default', stage: '$default', time: '', timeEpoch: 0, accountId: '0', apiId: 'bench',
    domainName: 'bench', domainPrefix: 'bench', authorizer: { jwt: { claims: { sub: 'bench-user' }, scopes: null } } },
  isBase64Encoded: false,
};
const result = await handler(event, { awsRequestId: 'bench', functionName: 'bench', getRemainingTimeInMillis: () => 30000 });
const served = performance.now();
const cpuServed = process.cpuUsage(cpuBefore);
if (result.statusCode >= 300) { console.error(JSON.stringify(result)); process.exit(1); }
const ms = (usage) => (usage.user + usage.system) / 1000;
console.log(JSON.stringify({ before, imported, served, cpuImported: ms(cpuImported), cpuServed: ms(cpuServed) }));
process.exit(0); // the S3 client keeps its connection open
`;

// The pipeline as the handler bundles it, beside the handler so that it finds the same templates and
// the same packages loaded on first use.
const RENDER_ENTRY = `export { buildDeck } from './lambdas/core/pipeline.ts';
export { loadTemplates } from './lambdas/node/templates-fs.ts';`;

// Runs in the fresh process: CPU of the import (templates read), then of the first build of the lecture.
const RENDER_PROBE = `
const [bundle, lecture] = process.argv.slice(1);
const { readFileSync } = await import('node:fs');
const { dirname, join } = await import('node:path');
const body = readFileSync(lecture, 'utf8');
const before = process.cpuUsage();
const { buildDeck, loadTemplates } = await import(bundle);
const templates = loadTemplates(join(dirname(bundle), 'templates'));
const imported = process.cpuUsage(before);
const built = buildDeck(body, { templates, assetsBase: '../assets', generatedAt: new Date(0).toISOString() });
const rendered = process.cpuUsage(before);
if (!built.ok) { console.error(JSON.stringify(built.diagnostics)); process.exit(1); }
const ms = (usage) => (usage.user + usage.system) / 1000;
console.log(JSON.stringify({ imported: ms(imported), rendered: ms(rendered) - ms(imported) }));
`;

async function writeRenderProbe(dir: string): Promise<string> {
  const file = join(dir, 'render-probe.mjs');
  await build({
    ...apiBuildOptions(),
    stdin: { contents: RENDER_ENTRY, resolveDir: PROJECT_ROOT, loader: 'ts' },
    outfile: file,
  });
  return file;
}

const run = promisify(execFile);

export interface ColdStart {
  /** Medians, ms: import of the bundle; import and the first publish; the whole process; node -e 0. */
  imported: number;
  firstPublish: number;
  /** Medians, ms of CPU (user + system) the process spent on the import and on import + first publish. */
  importedCpu: number;
  firstPublishCpu: number;
  /** Medians, ms of CPU: the pipeline's bundle imported (templates read), then its first build of the lecture. */
  renderImportCpu: number;
  firstRenderCpu: number;
  wall: number;
  bare: number;
}

/** Bundle, then measure; prints the figures and returns them. */
export async function benchColdStart(root: string, runs = 15): Promise<ColdStart> {
  // The code folder as deployed, nothing else: the handler finds the AWS SDK (and the rest it loads on
  // demand) in its own node_modules/, as in Lambda.
  const dir = await mkdtemp(join(tmpdir(), 'lectern-bench-lambda-'));
  const bundle = await writeApiBundle(dir);
  const renderProbe = await writeRenderProbe(dir);

  const directory = await mkdtemp(join(tmpdir(), 'lectern-bench-s3-'));
  const s3 = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: 'bench', configs: [] }],
  });
  const address: AddressInfo = await s3.run();
  const env = {
    ...process.env,
    S3_BUCKET: 'bench',
    S3_ENDPOINT: `http://127.0.0.1:${address.port}`,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
    // As the stack sets it: a new version's exports are left to the export function.
    [ENV.exports]: 'event',
  };
  // A course lecture without figures: a figure must be uploaded to the bucket before a publish names it.
  const lecture = join(root, 'content', 'cold-war', '02-uncertain-partners.yaml');
  const original = readFileSync(lecture, 'utf8');
  /** The lecture with its title changed: a new version for each `n`. */
  const draft = (n: number): string => {
    const file = join(dir, `draft-${n}.yaml`);
    const text = original.replace(/^title: "(.*)"$/m, `title: "$1 (draft ${n})"`);
    if (text === original) throw new Error(`no quoted title line in ${lecture}`);
    writeFileSync(file, text);
    return file;
  };
  try {
    const imports: number[] = [];
    const firsts: number[] = [];
    const importCpus: number[] = [];
    const firstCpus: number[] = [];
    const walls: number[] = [];
    const bares: number[] = [];
    const renderImports: number[] = [];
    const renders: number[] = [];
    const profile = process.env.LECTERN_BENCH_PROFILE;
    for (let i = 0; i < runs; i++) {
      const edited = draft(i);
      let start = process.hrtime.bigint();
      spawnSync(process.execPath, ['-e', '0']);
      bares.push(Number(process.hrtime.bigint() - start) / 1e6);
      start = process.hrtime.bigint();
      // Not spawnSync: the S3 server runs in this process and must keep answering meanwhile.
      const probe = await run(
        process.execPath,
        [
          // LECTERN_BENCH_PROFILE=<dir>: a V8 CPU profile of each cold start, to see where it goes.
          ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []),
          '--input-type=module',
          '-e',
          PROBE,
          bundle,
          edited,
        ],
        {
          env,
        },
      );
      walls.push(Number(process.hrtime.bigint() - start) / 1e6);
      const t = JSON.parse(probe.stdout.trim().split('\n').at(-1) ?? '{}');
      imports.push(t.imported - t.before);
      firsts.push(t.served - t.before);
      importCpus.push(t.cpuImported);
      firstCpus.push(t.cpuServed);
      const alone = await run(process.execPath, [
        '--input-type=module',
        '-e',
        RENDER_PROBE,
        renderProbe,
        lecture,
      ]);
      const r = JSON.parse(alone.stdout.trim().split('\n').at(-1) ?? '{}');
      renderImports.push(r.imported);
      renders.push(r.rendered);
    }
    console.log(
      `median of ${runs} fresh processes: import of the bundle ${median(imports).toFixed(0)} ms, import + first publish ${median(firsts).toFixed(0)} ms (CPU ${median(importCpus).toFixed(0)} ms and ${median(firstCpus).toFixed(0)} ms); whole process ${median(walls).toFixed(0)} ms against node -e 0 at ${median(bares).toFixed(0)} ms`,
    );
    console.log(
      `the pipeline alone, bundled the same way: import (templates read) CPU ${median(renderImports).toFixed(0)} ms, then its first parse, check and render of the lecture CPU ${median(renders).toFixed(0)} ms`,
    );
    return {
      imported: median(imports),
      firstPublish: median(firsts),
      importedCpu: median(importCpus),
      firstPublishCpu: median(firstCpus),
      renderImportCpu: median(renderImports),
      firstRenderCpu: median(renders),
      wall: median(walls),
      bare: median(bares),
    };
  } finally {
    await s3.close();
    rmSync(directory, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
}
