// Bundled and run by scripts/build.mjs: writes dist/templates.precompiled.json from templates/.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { precompileTemplates } from '../lambdas/core/render/compile.js';
import { loadTemplates, PRECOMPILED_FILE } from '../lambdas/node/templates-fs.js';

export function writePrecompiled(templatesDir: string, outDir: string): void {
  const templates = loadTemplates(templatesDir);
  writeFileSync(join(outDir, PRECOMPILED_FILE), `${JSON.stringify(precompileTemplates(templates))}\n`);
}
