// Writes lecture.schema.json and course.schema.json from the zod schemas, or with --check fails
// when a committed copy is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod/mini';
import { courseSchema } from '../lambdas/core/course.js';
import { lectureSchema } from '../lambdas/core/schema.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const targets = [
  {
    file: 'lecture.schema.json',
    schema: lectureSchema,
    title: 'Lectern lecture, format v1',
    description: 'A lecture for Lectern: see docs/lecture-format.md.',
    source: 'lambdas/core/schema.ts',
  },
  {
    file: 'course.schema.json',
    schema: courseSchema,
    title: 'Lectern course',
    description: 'A course for Lectern: a series of lectures in teaching order (docs/course-format.md).',
    source: 'lambdas/core/course.ts',
  },
];

let stale = false;
for (const target of targets) {
  const json = {
    ...z.toJSONSchema(target.schema, { io: 'input', unrepresentable: 'any' }),
    $id: `https://lectern.invalid/${target.file}`,
    title: target.title,
    description: target.description,
  };
  const text = `${JSON.stringify(json, null, 2)}\n`;
  const path = join(root, target.file);
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(path, 'utf8');
    } catch {}
    if (committed !== text) {
      console.error(
        `${target.file} is out of date with ${target.source}: run \`npm run schema\` and commit it.`,
      );
      stale = true;
    } else console.log(`${target.file} is current`);
  } else {
    writeFileSync(path, text);
    console.log(`wrote ${path}`);
  }
}
if (stale) process.exit(1);
