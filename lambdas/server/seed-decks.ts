import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectFiles, formatOf } from '../node/collect-files.js';
import { sortCourseFiles } from '../node/course-files.js';
import type { DeckStore } from '../store/deck-store.js';

export interface SeedOptions {
  store: DeckStore;
  /** The running site, e.g. http://127.0.0.1:8080: lectures go through its own API, as any publish does. */
  url: string;
  token: string;
  /** A folder of lectures (and course files), e.g. the repository's content/. */
  folder: string;
}

export interface SeedResult {
  /** Deck ids published. */
  published: string[];
  /** Files the API refused, with its answer. */
  failed: { file: string; status: number; message: string }[];
}

/**
 * Publish the lectures of a folder when the store holds no deck yet, so that a first `npm start`
 * opens on the course that ships with Lectern. A store with any deck is left as it is.
 */
export async function seedDecks(options: SeedOptions): Promise<SeedResult> {
  const result: SeedResult = { published: [], failed: [] };
  if ((await options.store.listDecks()).length > 0) return result;
  const { lectures } = sortCourseFiles(collectFiles(['.'], options.folder), options.folder);
  for (const file of lectures) {
    const answer = await fetch(`${options.url}/api/decks`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${options.token}`,
        'content-type': formatOf(file) === 'json' ? 'application/json' : 'application/yaml',
      },
      body: readFileSync(join(options.folder, file)),
    });
    const body = (await answer.json()) as { id?: string; error?: { message?: string } };
    if (answer.ok && body.id) result.published.push(body.id);
    else result.failed.push({ file, status: answer.status, message: body.error?.message ?? '' });
  }
  return result;
}
