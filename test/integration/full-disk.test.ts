import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenAuthorizer, singleAdmin } from '../../lambdas/api/authorize.js';
import { createApi } from '../../lambdas/api/create-api.js';
import { loadTemplates } from '../../lambdas/node/templates-fs.js';
import { createDeckStore } from '../../lambdas/store/deck-store.js';
import { createFsObjectStore } from '../../lambdas/store/fs-object-store.js';
import type { ObjectStore } from '../../lambdas/store/object-store.js';
import { apiEvent } from './support/api-event.js';
import { textOf } from './support/deck-fixture.js';
import { enospc } from './support/faulty-store.js';
import { lectureYaml } from './support/lectures.js';

const TOKEN = 'full-disk-token-0123';
const HEADERS = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/yaml' };
const DISK_BYTES = 384 * 1024;

let root: string;
let mounted = false;

/**
 * A real full disk where the machine allows it: a small tmpfs (needs root, as in CI's container).
 * Elsewhere the disk store's writes fail with ENOSPC once the same number of bytes is written.
 */
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'lectern-full-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${DISK_BYTES}`, 'tmpfs', root], { stdio: 'ignore' });
    mounted = true;
  } catch {
    mounted = false;
  }
});

afterAll(() => {
  if (mounted) execFileSync('umount', [root]);
  rmSync(root, { recursive: true, force: true });
});

function limitedBytes(objects: ObjectStore, budget: number): ObjectStore {
  let used = 0;
  return {
    ...objects,
    put(key, body, options) {
      used += typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
      return used > budget ? Promise.reject(enospc()) : objects.put(key, body, options);
    },
  };
}

describe('a full disk', () => {
  it('publishes until the disk is full, then answers 503; every deck that got 201 stays whole', async () => {
    const disk = createFsObjectStore(join(root, 'data'));
    const objects = mounted ? disk : limitedBytes(disk, DISK_BYTES);
    const store = createDeckStore(objects);
    const api = createApi({
      store,
      templates: loadTemplates(),
      authorize: createTokenAuthorizer(singleAdmin(TOKEN)),
    });
    const accepted = new Map<string, string>();
    let refused = 0;
    for (let i = 0; i < 200 && refused < 5; i += 1) {
      const id = `deck-${i % 4}`;
      const result = await api(
        apiEvent({
          method: 'PUT',
          path: `/api/decks/${id}`,
          body: lectureYaml(id, `text ${i} ${'words '.repeat(200)}`),
          headers: HEADERS,
        }),
      );
      if (result.statusCode === 201) accepted.set(id, JSON.parse(result.body ?? '{}').version);
      else {
        expect(result.statusCode, result.body).toBe(503);
        refused += 1;
      }
    }
    expect(refused, `filled ${mounted ? 'a tmpfs' : 'an ENOSPC budget'}`).toBeGreaterThan(0);
    expect(accepted.size).toBeGreaterThan(0);
    // Each deck stands at the last version that got 201, every file of it readable.
    for (const [id, version] of accepted) {
      expect(await store.currentVersion(id)).toBe(version);
      for (const name of ['index.html', 'handout.html', 'deck.json']) {
        expect(textOf(await store.readVersionFile(id, version, name)), `${id} ${name}`).toBeTruthy();
      }
      expect(JSON.parse(textOf(await store.readVersionFile(id, version, 'deck.json')) ?? '{}').version).toBe(
        version,
      );
    }
    // Nothing temporary is left behind to be served or to fill the disk further.
    const leftovers = readdirSync(join(root, 'data'), { recursive: true })
      .map(String)
      .filter((name) => name.includes('.tmp-'));
    expect(leftovers).toEqual([]);
  });
});
