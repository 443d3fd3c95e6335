// Copies a folder (or a file) recursively: the Lambda bundling hook ships templates/ with the handler
// this way, in Node rather than `cp -R` so that a deploy from Windows works too. With --if-exists, a
// missing source is skipped rather than an error (the build's precompiled templates are an optimisation).
import { cpSync, existsSync } from 'node:fs';

const args = process.argv.slice(2);
const optional = args[0] === '--if-exists';
const [source, target] = optional ? args.slice(1) : args;
if (!source || !target) {
  console.error('usage: node infra/copy-dir.mjs [--if-exists] <source> <target>');
  process.exit(2);
}
if (!(optional && !existsSync(source))) cpSync(source, target, { recursive: true });
