import '../core/zod-setup.js';
import { readFileSync } from 'node:fs';
import type { Document } from 'yaml';
import * as z from 'zod/mini';
import { type LocalInstructor, MIN_TOKEN_LENGTH, tokenDigest } from '../api/authorize.js';
import { LecternError } from '../core/errors.js';
import { yamlPackage } from '../core/packages.js';

/** The users file cannot be used: the message names the file, the line and what is wrong. */
export class UsersFileError extends LecternError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('users-file-invalid', message, options);
  }
}

const INSTRUCTOR = z
  .strictObject({
    name: z.string().check(z.trim(), z.minLength(1, 'a name is required')),
    token: z.optional(
      z
        .string()
        .check(z.minLength(MIN_TOKEN_LENGTH, `a token needs at least ${MIN_TOKEN_LENGTH} characters`)),
    ),
    tokenSha256: z.optional(
      z
        .string()
        .check(
          z.regex(/^[0-9a-f]{64}$/i, 'tokenSha256 is the SHA-256 of the token as 64 hexadecimal digits'),
        ),
    ),
    admin: z.optional(z.boolean()),
  })
  .check(
    z.refine((entry) => (entry.token === undefined) !== (entry.tokenSha256 === undefined), {
      message: 'give exactly one of token or tokenSha256',
    }),
  );

const USERS = z.strictObject({
  instructors: z.array(INSTRUCTOR).check(z.minLength(1, 'list at least one instructor')),
});

/**
 * The local server's instructors, from a YAML or JSON file (`LECTERN_USERS_FILE`):
 * `{instructors: [{name, token | tokenSha256, admin?}]}`. Anything wrong stops the server at start,
 * with the file, line and column of the first fault, so no one runs a site with the wrong people on it.
 */
export function readUsersFile(file: string): LocalInstructor[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsersFileError(`${file}: cannot read the users file (${(error as Error).message})`, {
      cause: error,
    });
  }
  return parseUsers(text, file);
}

/** The same, from the file's text (`file` only names it in messages). */
export function parseUsers(text: string, file: string): LocalInstructor[] {
  // Loaded here, not with the server: only a site with a users file reads one.
  const { LineCounter, parseDocument } = yamlPackage();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined) => {
    const { line, col } = lineCounter.linePos(offset ?? 0);
    return `${file}:${line}:${col}`;
  };
  const [fault] = doc.errors;
  if (fault) throw new UsersFileError(`${at(fault.pos[0])}: ${fault.message.split('\n')[0]}`);

  const parsed = USERS.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = (issue?.path ?? []).filter((key): key is string | number => typeof key !== 'symbol');
    const node = locate(doc, path);
    const where = path
      .map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`))
      .join('')
      .replace(/^\./, '');
    throw new UsersFileError(`${at(node)}: ${where || 'the file'}: ${issue?.message ?? 'not a users file'}`);
  }

  const names = new Set<string>();
  const digests = new Set<string>();
  return parsed.data.instructors.map((entry, index) => {
    const digest =
      entry.token !== undefined ? tokenDigest(entry.token) : Buffer.from(entry.tokenSha256 ?? '', 'hex');
    const node = locate(doc, ['instructors', index]);
    if (names.has(entry.name))
      throw new UsersFileError(`${at(node)}: the name "${entry.name}" is listed twice`);
    if (digests.has(digest.toString('hex')))
      throw new UsersFileError(`${at(node)}: two instructors share one token`);
    names.add(entry.name);
    digests.add(digest.toString('hex'));
    return { name: entry.name, tokenSha256: digest, admin: entry.admin === true };
  });
}

/** The offset of the deepest node along `path` that exists, for a line number. */
function locate(doc: Document, path: (string | number)[]): number | undefined {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node = doc.getIn(path.slice(0, depth), true);
    if (yamlPackage().isNode(node) && node.range) return node.range[0];
  }
  return doc.contents?.range?.[0];
}
