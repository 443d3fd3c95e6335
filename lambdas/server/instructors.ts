import { randomBytes } from 'node:crypto';
import { type LocalInstructor, MIN_TOKEN_LENGTH, singleAdmin } from '../api/authorize.js';
import { ENV } from '../site/env-names.js';
import { readUsersFile, UsersFileError } from './users-file.js';

export interface LocalIdentities {
  instructors: LocalInstructor[];
  /** The administrator's token, when the server made one up (printed at start). */
  generatedToken?: string;
  /** What to print about where the tokens come from. */
  source: string;
}

/**
 * Who may use the local server's API: the instructors of `LECTERN_USERS_FILE` when it is set,
 * otherwise `LECTERN_TOKEN` as the one administrator, otherwise a token made up and printed.
 * A token under 16 characters is refused, whichever way it comes.
 */
export function loadLocalIdentities(env: Readonly<Record<string, string | undefined>>): LocalIdentities {
  const usersFile = env[ENV.usersFile];
  if (usersFile) {
    const instructors = readUsersFile(usersFile);
    return { instructors, source: `${instructors.length} instructors from ${usersFile}` };
  }
  const given = env[ENV.token];
  if (given) {
    if (given.length < MIN_TOKEN_LENGTH) {
      throw new UsersFileError(`${ENV.token} is too short: use at least ${MIN_TOKEN_LENGTH} characters.`);
    }
    return { instructors: singleAdmin(given), source: `API token: from ${ENV.token}` };
  }
  const token = randomBytes(24).toString('base64url');
  return {
    instructors: singleAdmin(token),
    generatedToken: token,
    source: `API token (set ${ENV.token} to choose your own): ${token}`,
  };
}
