// Bundles the packages the API Lambda loads only on demand (the PowerPoint writer's pptxgenjs and
// jszip) into <out>/node_modules/<name>/, one ESM file each, where Node finds them at run time. The
// handler's own bundle leaves them out (infra/api-bundle.ts lists them as external), so a cold start
// neither parses nor loads them; the first publish imports them. Run by the bundling hook as
// `node infra/bundle-lazy-packages.mjs <out>`; the benchmarks import lazyPackages().
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The packages, in the order they depend on each other; each leaves the others out of its file. */
export const LAZY_PACKAGES = ['pptxgenjs', 'jszip'];

/** Write each lazy package into `outDir/node_modules/<name>/index.mjs` with a package.json naming it. */
export async function lazyPackages(outDir, projectRoot) {
  for (const name of LAZY_PACKAGES) {
    const folder = join(outDir, 'node_modules', name);
    mkdirSync(folder, { recursive: true });
    await build({
      absWorkingDir: projectRoot,
      stdin: { contents: `export { default } from '${name}';`, resolveDir: projectRoot, loader: 'js' },
      outfile: join(folder, 'index.mjs'),
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
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [outDir] = process.argv.slice(2);
  if (!outDir) {
    console.error('usage: node infra/bundle-lazy-packages.mjs <out>');
    process.exit(2);
  }
  await lazyPackages(outDir, join(fileURLToPath(new URL('.', import.meta.url)), '..'));
}
