// Bundled and run by scripts/build.mjs: writes dist/templates.precompiled.json from templates/, and
// returns what it wrote.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { precompileTemplates } from '../lambdas/core/render/compile.js';
import { loadTemplates, PRECOMPILED_FILE } from '../lambdas/node/templates-fs.js';

/** Write them, and return them for the bundles that carry them as code. */
export function writePrecompiled(
  templatesDir: string,
  outDir: string,
): ReturnType<typeof precompileTemplates> {
  const precompiled = precompileTemplates(loadTemplates(templatesDir));
  writeFileSync(join(outDir, PRECOMPILED_FILE), `${JSON.stringify(precompiled)}\n`);
  return precompiled;
}
