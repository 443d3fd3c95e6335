import { ConfigError } from '../core/errors.js';

/** The shortest bearer token the local server accepts; the one it generates has 32 characters. */
export const MIN_TOKEN_LENGTH = 16;

/** Refuse a token short enough to guess; `name` says where it came from (an environment variable). */
export function assertStrongToken(token: string, name: string): void {
  if (token.length >= MIN_TOKEN_LENGTH) return;
  throw new ConfigError(
    `${name} is ${token.length} character${token.length === 1 ? '' : 's'} long; use at least ${MIN_TOKEN_LENGTH} (or leave it unset and the server makes one)`,
    { key: name, code: 'weak-token' },
  );
}
