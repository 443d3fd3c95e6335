// Copies a folder recursively: the Lambda bundling hook ships templates/ with the handler this way,
// in Node rather than `cp -R` so that a deploy from Windows works too.
import { cpSync } from 'node:fs';

const [source, target] = process.argv.slice(2);
if (!source || !target) {
  console.error('usage: node infra/copy-dir.mjs <source-dir> <target-dir>');
  process.exit(2);
}
cpSync(source, target, { recursive: true });
