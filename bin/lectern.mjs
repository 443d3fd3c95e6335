#!/usr/bin/env node
// The CLI is bundled into dist/cli.cjs by `npm run build` (run by `npm ci` through "prepare"), and
// run with V8's code cache (bin/code-cache.cjs) so a start skips compiling it. Everything past this
// file is CommonJS, required: imported, each built-in it uses would get an ES module facade.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { runBundle } = require('./code-cache.cjs');

runBundle(require.resolve('../dist/cli.cjs'));
