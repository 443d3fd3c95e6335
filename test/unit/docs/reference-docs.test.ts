import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SLIDE_KINDS } from '../../../lambdas/core/schema.js';

// The reference in docs/ is the project's own: it must name everything the schema and the checks
// can say, so a field, kind or diagnostic added to the code without its documentation fails here.

const root = join(import.meta.dirname, '../../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const named = (doc: string, word: string) => doc.includes(`\`${word}\``);

/**
 * Every field name anywhere in the published JSON Schema (generated from the zod schema, and kept
 * fresh by `npm run check:schema`): the keys of each `properties` it holds, however nested.
 */
function fieldNames(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) fieldNames(item, found);
  } else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' && typeof value === 'object' && value !== null) {
        for (const field of Object.keys(value)) found.add(field);
      }
      fieldNames(value, found);
    }
  }
  return found;
}

/** Diagnostic codes the core can emit, read from its sources: every code literal a check writes. */
function coreDiagnosticCodes(): string[] {
  const dir = join(root, 'lambdas/core');
  const sources = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts') && !['errors.ts', 'course.ts', 'course-page.ts'].includes(name))
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('\n');
  const patterns = [
    /code: '([a-z-]+)'/g,
    /(?:warning|error|parseDiagnostic)\(\s*'([a-z-]+)'/g,
    /return '([a-z]+-[a-z-]+)'/g,
    // Either of two codes: `small ? 'too-few' : 'too-many'`.
    /\? '([a-z]+-[a-z-]+)' : '([a-z]+-[a-z-]+)'/g,
  ];
  const codes = new Set(
    patterns.flatMap((pattern) => [...sources.matchAll(pattern)].flatMap((m) => m.slice(1).filter(Boolean))),
  );
  return [...codes].sort();
}

/** The error codes the HTTP API answers with, read from its sources. */
function apiErrorCodes(): string[] {
  const dir = join(root, 'lambdas/api');
  const sources = readdirSync(dir)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('\n');
  const codes = [...sources.matchAll(/new HttpError\(\s*\d{3},\s*'([a-z-]+)'/g)].map((m) => m[1] ?? '');
  return [...new Set(codes)].sort();
}

describe('docs/lecture-format.md', () => {
  const doc = read('docs/lecture-format.md');

  it('names every slide kind', () => {
    expect(SLIDE_KINDS.filter((kind) => !named(doc, kind))).toEqual([]);
  });

  it('names every field of the schema', () => {
    const fields = [...fieldNames(JSON.parse(read('lecture.schema.json')))];
    expect(fields).toEqual(expect.arrayContaining(['id', 'sections', 'cite', 'events', 'columns', 'header']));
    expect(fields.filter((field) => !named(doc, field))).toEqual([]);
  });

  it('names every error and warning code, here or in the 1.1 additions it links', () => {
    const both = doc + read('docs/format-1.1.md');
    const codes = coreDiagnosticCodes();
    expect(codes).toEqual(expect.arrayContaining(['cite-unknown', 'no-notes', 'parse-error', 'id-mismatch']));
    expect(codes.filter((code) => !named(both, code))).toEqual([]);
    expect(doc).toContain('(format-1.1.md)');
  });
});

describe('docs/api.md', () => {
  it('names every error code the API answers with', () => {
    const codes = apiErrorCodes();
    expect(codes).toEqual(expect.arrayContaining(['unauthorized', 'bad-id', 'invalid-lecture']));
    const doc = read('docs/api.md');
    expect(codes.filter((code) => !named(doc, code))).toEqual([]);
  });
});

describe('the user docs', () => {
  it('link only to what a clone of the repository holds', () => {
    const pages = ['README.md', ...readdirSync(join(root, 'docs')).map((name) => `docs/${name}`)];
    const outside = pages.filter((page) => /\]\((?:\.\.\/)+shared\//.test(read(page)));
    expect(outside).toEqual([]);
  });
});
