#!/usr/bin/env node
// The CLI is bundled into dist/ by `npm run build` (run by `npm ci` through "prepare").
import module from 'node:module';

// Node 22.1+ keeps V8's compiled code of the bundle between runs (a no-op on Node 20).
module.enableCompileCache?.();
await import('../dist/cli.mjs');
