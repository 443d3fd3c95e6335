// The API Lambda's bundle size: lambdas/handlers/api-handler.ts bundled by esbuild with the settings the stack
// deploys (infra/api-bundle.ts), minified and not, AWS SDK external. Figures, not assertions.
// Run alone with `npx tsx scripts/bench-bundle.ts`; scripts/bench.ts may import benchBundle().
import { rmSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { API_BUNDLE, apiBuildOptions, PROJECT_ROOT } from '../infra/api-bundle.js';
import { LAZY_PACKAGES, lazyPackages, REQUIRED_PACKAGES } from '../infra/bundle-lazy-packages.mjs';

/** Target from the issue: the minified handler, AWS SDK excluded. */
export const BUNDLE_TARGET_BYTES = 300 * 1024;

export interface BundleSize {
  /** Bundled, not minified. */
  bytes: number;
  /** Bundled and minified: what is deployed. */
  minifiedBytes: number;
  /** The deployed file gzipped, roughly what the zip upload costs. */
  gzippedBytes: number;
  /** The five packages that weigh most in the minified bundle, in bytes. */
  largest: [string, number][];
  /** Milliseconds esbuild took for the minified build. */
  buildMs: number;
  /** The packages shipped beside the handler and loaded on first use, minified bytes of each entry file. */
  lazy: [string, number][];
}

async function bundle(minify: boolean) {
  const started = performance.now();
  const result = await build({
    ...apiBuildOptions(),
    entryPoints: [API_BUNDLE.entry],
    minify,
    write: false,
    metafile: true,
    outfile: 'index.mjs',
    logLevel: 'error',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no output');
  return { contents: output.contents, metafile: result.metafile, ms: performance.now() - started };
}

/** Bundles the handler twice (plain, minified) in memory and returns the sizes. */
export async function benchBundle(): Promise<BundleSize> {
  const plain = await bundle(false);
  const minified = await bundle(true);
  const byPackage = new Map<string, number>();
  for (const output of Object.values(minified.metafile.outputs)) {
    for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? '(lectern)';
      byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
    }
  }
  return {
    bytes: plain.contents.byteLength,
    minifiedBytes: minified.contents.byteLength,
    gzippedBytes: gzipSync(minified.contents).byteLength,
    largest: [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 5),
    buildMs: minified.ms,
    lazy: await lazySizes(),
  };
}

async function lazySizes(): Promise<[string, number][]> {
  const dir = await mkdtemp(join(tmpdir(), 'lectern-bench-lazy-'));
  try {
    await lazyPackages(dir, PROJECT_ROOT);
    const size = (name: string, file: string) => statSync(join(dir, 'node_modules', name, file)).size;
    return [
      ...[...LAZY_PACKAGES, 'mathjax-full'].map((name): [string, number] => [name, size(name, 'index.mjs')]),
      // The CommonJS files the pipeline requires on first use.
      ...REQUIRED_PACKAGES.map((name): [string, number] => [name, size(name, 'index.cjs')]),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The report bench.ts prints. */
export function formatBundleSize(size: BundleSize): string {
  const verdict = size.minifiedBytes < BUNDLE_TARGET_BYTES ? 'within' : 'OVER';
  return [
    `API Lambda bundle: ${kb(size.minifiedBytes)} minified (${verdict} the ${kb(BUNDLE_TARGET_BYTES)} target), ` +
      `${kb(size.bytes)} unminified, ${kb(size.gzippedBytes)} gzipped; esbuild ${size.buildMs.toFixed(0)} ms`,
    `largest parts: ${size.largest.map(([name, bytes]) => `${name} ${kb(bytes)}`).join(', ')}`,
    `beside it, each loaded by the first request that needs it (entry file; chunks it may import apart): ${size.lazy.map(([name, bytes]) => `${name} ${kb(bytes)}`).join(', ')}`,
  ].join('\n');
}

if (import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  console.log(formatBundleSize(await benchBundle()));
}
