import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type MediaClaim, readMediaClaim, uploadProblem } from '../../../lambdas/core/media/check-upload.js';
import type { MediaFile } from '../../../lambdas/core/media/media-entry.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const HASH = sha('x');

describe('readMediaClaim', () => {
  it.each([
    [
      { sha256: HASH, type: 'image/png', size: 10 },
      { sha256: HASH, type: 'png', size: 10 },
    ],
    [
      { sha256: HASH, type: 'IMAGE/SVG+XML', size: 1 },
      { sha256: HASH, type: 'svg', size: 1 },
    ],
    [
      { sha256: HASH, type: 'jpeg', size: 1 },
      { sha256: HASH, type: 'jpeg', size: 1 },
    ],
  ])('reads %j', (body, claim) => {
    expect(readMediaClaim(body)).toEqual(claim);
  });

  it.each([
    [undefined, /sha256/],
    [{ sha256: HASH.toUpperCase(), type: 'image/png', size: 1 }, /sha256/],
    [{ sha256: HASH, type: 'text/html', size: 1 }, /type must be one of/],
    [{ sha256: HASH, type: 'image/png', size: 0 }, /size/],
    [{ sha256: HASH, type: 'image/png', size: 1.5 }, /size/],
    [{ sha256: HASH, type: 'image/png', size: 20 * 1024 * 1024 + 1 }, /at most 20 MiB/],
  ])('refuses %j', (body, message) => {
    const read = readMediaClaim(body);
    expect('problem' in read && read.problem).toMatch(message);
  });
});

describe('uploadProblem', () => {
  const claim: MediaClaim = { sha256: HASH, type: 'png', size: 4 };
  const found = (over: Partial<MediaFile>): MediaFile => ({ sha256: HASH, type: 'png', size: 4, ...over });

  it('accepts bytes that are what was announced', () => {
    expect(uploadProblem(claim, found({}))).toBeUndefined();
  });

  it.each([
    ['another length', found({ size: 5 }), /5 bytes, not the 4 announced/],
    ['another hash', found({ sha256: sha('y') }), /hash to/],
    ['no image', found({ type: 'unknown' }), /not a PNG.*no known type/],
    ['another image type', found({ type: 'gif' }), /gif, not the png announced/],
  ])('refuses %s', (_, file, message) => {
    expect(uploadProblem(claim, file)).toMatch(message);
  });

  it('refuses an SVG that could run something, naming what', () => {
    const bytes = readFileSync('test/fixtures/svg/hostile/script.svg');
    const svgClaim: MediaClaim = { sha256: HASH, type: 'svg', size: bytes.length };
    expect(uploadProblem(svgClaim, { sha256: HASH, type: 'svg', size: bytes.length, bytes })).toMatch(
      /<script>/,
    );
  });
});
