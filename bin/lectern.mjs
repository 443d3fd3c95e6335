#!/usr/bin/env node
// The CLI is bundled into dist/cli.cjs by `npm run build` (run by `npm ci` through "prepare"), and
// run with V8's code cache (bin/code-cache.mjs) so a start skips compiling it.
import { fileURLToPath } from 'node:url';
import { runBundle } from './code-cache.mjs';

runBundle(fileURLToPath(new URL('../dist/cli.cjs', import.meta.url)));
