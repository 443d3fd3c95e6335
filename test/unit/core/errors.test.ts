import { describe, expect, it } from 'vitest';
import { createTokenAuthorizer, singleAdmin } from '../../../lambdas/api/authorize.js';
import { readApiConfig } from '../../../lambdas/api/config.js';
import { ConfigError, LecternError, UsageError } from '../../../lambdas/core/errors.js';
import { collectFiles } from '../../../lambdas/node/collect-files.js';
import { CspSourceError, speakerViewHashes } from '../../../lambdas/site/csp.js';
import { redirectLocation } from '../../../lambdas/site/site-paths.js';

/** What a thrown error must be: one of the family, with its stable code. */
function thrown(fn: () => unknown): LecternError {
  try {
    fn();
  } catch (error) {
    if (error instanceof LecternError) return error;
    throw new Error(`expected a LecternError, got ${String(error)}`);
  }
  throw new Error('expected an error, but nothing was thrown');
}

describe('the error family', () => {
  it('keeps the cause and names the class', () => {
    const cause = new Error('disk full');
    const error = new ConfigError('cannot read it', { key: 'S3_BUCKET', cause });
    expect([error.name, error.code, error.key, error.cause]).toEqual([
      'ConfigError',
      'invalid-config',
      'S3_BUCKET',
      cause,
    ]);
    expect(new UsageError('no', { cause }).cause).toBe(cause);
  });

  it.each([
    ['a missing bucket', () => readApiConfig({}, import.meta.url), ConfigError, 'invalid-config'],
    ['an empty API token', () => createTokenAuthorizer(singleAdmin('')), ConfigError, 'invalid-config'],
    ['no instructors', () => createTokenAuthorizer([]), ConfigError, 'invalid-config'],
    [
      'a missing lecture file',
      () => collectFiles(['nothing.yaml'], import.meta.dirname),
      UsageError,
      'usage',
    ],
    [
      'reveal.js notes without its speaker view',
      () => speakerViewHashes('no markup'),
      CspSourceError,
      'csp-source-changed',
    ],
    [
      'a redirect off the site',
      () => redirectLocation('//evil.example/', ''),
      LecternError,
      'off-site-redirect',
    ],
  ])('%s throws a coded error of the family', (_, fn, kind, code) => {
    const error = thrown(fn);
    expect(error).toBeInstanceOf(kind);
    expect(error.code).toBe(code);
  });
});
