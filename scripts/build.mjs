// Bundles the CLI and the local server into dist/ (and the instructors' page's code editor into
// templates/site/code-editor.js) with esbuild, so that `lectern` starts fast
// (one file to load, no TypeScript at run time). Run by `npm ci` through "prepare".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { LAZY_DIR } from '../bin/code-cache.cjs';
import { buildEditorBundle } from './editor-bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entries = {
  cli: 'lambdas/cli/main.ts',
  server: 'lambdas/server/main.ts',
  'export-worker': 'lambdas/server/export-worker.ts',
};

const missing = Object.values(entries).filter((file) => !existsSync(join(root, file)));
if (missing.length > 0) {
  console.error(`build: missing entry point(s): ${missing.join(', ')}`);
  process.exit(1);
}

// What both builds share: ESM for Node 20, one file per entry in dist/.
const nodeBundle = {
  absWorkingDir: root,
  outdir: join(root, 'dist'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Bundled CommonJS packages (handlebars) call require(); give ESM output one.
  banner: {
    js: "import { createRequire as __lecternRequire } from 'node:module'; const require = __lecternRequire(import.meta.url);",
  },
  logLevel: 'warning',
};

// Precompile the Handlebars templates beside the bundles (dist/templates.precompiled.json), with the
// renderer's own function and options, so a cold start skips compiling them. Each entry carries its
// source's hash: an edited template is compiled again at run time instead. The CLI's bundle carries
// them as code (lambdas/node/bundled-templates.ts), which its code cache keeps compiled.
const precompiler = join(root, 'dist', '.precompile.mjs');
await build({ ...nodeBundle, entryPoints: { '.precompile': join(root, 'scripts', 'precompile-entry.ts') } });
let precompiled;
try {
  const { writePrecompiled } = await import(pathToFileURL(precompiler).href);
  precompiled = writePrecompiled(join(root, 'templates'), join(root, 'dist'));
} finally {
  rmSync(precompiler, { force: true });
}

/** An esbuild plugin that gives lambdas/node/bundled-templates.ts the precompiled templates as its value. */
const bundledTemplates = {
  name: 'bundled-templates',
  setup(build) {
    build.onLoad({ filter: /[\\/]lambdas[\\/]node[\\/]bundled-templates\.ts$/ }, () => {
      const entries = Object.entries(precompiled).map(
        ([path, { sha256, spec }]) =>
          `${JSON.stringify(path)}: { sha256: ${JSON.stringify(sha256)}, spec: ${spec} }`,
      );
      return { contents: `export const BUNDLED_TEMPLATES = {\n${entries.join(',\n')}\n};\n`, loader: 'js' };
    });
  },
};

const shipped = {
  sourcemap: 'linked',
  // Half the bytes for Node to compile at every start of the CLI.
  minify: true,
  // The SDK is loaded only when an S3 bucket is configured; keep it out of the CLI's start-up path.
  external: ['@aws-sdk/*', 'playwright-core', 'chromium-bidi'],
};
// pptxgenjs, jszip, fflate, MathJax and sharp are loaded from node_modules when a PowerPoint file is
// first written (MathJax and sharp only for a formula or a picture to convert), by the server and the CLI
// alike: neither pays for them at start.
const lazy = ['pptxgenjs', 'jszip', 'fflate', 'mathjax-full', 'sharp'];
// What the CLI loads only for some runs, each a bundle of its own in dist/lazy/ that bin/code-cache.cjs
// runs (with its own code cache) on the first require(): KaTeX for a lecture with math, file-type and
// image-size for one with figures, chokidar for `lectern preview`; and what the pipeline requires on
// first use (lambdas/core/packages.ts): yaml for a YAML lecture, markdown-it for Markdown syntax,
// htmlparser2 for an SVG figure. The value is what the CLI imports from it: its default export, or
// all its names.
const cliLazy = {
  katex: 'default',
  'file-type': '*',
  'image-size': '*',
  chokidar: '*',
  yaml: '*',
  'markdown-it': 'default',
  htmlparser2: '*',
};
await build({
  ...nodeBundle,
  ...shipped,
  external: [...shipped.external, ...lazy],
  // The server makes new versions' exports in a worker thread of their own, from dist/export-worker.mjs.
  entryPoints: { server: join(root, entries.server), 'export-worker': join(root, entries['export-worker']) },
});
// The CLI as CommonJS: bin/lectern.cjs runs it through vm.Script with V8's code cache, which Node 20
// offers for scripts only. The runner passes the bundle's file URL in for import.meta.url.
await build({
  ...nodeBundle,
  ...shipped,
  entryPoints: { cli: join(root, entries.cli) },
  plugins: [bundledTemplates],
  external: [...shipped.external, ...lazy, ...Object.keys(cliLazy)],
  // A vm.Script run from V8's code cache refuses import() (Node 20 drops the loader callback with
  // cached data): every import() of what stays outside the bundle (node:fs in pptxgenjs,
  // playwright-core, pptxgenjs itself) becomes a require().
  supported: { 'dynamic-import': false },
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  banner: {},
  define: { 'import.meta.url': '__bundleUrl' },
});

rmSync(join(root, 'dist', LAZY_DIR), { recursive: true, force: true });
await Promise.all(
  Object.entries(cliLazy).map(([name, what]) =>
    build({
      ...nodeBundle,
      ...shipped,
      sourcemap: false,
      stdin: {
        // The CLI's import() of a package sees module.exports as its default export (Node's rule).
        contents: what === '*' ? `export * from '${name}';` : `module.exports = require('${name}');`,
        resolveDir: root,
        loader: 'js',
      },
      outdir: undefined,
      outfile: join(root, 'dist', LAZY_DIR, `${name}.cjs`),
      external: [...shipped.external, ...lazy, ...Object.keys(cliLazy).filter((other) => other !== name)],
      supported: { 'dynamic-import': false },
      format: 'cjs',
      banner: {},
      define: { 'import.meta.url': '__bundleUrl' },
    }),
  ),
);

// The CLI's bundles in ASCII only: esbuild escapes every string but leaves regular expressions as
// written, and one non-ASCII character makes Node decode the whole file as UTF-8 into a two-byte
// string at every start. \uXXXX means the same inside a regular expression.
for (const file of [
  join(root, 'dist', 'cli.cjs'),
  ...Object.keys(cliLazy).map((name) => join(root, 'dist', LAZY_DIR, `${name}.cjs`)),
])
  writeFileSync(file, asciiOnly(readFileSync(file, 'utf8'), file));

// The instructors' page's code editor, bundled beside the page's own modules.
await buildEditorBundle(root);

// Fill the CLI's code caches with what a render compiles, so the first real run is already fast: a
// short run's (one lecture) and a long run's (the course), which V8 keeps apart as they run under
// other flags (bin/compiler-budget.cjs). Best effort: a build where a cache cannot be written still
// succeeds.
const warm = mkdtempSync(join(tmpdir(), 'lectern-warm-'));
try {
  for (const input of [join('content', 'cold-war', '01-giant-new-ally.yaml'), 'content']) {
    spawnSync(
      process.execPath,
      [join(root, 'bin', 'lectern.cjs'), 'render', input, '--out', warm, '--quiet'],
      {
        cwd: root,
        stdio: 'ignore',
      },
    );
  }
} finally {
  rmSync(warm, { recursive: true, force: true });
}

/** `text` with every character above U+007F written as a \uXXXX escape (one per UTF-16 unit). */
function asciiOnly(text, file) {
  return text.replace(/(\\*)([\u0080-\uffff])/g, (_, slashes, char) => {
    // After an odd number of backslashes the escape would be read as an escaped backslash.
    if (slashes.length % 2 === 1) throw new Error(`${file}: an escaped non-ASCII character (${char})`);
    return `${slashes}\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
