import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeckManifest } from '../../../lambdas/core/deck.js';
import { publishLectureFile } from '../../../lambdas/server/seed-decks.js';
import { startServer } from '../../../lambdas/server/start-server.js';
import { openDeckStore } from '../../../lambdas/store/open-deck-store.js';
import { type LectureFile, ROOT } from './lectures.js';

const TOKEN = 'browser-test-token';

export interface PublishedDeck {
  id: string;
  /** Absolute URL of the deck page, e.g. http://127.0.0.1:1234/decks/all-kinds/ */
  url: string;
  handoutUrl: string;
  manifest: DeckManifest;
}

export interface Site {
  url: string;
  origin: string;
  decks: Map<string, PublishedDeck>;
  close(): Promise<void>;
}

/** The real local server over an embedded store in a temporary folder, with the lectures published through its API. */
export async function startSite(lectures: LectureFile[]): Promise<Site> {
  const dataDir = await mkdtemp(join(tmpdir(), 'lectern-browser-'));
  const store = await openDeckStore({ dataDir });
  const server = await startServer({ store, media: store.media, token: TOKEN, port: 0 });
  const decks = new Map<string, PublishedDeck>();
  try {
    for (const lecture of lectures) {
      // With its own images, as `lectern publish` sends them.
      const answer = await publishLectureFile(
        { api: server.api, token: TOKEN, media: store.media },
        join(ROOT, lecture.file),
        lecture.text,
      );
      if (answer.statusCode !== 201) {
        throw new Error(`publishing ${lecture.file}: ${answer.statusCode} ${answer.body}`);
      }
      const body = JSON.parse(answer.body ?? '{}') as { url: string; handoutUrl: string };
      const manifest = (await (
        await fetch(`${server.url}/decks/${lecture.id}/deck.json`)
      ).json()) as DeckManifest;
      decks.set(lecture.id, {
        id: lecture.id,
        url: new URL(body.url, server.url).toString(),
        handoutUrl: new URL(body.handoutUrl, server.url).toString(),
        manifest,
      });
    }
  } catch (error) {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: server.url,
    origin: new URL(server.url).origin,
    decks,
    async close() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
