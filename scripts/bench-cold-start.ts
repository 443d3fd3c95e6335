// The API Lambda's cold start, as near as this machine can show it: bundle the handler the way the
// stack does (infra/api-bundle.ts, AWS SDK left out), put templates/ beside it, then in fresh Node
// processes import it and serve one publish (PUT /api/decks/{id} of a course lecture) against a real
// S3-protocol server on loopback.
import { execFile, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import S3rver from 's3rver';
import { API_BUNDLE } from '../infra/api-bundle.js';
import { lazyPackages } from '../infra/bundle-lazy-packages.mjs';

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
const { handler } = await import(bundle);
const imported = performance.now();
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
if (result.statusCode >= 300) { console.error(JSON.stringify(result)); process.exit(1); }
console.log(JSON.stringify({ before, imported, served }));
process.exit(0); // the S3 client keeps its connection open
`;

const run = promisify(execFile);

export interface ColdStart {
  /** Medians, ms: import of the bundle; import and the first publish; the whole process; node -e 0. */
  imported: number;
  firstPublish: number;
  wall: number;
  bare: number;
}

/** Bundle, then measure; prints the figures and returns them. */
export async function benchColdStart(root: string): Promise<ColdStart> {
  // Inside node_modules so the bundle finds the AWS SDK there, as the Lambda runtime provides it.
  const dir = join(root, 'node_modules', '.cache', 'lectern-bench-lambda');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const bundle = join(dir, 'index.mjs');
  await build({
    entryPoints: [API_BUNDLE.entry],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    target: API_BUNDLE.target,
    format: API_BUNDLE.format,
    minify: API_BUNDLE.minify,
    mainFields: [...API_BUNDLE.mainFields],
    external: [...API_BUNDLE.external],
    banner: { js: API_BUNDLE.banner },
    logLevel: 'warning',
  });
  cpSync(join(root, 'templates'), join(dir, 'templates'), { recursive: true });
  // What the bundling hook ships beside the handler: the packages the first publish loads.
  await lazyPackages(dir, root);
  const precompiled = join(root, 'dist', 'templates.precompiled.json');
  if (existsSync(precompiled)) cpSync(precompiled, join(dir, 'templates.precompiled.json'));

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
  };
  const lecture = join(root, 'content', 'cold-war', '01-giant-new-ally.yaml');
  try {
    const runs = 15;
    const imports: number[] = [];
    const firsts: number[] = [];
    const walls: number[] = [];
    const bares: number[] = [];
    for (let i = 0; i < runs; i++) {
      let start = process.hrtime.bigint();
      spawnSync(process.execPath, ['-e', '0']);
      bares.push(Number(process.hrtime.bigint() - start) / 1e6);
      start = process.hrtime.bigint();
      // Not spawnSync: the S3 server runs in this process and must keep answering meanwhile.
      const probe = await run(process.execPath, ['--input-type=module', '-e', PROBE, bundle, lecture], {
        env,
      });
      walls.push(Number(process.hrtime.bigint() - start) / 1e6);
      const t = JSON.parse(probe.stdout.trim().split('\n').at(-1) ?? '{}');
      imports.push(t.imported - t.before);
      firsts.push(t.served - t.before);
    }
    console.log(
      `median of ${runs} fresh processes: import of the bundle ${median(imports).toFixed(0)} ms, import + first publish ${median(firsts).toFixed(0)} ms; whole process ${median(walls).toFixed(0)} ms against node -e 0 at ${median(bares).toFixed(0)} ms`,
    );
    return {
      imported: median(imports),
      firstPublish: median(firsts),
      wall: median(walls),
      bare: median(bares),
    };
  } finally {
    await s3.close();
    rmSync(directory, { recursive: true, force: true });
  }
}
