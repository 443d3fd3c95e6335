// Bundles the packages the API Lambda loads only on demand (the PowerPoint writer's pptxgenjs and
// jszip, KaTeX for a lecture with math, file-type and image-size for an uploaded figure) into
// <out>/node_modules/<name>/, one ESM file each, where Node finds them at run time. The
// handler's own bundle leaves them out (infra/api-bundle.ts lists them as external), so a cold start
// neither parses nor loads them; the first request that needs one imports it. Run by the bundling hook as
// `node infra/bundle-lazy-packages.mjs <out>`; the benchmarks import lazyPackages().
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * Each package and what the handler imports from it: `default` for the packages used through their
 * default export (jszip is CommonJS, whose names esbuild cannot list), `*` for named exports, or the
 * names themselves, so that only what is used is bundled. Each file leaves the other lazy packages out.
 *
 * The AWS SDK is here too, though the runtime has one: loaded from the runtime's node_modules it is
 * some hundred and fifty small CommonJS files, each resolved, read and compiled apart, which is most
 * of a cold start; one file of just the S3 client's parts used loads in half the time. Every name
 * lambdas/ imports from it must be listed (test/unit/infra/lazy-packages.test.ts checks).
 */
const EXPORTS = {
  pptxgenjs: 'default',
  jszip: 'default',
  katex: 'default',
  'file-type': '*',
  'image-size': '*',
  '@aws-sdk/client-s3': [
    'DeleteObjectCommand',
    'GetObjectCommand',
    'ListObjectsV2Command',
    'NoSuchKey',
    'PutObjectCommand',
    'S3Client',
  ],
  '@aws-sdk/s3-request-presigner': ['getSignedUrl'],
};

/** What the file of `name` exports. */
export function lazyExports(name) {
  return EXPORTS[name];
}

function reexport(name) {
  const what = EXPORTS[name];
  if (what === '*') return `export * from '${name}';`;
  if (what === 'default') return `export { default } from '${name}';`;
  return `export { ${what.join(', ')} } from '${name}';`;
}

const ENTRY = 'lazy-package-entry';

/** An esbuild plugin that gives the entry point `contents` (splitting needs a named entry, not stdin). */
function virtualEntry(contents, resolveDir) {
  return {
    name: 'lazy-package-entry',
    setup(build) {
      build.onResolve({ filter: new RegExp(`^${ENTRY}$`) }, () => ({ path: ENTRY, namespace: ENTRY }));
      build.onLoad({ filter: /.*/, namespace: ENTRY }, () => ({ contents, resolveDir, loader: 'js' }));
    },
  };
}

/** The packages shipped beside the handler. */
export const LAZY_PACKAGES = Object.keys(EXPORTS);

/** Write each lazy package into `outDir/node_modules/<name>/index.mjs` with a package.json naming it. */
export async function lazyPackages(outDir, projectRoot) {
  await Promise.all(LAZY_PACKAGES.map((name) => lazyPackage(outDir, projectRoot, name)));
}

async function lazyPackage(outDir, projectRoot, name) {
  const folder = join(outDir, 'node_modules', name);
  mkdirSync(folder, { recursive: true });
  await build({
    absWorkingDir: projectRoot,
    entryPoints: { index: ENTRY },
    plugins: [virtualEntry(reexport(name), projectRoot)],
    outdir: folder,
    outExtension: { '.js': '.mjs' },
    // What the package itself loads with import() stays in a file of its own, read only if it runs: the
    // SDK's credential providers other than the environment's, say, which Lambda never needs.
    splitting: true,
    chunkNames: 'chunk-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    minify: true,
    mainFields: ['module', 'main'],
    external: LAZY_PACKAGES.filter((other) => other !== name),
    // Bundled CommonJS (jszip) calls require() for Node's built-ins, which ESM output lacks.
    banner: {
      js: "import { createRequire as __lazyRequire } from 'node:module'; const require = __lazyRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  writeFileSync(
    join(folder, 'package.json'),
    `${JSON.stringify({ name, type: 'module', exports: './index.mjs' }, null, 2)}\n`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [outDir] = process.argv.slice(2);
  if (!outDir) {
    console.error('usage: node infra/bundle-lazy-packages.mjs <out>');
    process.exit(2);
  }
  await lazyPackages(outDir, join(fileURLToPath(new URL('.', import.meta.url)), '..'));
}
