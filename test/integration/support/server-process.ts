import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createDeckStore, type DeckStore } from '../../../lambdas/store/deck-store.js';
import type { ObjectStore } from '../../../lambdas/store/object-store.js';
import { textOf } from './deck-fixture.js';
import { lectureYaml } from './lectures.js';

export const PROCESS_TOKEN = 'process-test-token-0123';
const ROOT = join(import.meta.dirname, '..', '..', '..');

/** `npm start` as a real process (the built dist/server.mjs), on a port of its own. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'server.mjs')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      LECTERN_TOKEN: PROCESS_TOKEN,
      LECTERN_SEED: 'none',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`no address within 20 s:\n${seen}`)), 20_000);
    const read = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${seen}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    child,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** PUT a lecture; the status and version, or status 0 when the connection died (a killed server). */
export async function putLecture(
  url: string,
  id: string,
  marker: string,
): Promise<{ status: number; version?: string }> {
  try {
    const answer = await fetch(`${url}/api/decks/${id}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${PROCESS_TOKEN}`, 'content-type': 'application/yaml' },
      body: lectureYaml(id, marker),
    });
    const body = (await answer.json()) as { version?: string };
    return { status: answer.status, ...(body.version ? { version: body.version } : {}) };
  } catch {
    return { status: 0 };
  }
}

export async function deleteDeck(url: string, id: string): Promise<number> {
  try {
    const answer = await fetch(`${url}/api/decks/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${PROCESS_TOKEN}` },
    });
    return answer.status;
  } catch {
    return 0;
  }
}

/** Every listed deck serves one version, every file of it, and that version's deck.json names it. */
export async function expectEveryDeckWhole(
  objects: ObjectStore,
  expect: typeof import('vitest').expect,
): Promise<DeckStore> {
  const store = createDeckStore(objects);
  for (const deck of await store.listDecks()) {
    const version = await store.currentVersion(deck.id);
    expect(version, deck.id).toBe(deck.version);
    for (const name of ['index.html', 'handout.html']) {
      expect(
        textOf(await store.readVersionFile(deck.id, deck.version, name)),
        `${deck.id} ${name}`,
      ).toContain('</html>');
    }
    const manifest = JSON.parse(
      textOf(await store.readVersionFile(deck.id, deck.version, 'deck.json')) ?? '{}',
    );
    expect(manifest.version, deck.id).toBe(deck.version);
  }
  return store;
}
