// Bundles the packages the API Lambda loads only on demand (the PowerPoint writer's pptxgenjs, jszip,
// fflate and MathJax, KaTeX for a lecture with math, file-type and image-size for an uploaded figure, the
// parts of the AWS SDK used) into <out>/node_modules/<name>/, one ESM file each, where Node finds
// them at run time, and installs sharp (native: it draws the PNG of an SVG picture and converts WebP
// and AVIF) there for the function's platform. The handler's own bundle leaves them out
// (infra/api-bundle.ts lists them as external), so a cold start neither parses nor loads them; the
// first request that needs one imports it. Run by the bundling hook as
// `node infra/bundle-lazy-packages.mjs <out>`; the benchmarks import lazyPackages().
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  fflate: '*',
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

/**
 * The AWS SDK's schema files (`.../schemas/schemas_0.js`) describe every operation of the service,
 * each as an array literal whose trait objects have computed keys naming module constants
 * (`{ [_h]: ["GET", "/{Key+}", 200] }`, where `const _h = "http"`). A computed key could run code
 * (a `toString`), so esbuild keeps every schema though the handler sends four commands: 65 KB of the
 * S3 client's file, all of it top-level code compiled and run at a cold start. This plugin writes
 * each such key as the string literal its constant holds, and esbuild drops the schemas nothing uses
 * (12 KB are left). A key whose name is not a string constant of the file stays as it is.
 */
export function literalSchemaKeys() {
  return {
    name: 'literal-schema-keys',
    setup(build) {
      build.onLoad({ filter: /[\\/]@aws-sdk[\\/].*[\\/]schemas[\\/]schemas_\d+\.js$/ }, (args) => ({
        contents: inlineSchemaKeys(readFileSync(args.path, 'utf8')),
        loader: 'js',
      }));
    },
  };
}

