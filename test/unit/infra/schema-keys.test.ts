import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../infra/api-bundle.js';
import { inlineSchemaKeys, lazyPackage } from '../../../infra/bundle-lazy-packages.mjs';

// The S3 client shipped beside the handler keeps only the schemas of the operations the handler sends
// (infra/bundle-lazy-packages.mjs, literalSchemaKeys). test/integration/lambda-bundle.test.ts runs
// those operations through the shipped file against an S3 server.

describe('inlineSchemaKeys', () => {
  it("writes a computed key naming one of the file's string constants as that string", () => {
    const source = [
      'const _h = "http";',
      'const _e = "error";',
      'const _q = "a \\"quoted\\" key";',
      'export var A$ = [9, n0, _A, { [_h]: ["GET", "/", 200] }, () => B$];',
      'export var E$ = [-3, n0, _E, { [_e]: _c, [_q]: 1 }, [], []];',
    ].join('\n');
    const out = inlineSchemaKeys(source);
    expect(out).toContain('{ "http": ["GET", "/", 200] }');
    expect(out).toContain('{ "error": _c, "a \\"quoted\\" key": 1 }');
    expect(out).not.toMatch(/\[_[a-z]\]:/);
  });

  it('leaves a key that names no string constant, and anything that is not a key', () => {
    const source = [
      'const _h = "http";',
      'let _m = "mutable";',
      'const n = 3;',
      'export var A$ = { [_m]: 1, [n]: 2, [other]: 3 };',
      'export var B$ = [_h];',
      'export var C$ = x ? [_h]: [_h];',
    ].join('\n');
    const out = inlineSchemaKeys(source);
    expect(out).toContain('{ [_m]: 1, [n]: 2, [other]: 3 }');
    expect(out).toContain('export var B$ = [_h];');
    expect(out).toContain('x ? [_h]: [_h]');
  });
});

describe('the S3 client shipped beside the handler', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-s3-schemas-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds the schemas of the operations the handler sends and none of the others', async () => {
    await lazyPackage(dir, PROJECT_ROOT, '@aws-sdk/client-s3');
    const folder = join(dir, 'node_modules', '@aws-sdk', 'client-s3');
    const code = readdirSync(folder)
      .filter((name) => name.endsWith('.mjs'))
      .map((name) => readFileSync(join(folder, name), 'utf8'))
      .join('\n');
    for (const used of [
      'GetObjectRequest',
      'PutObjectRequest',
      'ListObjectsV2Request',
      'DeleteObjectRequest',
    ])
      expect(code).toContain(`"${used}"`);
    for (const unused of [
      'DeleteBucketAnalyticsConfigurationRequest',
      'PutBucketLifecycleConfigurationRequest',
      'SelectObjectContentRequest',
    ])
      expect(code).not.toContain(`"${unused}"`);
  }, 60_000);
});
