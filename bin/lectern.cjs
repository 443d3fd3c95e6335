#!/usr/bin/env node
// The CLI is bundled into dist/cli.cjs by `npm run build` (run by `npm ci` through "prepare"), and
// run with V8's code cache (bin/code-cache.cjs) so a start skips compiling it. Everything here is
// CommonJS: an ES module entry makes Node start its ES module loader first, about 8 ms of every
// run, and gives each built-in it imports a module facade of its own.

// A run of the CLI is short, and V8's optimising compiler (TurboFan) costs more there than it
// saves: by default it takes up a function once about 66 KB of its bytecode has run, and compiles
// it on another thread, so that rendering a 600-slide lecture spent a quarter of its CPU time
// compiling code the run was nearly done with. Sixteen times that budget leaves to TurboFan only
// what stays hot for long (drawing a PowerPoint file's slides, zipping it), which still gains from
// it. The budget decides only when a function is optimised, so setting it in a running process
// changes speed, never what runs; a server, which runs for long, keeps V8's default.
require('node:v8').setFlagsFromString(`--interrupt-budget=${16 * 66 * 1024}`);

const { runBundle } = require('./code-cache.cjs');

runBundle(require.resolve('../dist/cli.cjs'));
