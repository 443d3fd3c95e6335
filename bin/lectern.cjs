#!/usr/bin/env node
// The CLI is bundled into dist/cli.cjs by `npm run build` (run by `npm ci` through "prepare"), and
// run with V8's code cache (bin/code-cache.cjs) so a start skips compiling it. Everything here is
// CommonJS: an ES module entry makes Node start its ES module loader first, about 8 ms of every
// run, and gives each built-in it imports a module facade of its own. A long run gets a larger
// budget for V8's optimising compiler (bin/compiler-budget.cjs).
const { runBundle } = require('./code-cache.cjs');
const { compilerFlags } = require('./compiler-budget.cjs');

runBundle(require.resolve('../dist/cli.cjs'), undefined, compilerFlags(process.argv.slice(2)));
