import { describe, expect, it } from 'vitest';
import {
  authorizeByJwtClaims,
  createTokenAuthorizer,
  singleAdmin,
  tokenDigest,
} from '../../../lambdas/api/authorize.js';
import type { ApiEvent } from '../../../lambdas/api/http.js';

const withHeader = (authorization?: string) =>
  ({ headers: authorization ? { authorization } : {}, requestContext: {} }) as unknown as ApiEvent;
const withClaims = (claims?: Record<string, unknown>) =>
  ({ headers: {}, requestContext: claims ? { authorizer: { jwt: { claims } } } : {} }) as unknown as ApiEvent;

describe('local tokens', () => {
  const authorize = createTokenAuthorizer([
    { name: 'ada', tokenSha256: tokenDigest('ada-token-0123456789'), admin: false },
    { name: 'root', tokenSha256: tokenDigest('root-token-0123456789'), admin: true },
  ]);

  it('names the instructor a token belongs to', () => {
    expect(authorize(withHeader('Bearer ada-token-0123456789'))).toEqual({
      id: 'local:ada',
      name: 'ada',
      admin: false,
    });
    expect(authorize(withHeader('bearer root-token-0123456789'))).toEqual({
      id: 'local:root',
      name: 'root',
      admin: true,
    });
  });

  it('refuses a missing, wrong or malformed token', () => {
    for (const header of [
      undefined,
      'Bearer nope',
      'Basic ada-token-0123456789',
      'Bearer ada-token-0123456789 x',
      'ada-token-0123456789',
    ]) {
      expect(authorize(withHeader(header)), String(header)).toBeUndefined();
    }
  });

  it('makes LECTERN_TOKEN alone one administrator', () => {
    const only = createTokenAuthorizer(singleAdmin('the-one-token-0123'));
    expect(only(withHeader('Bearer the-one-token-0123'))?.admin).toBe(true);
    expect(() => singleAdmin('')).toThrow();
  });
});

describe('deployed claims', () => {
  it('is the Cognito sub, shown by e-mail; administrators are the lectern-admins group', () => {
    expect(authorizeByJwtClaims(withClaims({ sub: 'abc', email: 'ada@example.edu' }))).toEqual({
      id: 'abc',
      name: 'ada@example.edu',
      admin: false,
    });
    expect(
      authorizeByJwtClaims(withClaims({ sub: 'abc', 'cognito:groups': '[staff lectern-admins]' }))?.admin,
    ).toBe(true);
    expect(
      authorizeByJwtClaims(withClaims({ sub: 'abc', 'cognito:groups': ['lectern-admins'] }))?.admin,
    ).toBe(true);
    expect(
      authorizeByJwtClaims(withClaims({ sub: 'abc', 'cognito:groups': '[lectern-admins-not]' }))?.admin,
    ).toBe(false);
    expect(authorizeByJwtClaims(withClaims({ sub: 'abc' }))?.name).toBe('abc');
  });

  it('refuses a request that no authorizer vouched for', () => {
    expect(authorizeByJwtClaims(withClaims())).toBeUndefined();
    expect(authorizeByJwtClaims(withClaims({ sub: '' }))).toBeUndefined();
    expect(authorizeByJwtClaims(withHeader('Bearer anything'))).toBeUndefined();
  });
});
