// Copies a folder (or a file) recursively: the Lambda bundling hook ships templates/ and the
// precompiled templates with the handler this way, in Node rather than `cp -R` so that a deploy
// from Windows works too.
import { cpSync } from 'node:fs';

const [source, target] = process.argv.slice(2);
if (!source || !target) {
  console.error('usage: node infra/copy-dir.mjs <source> <target>');
  process.exit(2);
}
cpSync(source, target, { recursive: true });
