import { describe, expect, it } from 'vitest';
import { HttpError } from '../../../lambdas/api/http.js';
import { readLectureBody } from '../../../lambdas/api/read-body.js';
import { matchRoute } from '../../../lambdas/api/routes.js';
import { PUBLICATION_TYPE } from '../../../lambdas/site/layout.js';
import { resolveSitePath } from '../../../lambdas/site/site-paths.js';

const HASH = 'c'.repeat(64);
const publication = (body: unknown) =>
  readLectureBody({ 'content-type': PUBLICATION_TYPE }, JSON.stringify(body), false);

function refusal(run: () => unknown): HttpError {
  try {
    run();
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('media routes', () => {
  it('asks and checks by POST only', () => {
    expect(matchRoute('POST', '/api/media')).toEqual({ name: 'request-media' });
    expect(matchRoute('POST', '/api/media/check')).toEqual({ name: 'check-media' });
    expect(refusal(() => matchRoute('GET', '/api/media')).status).toBe(405);
    // The local upload URL is the server's own, never an API route.
    expect(refusal(() => matchRoute('PUT', `/api/media/uploads/${HASH}`)).status).toBe(404);
  });

  it('serves /media/{name} and nothing below or around it', () => {
    expect(resolveSitePath('/media/0123456789abcdef.png')).toEqual({
      kind: 'media',
      name: '0123456789abcdef.png',
    });
    expect(resolveSitePath('/media/a/b.png')).toEqual({ kind: 'not-found' });
    expect(resolveSitePath('/media/..%2Fdecks')).toEqual({ kind: 'not-found' });
    expect(resolveSitePath('/media/')).toEqual({ kind: 'not-found' });
    expect(resolveSitePath('/media-uploads/x')).toEqual({ kind: 'not-found' });
  });
});

describe('a publication body', () => {
  it('carries the lecture text, its format and each src with its hash', () => {
    expect(publication({ lecture: 'id: a\n', format: 'yaml', media: { 'figures/a.png': HASH } })).toEqual({
      text: 'id: a\n',
      format: 'yaml',
      media: { 'figures/a.png': HASH },
    });
  });

  it.each([
    [{ media: {} }, /"lecture" must be/],
    [{ lecture: 'id: a', format: 'toml' }, /"format" must be/],
    [{ lecture: 'id: a', media: ['figures/a.png'] }, /"media" must map/],
    [{ lecture: 'id: a', media: { 'a.png': 'abc' } }, /not a SHA-256/],
  ])('refuses %j with a 400 that says how it should look', (body, message) => {
    const error = refusal(() => publication(body));
    expect(error.status).toBe(400);
    expect(error.code).toBe('bad-publication');
    expect(error.message).toMatch(message);
  });

  it('is JSON', () => {
    const error = refusal(() => readLectureBody({ 'content-type': PUBLICATION_TYPE }, '{lecture:', false));
    expect([error.status, error.code]).toEqual([400, 'parse-error']);
  });
});
