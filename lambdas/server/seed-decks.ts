import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toApiGatewayEvent } from '../api/api-event.js';
import type { Api } from '../api/create-api.js';
import { collectFiles, formatOf } from '../node/collect-files.js';
import { sortCourseFiles } from '../node/course-files.js';
import type { DeckStore } from '../store/deck-store.js';

export interface SeedOptions {
  store: DeckStore;
  /** The site's own API, called in process: lectures are published as any publish is. */
  api: Api;
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
    const answer = await options.api(
      toApiGatewayEvent({
        method: 'POST',
        path: '/api/decks',
        headers: {
          authorization: `Bearer ${options.token}`,
          'content-type': formatOf(file) === 'json' ? 'application/json' : 'application/yaml',
        },
        body: readFileSync(join(options.folder, file)),
      }),
    );
    const status = answer.statusCode ?? 200;
    const body = JSON.parse(answer.body ?? '{}') as { id?: string; error?: { message?: string } };
    if (status < 300 && body.id) result.published.push(body.id);
    else result.failed.push({ file, status, message: body.error?.message ?? '' });
  }
  return result;
}
