// Writes lecture.schema.json from the zod schema, or with --check fails when the committed copy is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { lectureSchema } from '../lambdas/core/schema.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'lecture.schema.json');

const schema = {
  ...z.toJSONSchema(lectureSchema, { io: 'input', unrepresentable: 'any' }),
  $id: 'https://lectern.invalid/lecture.schema.json',
  title: 'Lectern lecture, format v1',
  description: 'A lecture for Lectern: see docs and ../shared/spec/lecture-format.md.',
};
const text = `${JSON.stringify(schema, null, 2)}\n`;

if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {}
  if (committed !== text) {
    console.error(
      'lecture.schema.json is out of date with lambdas/core/schema.ts: run `npm run schema` and commit it.',
    );
    process.exit(1);
  }
  console.log('lecture.schema.json is current');
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
