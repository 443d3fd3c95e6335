#!/usr/bin/env node
// The CLI is bundled into dist/cli.cjs by `npm run build` (run by `npm ci` through "prepare"), and
// run with V8's code cache (bin/code-cache.cjs) so a start skips compiling it. Everything here is
// CommonJS: an ES module entry makes Node start its ES module loader first, about 8 ms of every
// run, and gives each built-in it imports a module facade of its own. A long run gets a larger
// budget for V8's optimising compiler (bin/compiler-budget.cjs).
const { runBundle } = require('./code-cache.cjs');
const { compilerFlags } = require('./compiler-budget.cjs');

// Once a run has nothing left to do, end it there. Left to itself, Node would first wait for V8's
// background work (an optimising compile or a garbage collection under way) and take the heap apart,
// which the OS does anyway: some 5 to 10 ms of a 600-slide render. 'beforeExit' comes only when the
// event loop is empty (no write, timer or server pending), so no output is cut short; 'exit' listeners,
// such as the code cache's writer, still run. Another 'beforeExit' listener (none today) would keep
// Node's own ending, since it may start more work.
process.on('beforeExit', () => {
  if (process.listenerCount('beforeExit') === 1) process.exit();
});

runBundle(require.resolve('../dist/cli.cjs'), undefined, compilerFlags(process.argv.slice(2)));
