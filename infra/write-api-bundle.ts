import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { precompileTemplates } from '../lambdas/core/render/compile.js';
import { copyAssets } from '../lambdas/node/assets.js';
import { loadTemplates, PRECOMPILED_FILE, templatesDir } from '../lambdas/node/templates-fs.js';
import { API_BUNDLE, apiBuildOptions, PROJECT_ROOT } from './api-bundle.js';
import { lazyPackages } from './bundle-lazy-packages.mjs';

/**
 * The API Lambda's code folder as the stack ships it, written to `outDir` without the CDK: the handler
 * (index.mjs, bundled with API_BUNDLE's settings), templates/ and their precompiled file beside it, the
 * site's assets/, and the packages loaded on demand in node_modules/. The benchmarks and the tests of the shipped bundle
 * run it from there. Returns the handler's path.
 */
export async function writeApiBundle(outDir: string): Promise<string> {
  const handler = join(outDir, 'index.mjs');
  await build({ ...apiBuildOptions(), entryPoints: [API_BUNDLE.entry], outfile: handler });
  cpSync(join(PROJECT_ROOT, 'templates'), join(outDir, 'templates'), { recursive: true });
  writeFileSync(
    join(outDir, PRECOMPILED_FILE),
    `${JSON.stringify(precompileTemplates(loadTemplates(templatesDir())))}\n`,
  );
  // The site's assets folder, which each publish inlines into the deck's single-file page.
  copyAssets(outDir);
  await lazyPackages(outDir, PROJECT_ROOT);
  return handler;
}
