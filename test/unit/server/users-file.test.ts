import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadLocalIdentities } from '../../../lambdas/server/instructors.js';
import { parseUsers, UsersFileError } from '../../../lambdas/server/users-file.js';

const sha = (token: string) => createHash('sha256').update(token).digest('hex');

describe('the users file', () => {
  it('reads YAML and JSON alike: names, tokens or their SHA-256, administrators', () => {
    const yaml = `instructors:\n  - name: Ada\n    token: ada-token-0123456789\n  - name: Root\n    tokenSha256: ${sha('root-token-0123456789')}\n    admin: true\n`;
    const fromYaml = parseUsers(yaml, 'users.yaml');
    expect(fromYaml.map(({ name, admin }) => [name, admin])).toEqual([
      ['Ada', false],
      ['Root', true],
    ]);
    expect(fromYaml[1]?.tokenSha256.toString('hex')).toBe(sha('root-token-0123456789'));
    const json = JSON.stringify({ instructors: [{ name: 'Ada', token: 'ada-token-0123456789' }] });
    expect(parseUsers(json, 'users.json')[0]?.tokenSha256.toString('hex')).toBe(sha('ada-token-0123456789'));
  });

  it.each([
    [
      'a short token',
      'instructors:\n  - name: Ada\n    token: short\n',
      /users\.yaml:3:12: instructors\[0\]\.token: a token needs at least 16/,
    ],
    [
      'both token kinds',
      `instructors:\n  - name: Ada\n    token: ada-token-0123456789\n    tokenSha256: ${sha('x')}\n`,
      /users\.yaml:2:5: .*exactly one of token or tokenSha256/,
    ],
    [
      'an unknown field',
      'instructors:\n  - name: Ada\n    token: ada-token-0123456789\n    role: admin\n',
      /users\.yaml:2:5: .*role/,
    ],
    ['broken YAML', 'instructors:\n  - name: [Ada\n', /users\.yaml:\d+:\d+: /],
    ['no instructors', 'instructors: []\n', /users\.yaml:1:14: instructors: list at least one instructor/],
    [
      'a bad digest',
      'instructors:\n  - name: Ada\n    tokenSha256: abc\n',
      /users\.yaml:3:18: .*64 hexadecimal digits/,
    ],
    [
      'a name twice',
      'instructors:\n  - name: Ada\n    token: ada-token-0123456789\n  - name: Ada\n    token: ada-token-9876543210\n',
      /users\.yaml:4:5: the name "Ada" is listed twice/,
    ],
    [
      'a shared token',
      'instructors:\n  - name: Ada\n    token: ada-token-0123456789\n  - name: Ben\n    token: ada-token-0123456789\n',
      /users\.yaml:4:5: two instructors share one token/,
    ],
  ])('stops at %s, naming the line', (_what, text, message) => {
    expect(() => parseUsers(text, 'users.yaml')).toThrow(UsersFileError);
    expect(() => parseUsers(text, 'users.yaml')).toThrow(message);
  });
});

describe('local identities at start', () => {
  it('refuses a LECTERN_TOKEN under 16 characters, and makes one up when none is given', () => {
    expect(() => loadLocalIdentities({ LECTERN_TOKEN: 'short' })).toThrow(/at least 16/);
    const made = loadLocalIdentities({});
    expect(made.generatedToken?.length).toBeGreaterThanOrEqual(32);
    expect(made.instructors[0]?.admin).toBe(true);
  });
});
