import { processIo } from './io.js';
import { runCli } from './run.js';

// No top-level await: bin/lectern.cjs runs this bundle as a script (CommonJS) with V8's code cache.
void runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