/** `source` with each computed key `[name]:` whose name is a string constant of the file written as that string. */
export function inlineSchemaKeys(source) {
  const strings = new Map();
  for (const match of source.matchAll(/^const ([\w$]+) = ("(?:[^"\\\n]|\\.)*");$/gm)) {
    strings.set(match[1], match[2]);
  }
  return source.replace(/([{,]\s*)\[([\w$]+)\]:/g, (whole, before, name) => {
    const literal = strings.get(name);
    return literal === undefined ? whole : `${before}${literal}:`;
  });
}

/** The packages bundled beside the handler, one file each. */
export const LAZY_PACKAGES = Object.keys(EXPORTS);

/**
 * The packages the pipeline requires the first time a text needs one (lambdas/core/packages.ts): yaml,
 * markdown-it, htmlparser2. The pipeline is synchronous, so each is one CommonJS file.
 */
export const REQUIRED_PACKAGES = ['yaml', 'markdown-it', 'htmlparser2'];

/** Every package the handler's bundle leaves out because it ships beside it: MathJax and sharp too. */
export const SHIPPED_BESIDE = [...LAZY_PACKAGES, ...REQUIRED_PACKAGES, 'mathjax-full', 'sharp'];

/**
 * MathJax's modules that lambdas/pptx/tex-svg.ts imports (a unit test keeps the lists the same), and
 * what the writer takes from each. All are bundled into one file, and the package's exports map sends
 * every one of these paths to it, so they share one MathJax (its handlers and TeX packages register
 * themselves in module state).
 */
export const MATHJAX_MODULES = {
  'mathjax-full/js/mathjax.js': ['mathjax'],
  'mathjax-full/js/input/tex.js': ['TeX'],
  'mathjax-full/js/output/svg.js': ['SVG'],
  'mathjax-full/js/adaptors/liteAdaptor.js': ['liteAdaptor'],
  'mathjax-full/js/handlers/html.js': ['RegisterHTMLHandler'],
  'mathjax-full/js/input/tex/base/BaseConfiguration.js': [],
  'mathjax-full/js/input/tex/ams/AmsConfiguration.js': [],
  'mathjax-full/js/input/tex/boldsymbol/BoldsymbolConfiguration.js': [],
  'mathjax-full/js/input/tex/color/ColorConfiguration.js': [],
  'mathjax-full/js/input/tex/cancel/CancelConfiguration.js': [],
  'mathjax-full/js/input/tex/newcommand/NewcommandConfiguration.js': [],
};

async function bundleMathJax(outDir, projectRoot) {
  const folder = join(outDir, 'node_modules', 'mathjax-full');
  mkdirSync(folder, { recursive: true });
  const contents = Object.entries(MATHJAX_MODULES)
    .map(([path, names]) =>
      names.length > 0 ? `export { ${names.join(', ')} } from '${path}';` : `import '${path}';`,
    )
    .join('\n');
  await build({
    absWorkingDir: projectRoot,
    stdin: { contents, resolveDir: projectRoot, loader: 'js' },
    outfile: join(folder, 'index.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    minify: true,
    banner: {
      js: "import { createRequire as __lazyRequire } from 'node:module'; const require = __lazyRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  const exportsMap = Object.fromEntries(
    Object.keys(MATHJAX_MODULES).map((path) => [`./${path.slice('mathjax-full/'.length)}`, './index.mjs']),
  );
  writeFileSync(
    join(folder, 'package.json'),
    `${JSON.stringify({ name: 'mathjax-full', type: 'module', exports: exportsMap }, null, 2)}\n`,
  );
}

/** The Lambda function's platform, for sharp's native parts. */
export const LAMBDA_PLATFORM = { os: 'linux', cpu: 'arm64', libc: 'glibc' };

/**
 * sharp and its native parts for LAMBDA_PLATFORM, at the version package.json pins, copied into
 * `outDir/node_modules`. npm fetches them once; later builds copy them from node_modules/.cache.
 */
export function installSharp(outDir, projectRoot) {
  const version = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')).dependencies.sharp;
  const { os, cpu, libc } = LAMBDA_PLATFORM;
  const cache = join(
    projectRoot,
    'node_modules',
    '.cache',
    'lectern-lambda',
    `sharp-${version}-${os}-${cpu}-${libc}`,
  );
  if (!existsSync(join(cache, 'node_modules', 'sharp', 'package.json'))) {
    rmSync(cache, { recursive: true, force: true });
    mkdirSync(cache, { recursive: true });
    writeFileSync(join(cache, 'package.json'), '{"private":true}\n');
    const npm = spawnSync(
      'npm',
      [
        'install',
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        `--os=${os}`,
        `--cpu=${cpu}`,
        `--libc=${libc}`,
        `sharp@${version}`,
      ],
      { cwd: cache, stdio: ['ignore', 'ignore', 'inherit'], shell: process.platform === 'win32' },
    );
    if (npm.status !== 0) throw new Error(`npm could not install sharp@${version} for ${os}-${cpu}`);
  }
  cpSync(join(cache, 'node_modules'), join(outDir, 'node_modules'), { recursive: true });
}

/** Write each lazy package into `outDir/node_modules/<name>/index.mjs` with a package.json naming it. */
export async function lazyPackages(outDir, projectRoot) {
  await bundleMathJax(outDir, projectRoot);
  await Promise.all([
    ...LAZY_PACKAGES.map((name) => lazyPackage(outDir, projectRoot, name)),
    ...REQUIRED_PACKAGES.map((name) => requiredPackage(outDir, projectRoot, name)),
  ]);
}

/** `outDir/node_modules/<name>/index.cjs`: the package as one CommonJS file, for require(). */
async function requiredPackage(outDir, projectRoot, name) {
  const folder = join(outDir, 'node_modules', name);
  mkdirSync(folder, { recursive: true });
  await build({
    absWorkingDir: projectRoot,
    stdin: { contents: `module.exports = require('${name}');`, resolveDir: projectRoot, loader: 'js' },
    outfile: join(folder, 'index.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node24',
    minify: true,
    logLevel: 'warning',
  });
  writeFileSync(
    join(folder, 'package.json'),
    `${JSON.stringify({ name, type: 'commonjs', main: './index.cjs' }, null, 2)}\n`,
  );
}

/** `outDir/node_modules/<name>/`: the package as an ES module with its chunks, for import(). */
export async function lazyPackage(outDir, projectRoot, name) {
  const folder = join(outDir, 'node_modules', name);
  mkdirSync(folder, { recursive: true });
  await build({
    absWorkingDir: projectRoot,
    entryPoints: { index: ENTRY },
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
    plugins: [virtualEntry(reexport(name), projectRoot), literalSchemaKeys()],
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
  const projectRoot = join(fileURLToPath(new URL('.', import.meta.url)), '..');
  await lazyPackages(outDir, projectRoot);
  installSharp(outDir, projectRoot);
}
